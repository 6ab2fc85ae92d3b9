import { createRoute, z } from '@hono/zod-openapi';
import {
  acceptRecommendation,
  applyToNeed,
  confirmDelivery,
  declineEngagement,
  rateEngagement,
  recommendSolution,
  scheduleMeeting,
  shortlistEngagement,
  signEngagement,
  withdrawEngagement,
  withdrawSignature,
} from '../../application/engagement-service.js';
import {
  acceptRecommendationInput,
  applyToNeedInput,
  declineEngagementInput,
  rateEngagementInput,
  recommendSolutionInput,
  scheduleMeetingInput,
  shortlistEngagementInput,
  signEngagementInput,
  withdrawEngagementInput,
} from '../../domain/engagement/commands.js';
import type { HttpDeps } from '../../server/deps.js';
import { idempotency } from '../middleware/idempotency.js';
import { commandResponse, entityResponse, requestContext } from '../respond.js';
import {
  type Access,
  access,
  actionRoute,
  bodyActionRoute,
  entitySchema,
  IdempotencyHeaders,
  IdParams,
  jsonBody,
  jsonResponse,
  problems,
  router,
} from '../route.js';

const Side = z.enum(['demander', 'vendor']);

export const EngagementSchema = entitySchema('Engagement', {
  needId: z.string(),
  needOrgId: z.string(),
  solutionId: z.string(),
  vendorId: z.string(),
  origin: z.enum(['applied', 'recommended']).nullable(),
  proposal: z.string().nullable(),
  quoteWan: z.number().nullable(),
  contactShared: z.boolean().openapi({ description: '需求方入围时是否同意向服务商共享联系方式' }),
  meeting: z.object({ at: z.string(), location: z.string(), scheduledBy: Side }).nullable(),
  signatures: z.record(z.string(), z.object({ amountWan: z.number(), at: z.string() })),
  amountWan: z.number().nullable(),
  signedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  pilot: z.boolean().optional().openapi({ description: '是否为赛马中签约的试点' }),
  pilotOutcome: z
    .enum(['selected', 'not_selected'])
    .nullable()
    .optional()
    .openapi({ description: '试点结果：selected 入选，not_selected 试点结束（未入选）；进行中为 null' }),
  ratings: z.record(z.string(), z.object({ score: z.number(), comment: z.string(), at: z.string() })),
  history: z.array(z.object({ status: z.string(), at: z.string() })),
});

const TAG = 'engagements';
const DEMANDER: Access = ['demander'];
const VENDOR: Access = ['vendor'];
const EITHER: Access = ['demander', 'vendor'];

/**
 * Engagements (对接): opened on a need (`/needs/{id}/applications` 揭榜, `/needs/{id}/recommendations`),
 * then moved along at `/engagements/{id}/...`. Mounted at `/api/v1`. The list over the engagement projection,
 * `GET /engagements?needId=&vendorId=&status=`, is added by engagements-queries.ts.
 */
