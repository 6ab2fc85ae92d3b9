import { createRoute, z } from '@hono/zod-openapi';
import { inboxQuerySchema } from '../../notifications/inbox-query.js';
import type { HttpDeps } from '../../server/deps.js';
import { json } from '../respond.js';
import { access, IdParams, jsonResponse, problems, router } from '../route.js';

const NotificationSchema = z
  .object({
    id: z.string(),
    type: z.string().openapi({ example: 'engagement.shortlisted' }),
    title: z.string().openapi({ example: '您的揭榜已入围' }),
    body: z.string(),
    link: z
      .string()
      .openapi({ description: '站内页面路径', example: '/engagements/0194c4a2-7b1e-7c3a-9f00-3c1d2e4f5a6b' }),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

const InboxSchema = z
  .object({
    items: z.array(NotificationSchema),
    unread: z.number().int().openapi({ description: '全部未读通知数' }),
    total: z.number().int().openapi({ description: '符合筛选条件的通知数' }),
  })
  .openapi('Inbox');

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['notifications'],
  summary: '我的通知，最新的在前；只有收件人本人看得到',
  ...access('signed-in'),
  request: { query: inboxQuerySchema },
  responses: { 200: jsonResponse(InboxSchema, '一页通知与未读数'), ...problems(401, 422, 429) },
});

const read = createRoute({
  method: 'post',
  path: '/{id}/read',
  tags: ['notifications'],
  summary: '把一条通知标为已读；已读的再标一次不变',
  ...access('signed-in'),
  request: { params: IdParams },
  responses: { 200: jsonResponse(NotificationSchema, '已读的通知'), ...problems(401, 404, 429) },
});

const readAll = createRoute({
  method: 'post',
  path: '/read-all',
  tags: ['notifications'],
  summary: '把此刻的全部通知标为已读',
  ...access('signed-in'),
  responses: {
    200: jsonResponse(z.object({ unread: z.number().int() }).openapi('InboxUnread'), '余下的未读数'),
    ...problems(401, 429),
  },
});

/** `/api/v1/me/notifications`: the caller's own inbox, and nobody else's. */
export function notificationsRouter(deps: HttpDeps) {
  const { inbox } = deps;
  return router()
    .openapi(list, async (c) => json(c, await inbox.page(c.get('actor').userId ?? '', c.req.valid('query'))))
    .openapi(read, async (c) => json(c, await inbox.markRead(c.get('actor'), c.req.valid('param').id)))
    .openapi(readAll, async (c) => json(c, await inbox.markAllRead(c.get('actor'))));
}
