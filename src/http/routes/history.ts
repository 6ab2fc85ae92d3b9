import { createRoute, z } from '@hono/zod-openapi';
import { entityHistory, HISTORY_PAGE } from '../../application/history/entity-history.js';
import { HISTORY_KINDS, type HistoryKind, kindLabels } from '../../application/history/subjects.js';
import { activityQuerySchema, recentActivity } from '../../application/queries/activity-query.js';
import type { ActivityDocument } from '../../projections/activity-projection.js';
import type { HttpDeps } from '../../server/deps.js';
import { readAfter } from '../read-your-writes.js';
import { json } from '../respond.js';
import { access, jsonResponse, problems, router } from '../route.js';
import { afterShape, hitSchema, listSchema } from './read-model.js';

/** Each entity's history under its own resource: `/needs/{id}/history`, `/orgs/{id}/history` … */
const RESOURCES: Record<HistoryKind, string> = {
  need: 'needs',
  solution: 'solutions',
  org: 'orgs',
  engagement: 'engagements',
  campaign: 'campaigns',
  'match-round': 'match-rounds',
  case: 'cases',
};

const HistoryParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: '0194c4a2-7b1e-7c3a-9f00-3c1d2e4f5a6b' }),
});

const HistoryQuery = z.object({
  from: z.coerce
    .number({ error: '起始版本须为非负整数' })
    .int('起始版本须为非负整数')
    .min(0, '起始版本须为非负整数')
    .default(0),
  limit: z.coerce
    .number({ error: `条数须为 1 到 ${HISTORY_PAGE} 的整数` })
    .int(`条数须为 1 到 ${HISTORY_PAGE} 的整数`)
    .min(1, `条数须为 1 到 ${HISTORY_PAGE} 的整数`)
    .max(HISTORY_PAGE, `条数须为 1 到 ${HISTORY_PAGE} 的整数`)
    .default(HISTORY_PAGE),
});

const PersonSchema = z.object({
  userId: z.string().nullable(),
  name: z.string().openapi({ description: '操作人的用户名；无人操作时为“系统”' }),
  orgId: z.string().nullable(),
  orgName: z.string().openapi({ description: '操作人所属机构；平台工作人员为“平台”' }),
  role: z.string(),
});

const HistorySchema = z
  .object({
    kind: z.string(),
    kindLabel: z.string(),
    id: z.string(),
    title: z.string(),
    entries: z.array(
      z.object({
        revision: z.number().int(),
        type: z.string(),
        what: z.string().openapi({ description: '发生了什么（中文）', example: '审核通过' }),
        at: z.string(),
        who: PersonSchema,
        changes: z.array(z.object({ field: z.string(), value: z.string() })),
      }),
    ),
    next: z.number().int().nullable().openapi({ description: '下一页的 from；没有更多时为 null' }),
  })
  .openapi('EntityHistory');

const ActivityHitSchema = hitSchema<ActivityDocument>()({
  position: z.number().int(),
  kind: z.string(),
  entityId: z.string(),
  title: z.string(),
  type: z.string(),
  what: z.string(),
  at: z.string(),
  userId: z.string(),
  who: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  role: z.string(),
}).openapi('ActivityHit');

/**
 * `/api/v1/<entities>/{id}/history`: an entity's history in Chinese, for staff and the organizations it
 * belongs to; `/api/v1/activity`: the platform's recent activity for staff, newest first.
 */
export function historyRouter(deps: HttpDeps) {
  const historyRoute = (kind: HistoryKind) =>
    createRoute({
      method: 'get',
      path: `/${RESOURCES[kind]}/{id}/history`,
      tags: ['audit'],
      summary: `${kindLabels[kind]}的历史记录：发生了什么、谁（姓名与机构）、何时、改了什么；平台与所属机构可查看`,
      ...access('signed-in'),
      request: { params: HistoryParams, query: HistoryQuery },
      responses: {
        200: jsonResponse(HistorySchema, '历史记录，按时间先后'),
        ...problems(401, 403, 404, 422),
      },
    });
  const activity = createRoute({
    method: 'get',
    path: '/activity',
    tags: ['audit'],
    summary: '平台动态（平台）：最近的操作，按时间倒序，可按操作人、类别、日期筛选',
    ...access(['staff'], readAfter(deps.projections)),
    request: { query: activityQuerySchema.safeExtend(afterShape) },
    responses: {
      200: jsonResponse(listSchema('ActivityList', ActivityHitSchema), '一页平台动态'),
      ...problems(401, 403, 422),
    },
  });
  const api = router().openapi(activity, async (c) =>
    json(c, await recentActivity(deps.search, c.get('actor'), c.req.valid('query'))),
  );
  for (const kind of HISTORY_KINDS) {
    api.openapi(historyRoute(kind), async (c) =>
      json(
        c,
        await entityHistory(deps.app, c.get('actor'), kind, c.req.valid('param').id, c.req.valid('query')),
      ),
    );
  }
  return api;
}
