import { createRoute, z } from '@hono/zod-openapi';
import { emailChoiceSchema, notificationSettingsInput } from '../../notifications/settings.js';
import { notificationTypes } from '../../notifications/settings-messages.js';
import {
  changeNotificationSettings,
  getNotificationSettings,
  stopEmailsByLink,
} from '../../notifications/settings-service.js';
import type { HttpDeps } from '../../server/deps.js';
import { json, requestContext } from '../respond.js';
import { access, jsonBody, jsonResponse, problems, router } from '../route.js';

const SettingsSchema = z
  .object({
    email: z.string().nullable().openapi({ description: '本人设置的邮箱；null 表示使用机构联系邮箱' }),
    orgEmail: z.string().nullable().openapi({ description: '所在机构的联系邮箱' }),
    sendsTo: z.string().nullable().openapi({ description: '邮件实际发往的地址；null 表示无处可发' }),
    choices: z.record(z.enum(notificationTypes), emailChoiceSchema),
    revision: z.number().int(),
  })
  .openapi('NotificationSettings');

const get = createRoute({
  method: 'get',
  path: '/me/notification-settings',
  tags: ['notifications'],
  summary: '我的通知设置：邮件发往何处，每类通知立即、每日汇总或不发送',
  ...access('signed-in'),
  responses: { 200: jsonResponse(SettingsSchema, '通知设置'), ...problems(401, 429) },
});

const put = createRoute({
  method: 'put',
  path: '/me/notification-settings',
  tags: ['notifications'],
  summary: '修改我的通知设置；未给出的项保持不变',
  ...access('signed-in'),
  request: { body: jsonBody(notificationSettingsInput) },
  responses: {
    200: jsonResponse(SettingsSchema, '修改后的通知设置'),
    ...problems(400, 401, 413, 415, 422, 429),
  },
});

const unsubscribe = createRoute({
  method: 'post',
  path: '/unsubscribe/{token}',
  tags: ['notifications'],
  summary: '一键退订（RFC 8058，邮件客户端按 List-Unsubscribe 头发起）：停止链接所指的几类通知邮件，无需登录',
  ...access('public'),
  request: {
    params: z.object({
      token: z
        .string()
        .min(1)
        .openapi({ param: { name: 'token', in: 'path' }, description: '邮件中退订链接的凭据' }),
    }),
  },
  responses: {
    200: jsonResponse(z.object({ types: z.array(z.string()) }).openapi('Unsubscribed'), '已停止的通知类型'),
    ...problems(404, 422, 429),
  },
});

/** `/api/v1/me/notification-settings`, and the one-click unsubscribe that mail clients post to. */
export function notificationSettingsRouter(deps: HttpDeps) {
  return router()
    .openapi(get, async (c) => json(c, await getNotificationSettings(deps.app, c.get('actor'))))
    .openapi(put, async (c) =>
      json(c, await changeNotificationSettings(deps.app, requestContext(c), c.req.valid('json'))),
    )
    .openapi(unsubscribe, async (c) =>
      json(
        c,
        await stopEmailsByLink(deps.app, requestContext(c), deps.unsubscribe, c.req.valid('param').token),
      ),
    );
}