export function engagementsRouter(deps: HttpDeps) {
  const { app } = deps;
  const creates = idempotency({ store: app.store, clock: app.clock, logger: app.logger });
  const location = (id: string) => `/api/v1/engagements/${id}`;

  const opening = <Body extends z.ZodType>(path: string, summary: string, who: Access, body: Body) =>
    createRoute({
      method: 'post',
      path,
      tags: [TAG],
      summary,
      ...access(who, creates),
      request: { params: IdParams, headers: IdempotencyHeaders, body: jsonBody(body) },
      responses: {
        201: jsonResponse(EngagementSchema, '新建的对接'),
        ...problems(401, 403, 404, 409, 413, 415, 422, 429),
      },
    });
  const apply = opening(
    '/needs/{id}/applications',
    '揭榜：服务商以本机构已发布的方案承接需求',
    VENDOR,
    applyToNeedInput,
  );
  const recommend = opening(
    '/needs/{id}/recommendations',
    '推荐方案给需求（平台）',
    ['staff'],
    recommendSolutionInput,
  );
  const get = createRoute({
    method: 'get',
    path: '/engagements/{id}',
    tags: [TAG],
    summary: '查看对接（对接双方与平台）',
    ...access('signed-in'),
    request: { params: IdParams },
    responses: { 200: jsonResponse(EngagementSchema, '对接'), ...problems(401, 403, 404) },
  });
  const prefix = '/engagements';
  const withBody = <Body extends z.ZodType>(
    verb: string,
    summary: string,
    who: Access,
    body: Body,
    required = true,
  ) => bodyActionRoute({ tag: TAG, verb, summary, who, body, required, response: EngagementSchema, prefix });
  const bare = (verb: string, summary: string, who: Access) =>
    actionRoute({ tag: TAG, verb, summary, who, response: EngagementSchema, prefix });

  return router()
    .openapi(apply, async (c) => {
      const engagement = await applyToNeed(
        app,
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return commandResponse(c, app.store, engagement, { status: 201, location: location(engagement.id) });
    })
    .openapi(recommend, async (c) => {
      const engagement = await recommendSolution(
        app,
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return commandResponse(c, app.store, engagement, { status: 201, location: location(engagement.id) });
    })
    .openapi(get, async (c) =>
      entityResponse(c, await deps.views.viewEngagement(c.get('actor'), c.req.valid('param').id)),
    )
    .openapi(
      withBody('accept', '接受平台推荐并提交方案说明与报价（服务商）', VENDOR, acceptRecommendationInput),
      async (c) => {
        const { id } = c.req.valid('param');
        return commandResponse(
          c,
          app.store,
          await acceptRecommendation(app, requestContext(c), id, c.req.valid('json')),
        );
      },
    )
    .openapi(
      withBody(
        'shortlist',
        '入围（需求方）；shareContact 为 true 时同意服务商查看需求联系人',
        DEMANDER,
        shortlistEngagementInput,
        false,
      ),
      async (c) => {
        const { id } = c.req.valid('param');
        return commandResponse(
          c,
          app.store,
          await shortlistEngagement(app, requestContext(c), id, c.req.valid('json')),
        );
      },
    )
    .openapi(
      withBody('decline', '婉拒（需求方，签约前），须说明原因', DEMANDER, declineEngagementInput),
      async (c) => {
        const { id } = c.req.valid('param');
        return commandResponse(
          c,
          app.store,
          await declineEngagement(app, requestContext(c), id, c.req.valid('json')),
        );
      },
    )
    .openapi(
      withBody('withdraw', '撤回（服务商，签约前）', VENDOR, withdrawEngagementInput, false),
      async (c) => {
        const { id } = c.req.valid('param');
        return commandResponse(
          c,
          app.store,
          await withdrawEngagement(app, requestContext(c), id, c.req.valid('json')),
        );
      },
    )
    .openapi(withBody('schedule-meeting', '安排约谈（任一方）', EITHER, scheduleMeetingInput), async (c) => {
      const { id } = c.req.valid('param');
      return commandResponse(
        c,
        app.store,
        await scheduleMeeting(app, requestContext(c), id, c.req.valid('json')),
      );
    })
    .openapi(
      withBody('sign', '签约（双方各一次，金额一致后生效）', EITHER, signEngagementInput),
      async (c) => {
        const { id } = c.req.valid('param');
        return commandResponse(
          c,
          app.store,
          await signEngagement(app, requestContext(c), id, c.req.valid('json')),
        );
      },
    )
    .openapi(
      bare('withdraw-signature', '撤回本方签约金额（任一方，签约生效前），以便重新填写', EITHER),
      async (c) =>
        commandResponse(
          c,
          app.store,
          await withdrawSignature(app, requestContext(c), c.req.valid('param').id),
        ),
    )
    .openapi(bare('deliver', '确认交付（需求方）', DEMANDER), async (c) =>
      commandResponse(c, app.store, await confirmDelivery(app, requestContext(c), c.req.valid('param').id)),
    )
    .openapi(withBody('rate', '评价（双方各一次，交付后）', EITHER, rateEngagementInput), async (c) => {
      const { id } = c.req.valid('param');
      return commandResponse(
        c,
        app.store,
        await rateEngagement(app, requestContext(c), id, c.req.valid('json')),
      );
    });
}
