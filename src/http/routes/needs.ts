import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cityFieldsAtDoor } from '../../application/city-directory.js';
import type { CommandResult } from '../../application/entity-result.js';
import { assessDraft, completenessFor } from '../../application/need-completeness.js';
import {
  approveNeed,
  createNeed,
  expireNeed,
  rejectNeed,
  submitNeed,
  updateNeed,
  withdrawNeed,
} from '../../application/need-service.js';
import { recordContactViewed } from '../../application/security-log.js';
import {
  needChangesSchema,
  needDraftSchema,
  needFieldsSchema,
  rejectNeedSchema,
} from '../../domain/need/commands.js';
import type { Need } from '../../domain/need/state.js';
import type { HttpDeps } from '../../server/deps.js';
import type { HttpEnv } from '../../server/env.js';
import { idempotency } from '../middleware/idempotency.js';
import { commandResponse, entityResponse, json, requestContext } from '../respond.js';
import {
  access,
  actionRoute,
  entitySchema,
  IdempotencyHeaders,
  IdParams,
  IfMatchHeaders,
  jsonBody,
  jsonResponse,
  problems,
  router,
} from '../route.js';

const WanRange = z.object({ min: z.number(), max: z.number() });
const Contact = z.object({ name: z.string(), phone: z.string(), email: z.string() });

const CompletenessSchema = z
  .object({
    score: z.number().int().min(0).max(100).openapi({ description: '完整度，0–100' }),
    hints: z
      .array(
        z.object({
          field: z.string().openapi({ description: '需补充的字段，如 problem、acceptanceCriteria' }),
          message: z.string().openapi({ description: '具体的补充建议' }),
        }),
      )
      .openapi({ description: '每个不足一条建议，按表单顺序' }),
  })
  .openapi('NeedCompleteness');

export const NeedSchema = entitySchema('Need', {
  orgId: z.string(),
  title: z.string(),
  description: z.string(),
  industry: z.string(),
  scenarioType: z.string(),
  technologies: z.array(z.string()),
  city: z.string(),
  budgetWan: WanRange,
  problem: z.string().nullable().openapi({ description: '现状与痛点' }),
  goals: z.string().nullable().openapi({ description: '建设目标' }),
  requirements: z.string().nullable().openapi({ description: '技术要求' }),
  acceptanceCriteria: z.array(z.string()).openapi({ description: '验收指标，每项一条' }),
  periodMonths: z.number().int().nullable().openapi({ description: '实施周期（月）' }),
  deadline: z.string().nullable(),
  campaignId: z.string().nullable(),
  contact: Contact.nullable().optional().openapi({ description: '仅平台、发布机构及已入围的服务商可见' }),
  contactWithheld: z
    .string()
    .optional()
    .openapi({ description: '已入围的服务商而需求方未同意共享联系方式时：需求方未同意共享联系方式' }),
  rejectionReason: z.string().nullable(),
  race: z
    .object({ maxParallel: z.number().int() })
    .nullable()
    .optional()
    .openapi({ description: '赛马：最多几家服务商并行试点；未设置时为 null，首家签约即进入实施' }),
  pilots: z.array(z.string()).optional().openapi({ description: '赛马中已签约试点的对接编号，按签约先后' }),
  engagementId: z
    .string()
    .nullable()
    .optional()
    .openapi({ description: '进入实施的对接；赛马中为选定的试点' }),
  publishedAt: z.string().nullable(),
  completeness: CompletenessSchema.optional().openapi({
    description: '完整度与补充建议：仅 GET 时返回，且仅发布机构与平台可见',
  }),
});

const action = (verb: string, summary: string, who: 'demander' | 'staff') =>
  actionRoute({ tag: 'needs', verb, summary, who: [who], response: NeedSchema });

/**
 * `/api/v1/needs`: one need, read by folding its stream, and its commands. The reads over the search index
 * live elsewhere: `GET /` (search with facets) and `GET /{id}/similar-cases` in needs-queries.ts,
 * `GET /{id}/matches` in matches.ts.
 */
