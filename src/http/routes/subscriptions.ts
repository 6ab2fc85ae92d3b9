import { createRoute, z } from '@hono/zod-openapi';
import { listSubscriptions, subscribe, unsubscribe } from '../../application/subscription-service.js';
import { subscribeInput } from '../../domain/subscription/commands.js';
import type { HttpDeps } from '../../server/deps.js';
import { json, requestContext } from '../respond.js';
import { access, IdParams, jsonBody, jsonResponse, problems, router } from '../route.js';

const TAG = 'subscriptions';

const SubscriptionSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['needs', 'solutions']),
    q: z.string().openapi({ description: '关键词；空表示只按筛选条件' }),
    industries: z.array(z.string()),
    technologies: z.array(z.string()),
    cities: z.array(z.string()),
    channels: z.array(z.enum(['inbox', 'email', 'webhook'])),
    createdAt: z.string(),
  })
  .openapi('Subscription');

const create = createRoute({
  method: 'post',
  path: '/',
  tags: [TAG],
  summary: '订阅一个搜索：此后发布的、该搜索会找到的需求或方案，都会通知您（每条只通知一次）',
  ...access('signed-in'),
  request: { body: jsonBody(subscribeInput) },
  responses: {
    201: jsonResponse(SubscriptionSchema, '新的订阅'),
    ...problems(401, 409, 413, 415, 422, 429),
  },
});

const list = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: '我的订阅，最新的在前；只有本人看得到',
  ...access('signed-in'),
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(SubscriptionSchema) }).openapi('SubscriptionList'),
      '订阅列表',
    ),
    ...problems(401, 429),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: [TAG],
  summary: '取消一个订阅；别人的或不存在的订阅答 404',
  ...access('signed-in'),
  request: { params: IdParams },
  responses: { 204: { description: '已取消' }, ...problems(401, 404, 429) },
});

/** `/api/v1/me/subscriptions`: the caller's own saved searches, and nobody else's. */
export function subscriptionsRouter(deps: HttpDeps) {
  const { app } = deps;
  return router()
    .openapi(create, async (c) => {
      const { subscription, position } = await subscribe(app, requestContext(c), c.req.valid('json'));
      c.header('Location', `/api/v1/me/subscriptions/${subscription.id}`);
      c.header('X-Position', String(position));
      return json(c, subscription, 201);
    })
    .openapi(list, async (c) => json(c, { items: await listSubscriptions(app, c.get('actor')) }))
    .openapi(remove, async (c) => {
      const position = await unsubscribe(app, requestContext(c), c.req.valid('param').id);
      c.header('X-Position', String(position));
      return c.body(null, 204);
    });
}
