import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../application/deps.js';
import type { MatchRoundService } from '../../application/match-round-service.js';
import { matchRoundListQuery } from '../../application/queries/match-rounds-query.js';
import { engageRecommendationInput, startMatchRoundInput } from '../../domain/match-round/commands.js';
import type { MatchRoundDocument } from '../../projections/match-rounds-projection.js';
import { idempotency } from '../middleware/idempotency.js';
import { type ProjectionStatus, readAfter } from '../read-your-writes.js';
import { commandResponse, entityResponse, json, requestContext } from '../respond.js';
import {
  access,
  entitySchema,
  IdempotencyHeaders,
  IdParams,
  jsonBody,
  jsonResponse,
  problems,
  router,
} from '../route.js';
import { EngagementSchema } from './engagements.js';
import { afterShape, hitSchema, listSchema } from './read-model.js';

const Recommendation = z.object({ solutionId: z.string(), vendorId: z.string(), score: z.number() });

export const MatchRoundSchema = entitySchema('MatchRound', {
  campaignId: z.string(),
  topK: z.number().int(),
  capacityPerVendor: z.number().int(),
  needIds: z.array(z.string()),
  startedBy: z.string().nullable(),
  startedAt: z.string().nullable(),
  progress: z
    .object({ done: z.number().int(), total: z.number().int() })
    .openapi({ description: '已评分的需求数' }),
  results: z.array(z.object({ needId: z.string(), recommendations: z.array(Recommendation) })).openapi({
    description: '每条需求至多 topK 家服务商，分高者在前；任一服务商被推荐不超过 capacityPerVendor 次',
  }),
  totalScore: z.number().nullable().openapi({ description: '在容量约束下的最优总分（最小费用流）' }),
  greedyScore: z
    .number()
    .nullable()
    .openapi({ description: '同样约束下按分数从高到低贪心分配的总分，供对比' }),
  failureReason: z.string().nullable(),
  engaged: z.array(
    z.object({
      needId: z.string(),
      solutionId: z.string(),
      vendorId: z.string(),
      engagementId: z.string(),
      at: z.string(),
    }),
  ),
  completedAt: z.string().nullable(),
});

const RoundStartedSchema = z.object({ roundId: z.string() }).openapi('MatchRoundStarted');

const MatchRoundHitSchema = hitSchema<MatchRoundDocument>()({
  campaignId: z.string(),
  campaignTitle: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  topK: z.number().int(),
  capacityPerVendor: z.number().int(),
  needCount: z.number().int(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  recommendationCount: z.number().int(),
  engagedCount: z.number().int().openapi({ description: '已转为对接的推荐数' }),
  totalScore: z.number().nullable(),
  greedyScore: z.number().nullable(),
  failureReason: z.string().nullable(),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
}).openapi('MatchRoundHit');

export interface MatchRoundsRouterDeps {
  app: AppDeps;
  rounds: MatchRoundService;
  projections: ProjectionStatus;
}

/**
 * 云速配 match rounds over a campaign (staff). Mounted at `/api/v1`. A round runs in the background: start it,
 * then read it until `status` is `completed` (or `failed`); its recommendations become engagements one by one.
 */
export function matchRoundsRouter(deps: MatchRoundsRouterDeps) {
  const { app, rounds } = deps;
  const creates = idempotency({ store: app.store, clock: app.clock, logger: app.logger });

  const start = createRoute({
    method: 'post',
    path: '/campaigns/{id}/match-rounds',
    tags: ['matching', 'campaigns'],
    summary:
      '发起云速配匹配轮次（平台）：为征集批次每条已发布需求推荐至多 topK 家服务商，每家服务商至多被推荐 capacityPerVendor 次',
    ...access(['staff'], creates),
    request: { params: IdParams, headers: IdempotencyHeaders, body: jsonBody(startMatchRoundInput) },
    responses: {
      202: jsonResponse(RoundStartedSchema, '轮次已开始，在后台运行；Location 指向轮次'),
      ...problems(401, 403, 404, 409, 413, 415, 422, 429),
    },
  });
  const list = createRoute({
    method: 'get',
    path: '/campaigns/{id}/match-rounds',
    tags: ['matching', 'campaigns'],
    summary: '征集批次的匹配轮次列表，新近发起的在前：状态、参数、进度与推荐数（平台）',
    ...access(['staff'], readAfter(deps.projections)),
    request: { params: IdParams, query: matchRoundListQuery.safeExtend(afterShape) },
    responses: {
      200: jsonResponse(listSchema('MatchRoundList', MatchRoundHitSchema), '一页匹配轮次'),
      ...problems(401, 403, 404, 422, 429),
    },
  });
  const get = createRoute({
    method: 'get',
    path: '/match-rounds/{id}',
    tags: ['matching'],
    summary: '查看匹配轮次：状态（running|completed|failed）、进度与推荐结果（平台）',
    ...access(['staff']),
    request: { params: IdParams },
    responses: { 200: jsonResponse(MatchRoundSchema, '匹配轮次'), ...problems(401, 403, 404) },
  });
  const engage = createRoute({
    method: 'post',
    path: '/match-rounds/{id}/engagements',
    tags: ['matching', 'engagements'],
    summary: '将本轮的一条推荐转为对接（平台推荐）',
    ...access(['staff'], creates),
    request: { params: IdParams, headers: IdempotencyHeaders, body: jsonBody(engageRecommendationInput) },
    responses: {
      201: jsonResponse(EngagementSchema, '新建的对接（recommended）'),
      ...problems(401, 403, 404, 409, 413, 415, 422, 429),
    },
  });

  return router()
    .openapi(start, async (c) => {
      const round = await rounds.start(requestContext(c), c.req.valid('param').id, c.req.valid('json'));
      c.header('X-Position', String(round.position));
      c.header('Location', `/api/v1/match-rounds/${round.id}`);
      return json(c, { roundId: round.id }, 202);
    })
    .openapi(list, async (c) =>
      json(c, await rounds.list(requestContext(c), c.req.valid('param').id, c.req.valid('query'))),
    )
    .openapi(get, async (c) =>
      entityResponse(c, await rounds.get(requestContext(c), c.req.valid('param').id)),
    )
    .openapi(engage, async (c) => {
      const engagement = await rounds.engage(requestContext(c), c.req.valid('param').id, c.req.valid('json'));
      return commandResponse(c, app.store, engagement, {
        status: 201,
        location: `/api/v1/engagements/${engagement.id}`,
      });
    });
}