export function needsRouter(deps: HttpDeps) {
  const door = cityFieldsAtDoor(deps.app.store);
  const { app, views } = deps;
  const creates = idempotency({ store: app.store, clock: app.clock, logger: app.logger });

  /** A command's need as its caller may see it: contact details only for those the entity views name. */
  const respond = async (c: Context<HttpEnv>, result: CommandResult<Need>, status: 200 | 201 = 200) =>
    commandResponse(c, app.store, await views.showNeed(c.get('actor'), result), {
      status,
      ...(status === 201 ? { location: `/api/v1/needs/${result.id}` } : {}),
    });

  const create = createRoute({
    method: 'post',
    path: '/',
    tags: ['needs'],
    summary: '发布场景需求（草稿）；不填联系人时用机构联系人',
    ...access(['demander'], creates),
    request: { headers: IdempotencyHeaders, body: jsonBody(needFieldsSchema.extend({ city: door.city })) },
    responses: {
      201: jsonResponse(NeedSchema, '新建的需求草稿'),
      ...problems(401, 403, 409, 413, 415, 422, 429),
    },
  });
  const get = createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['needs'],
    summary: '查看需求（未发布的仅本机构与平台可见）',
    ...access('signed-in'),
    request: { params: IdParams },
    responses: { 200: jsonResponse(NeedSchema, '需求'), ...problems(401, 403, 404) },
  });
  const update = createRoute({
    method: 'patch',
    path: '/{id}',
    tags: ['needs'],
    summary: '修改草稿或被退回的需求（If-Match）',
    ...access(['demander']),
    request: {
      params: IdParams,
      headers: IfMatchHeaders,
      body: jsonBody(needChangesSchema.extend({ city: door.city.optional() })),
    },
    responses: { 200: jsonResponse(NeedSchema, '修改后的需求'), ...problems(401, 403, 404, 409, 412, 422) },
  });
  const assess = createRoute({
    method: 'post',
    path: '/assess',
    tags: ['needs'],
    summary: '评估需求草稿的完整度并给出补充建议（不保存任何内容）',
    ...access(['demander', 'staff']),
    request: { body: jsonBody(needDraftSchema) },
    responses: {
      200: jsonResponse(CompletenessSchema, '完整度与补充建议'),
      ...problems(401, 403, 413, 415, 422, 429),
    },
  });
  const reject = createRoute({
    method: 'post',
    path: '/{id}/reject',
    tags: ['needs'],
    summary: '退回需求（平台），须说明原因',
    ...access(['staff']),
    request: { params: IdParams, headers: IfMatchHeaders, body: jsonBody(rejectNeedSchema) },
    responses: { 200: jsonResponse(NeedSchema, '被退回的需求'), ...problems(401, 403, 404, 409, 412, 422) },
  });

  return router()
    .openapi(create, async (c) =>
      respond(c, await createNeed(app, requestContext(c), c.req.valid('json')), 201),
    )
    .openapi(assess, (c) => json(c, assessDraft(c.req.valid('json'))))
    .openapi(get, async (c) => {
      const actor = c.get('actor');
      const need = await views.viewNeed(actor, c.req.valid('param').id);
      await recordContactViewed(app, requestContext(c), need.state);
      const completeness = completenessFor(actor, need.state);
      return entityResponse(c, need, {
        view: (state) => (completeness ? { ...state, completeness } : state),
      });
    })
    .openapi(update, async (c) =>
      respond(c, await updateNeed(app, requestContext(c), c.req.valid('param').id, c.req.valid('json'))),
    )
    .openapi(action('submit', '提交审核（需求方）', 'demander'), async (c) =>
      respond(c, await submitNeed(app, requestContext(c), c.req.valid('param').id)),
    )
    .openapi(action('approve', '审核通过（平台）；不属于征集批次的需求随即发布', 'staff'), async (c) =>
      respond(c, await approveNeed(app, requestContext(c), c.req.valid('param').id)),
    )
    .openapi(reject, async (c) =>
      respond(c, await rejectNeed(app, requestContext(c), c.req.valid('param').id, c.req.valid('json'))),
    )
    .openapi(action('withdraw', '撤回需求（需求方）', 'demander'), async (c) =>
      respond(c, await withdrawNeed(app, requestContext(c), c.req.valid('param').id)),
    )
    .openapi(action('expire', '关闭已过截止日期的需求（平台）', 'staff'), async (c) =>
      respond(c, await expireNeed(app, requestContext(c), c.req.valid('param').id)),
    );
}
