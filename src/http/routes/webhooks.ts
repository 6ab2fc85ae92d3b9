import { createRoute, z } from '@hono/zod-openapi';
import { webhookInput } from '../../notifications/webhook.js';
import {
  addWebhook,
  listDeliveries,
  listWebhooks,
  removeWebhook,
} from '../../notifications/webhook-service.js';
import type { HttpDeps } from '../../server/deps.js';
import { json, requestContext } from '../respond.js';
import { access, IdParams, jsonBody, jsonResponse, problems, router } from '../route.js';

const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    types: z.array(z.string()),
    status: z.enum(['active', 'disabled']).openapi({ description: 'disabled：连续一天推送失败，已停用' }),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
    disabledReason: z.string().nullable(),
  })
  .openapi('Webhook');

const DeliverySchema = z
  .object({
    id: z.string().openapi({ description: '投递编号，也是每次推送的 Idempotency-Key' }),
    type: z.string(),
    status: z.enum(['pending', 'delivered', 'abandoned']),
    attempts: z.number().int(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    body: z.string(),
  })
  .openapi('WebhookDelivery');

const HookParams = IdParams.extend({
  hookId: z
    .string()
    .min(1)
    .openapi({ param: { name: 'hookId', in: 'path' } }),
});

const add = createRoute({
  method: 'post',
  path: '/orgs/{id}/webhooks',
  tags: ['webhooks'],
  summary: '为机构添加 Webhook（本机构用户或平台工作人员）；推送以 HMAC-SHA256 签名，见 docs/webhooks.md',
  ...access('signed-in'),
  request: { params: IdParams, body: jsonBody(webhookInput) },
  responses: {
    201: jsonResponse(WebhookSchema, '新的 Webhook（不含密钥）'),
    ...problems(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
});

const list = createRoute({
  method: 'get',
  path: '/orgs/{id}/webhooks',
  tags: ['webhooks'],
  summary: '机构的 Webhook 列表（不含密钥）',
  ...access('signed-in'),
  request: { params: IdParams },
  responses: {
    200: jsonResponse(z.object({ items: z.array(WebhookSchema) }).openapi('Webhooks'), 'Webhook 列表'),
    ...problems(401, 403, 404, 429),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/orgs/{id}/webhooks/{hookId}',
  tags: ['webhooks'],
  summary: '删除 Webhook；尚未送达的推送随之放弃',
  ...access('signed-in'),
  request: { params: HookParams },
  responses: { 204: { description: '已删除' }, ...problems(401, 403, 404, 429) },
});

const deliveries = createRoute({
  method: 'get',
  path: '/orgs/{id}/webhooks/{hookId}/deliveries',
  tags: ['webhooks'],
  summary: '推送记录，最新的在前：状态、尝试次数、最近的错误',
  ...access('signed-in'),
  request: { params: HookParams },
  responses: {
    200: jsonResponse(z.object({ items: z.array(DeliverySchema) }).openapi('WebhookDeliveries'), '推送记录'),
    ...problems(401, 403, 404, 429),
  },
});

/** `/api/v1/orgs/{id}/webhooks`: an organization's webhooks and their delivery log. */
export function webhooksRouter(deps: HttpDeps) {
  const { app } = deps;
  return router()
    .openapi(add, async (c) =>
      json(c, await addWebhook(app, requestContext(c), c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .openapi(list, async (c) =>
      json(c, { items: await listWebhooks(app, c.get('actor'), c.req.valid('param').id) }),
    )
    .openapi(remove, async (c) => {
      const { id, hookId } = c.req.valid('param');
      await removeWebhook(app, requestContext(c), id, hookId);
      return c.body(null, 204);
    })
    .openapi(deliveries, async (c) => {
      const { id, hookId } = c.req.valid('param');
      return json(c, { items: await listDeliveries(app, c.get('actor'), id, hookId) });
    });
}
