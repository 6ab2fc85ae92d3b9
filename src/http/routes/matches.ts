import { createRoute, z } from '@hono/zod-openapi';
import type { MatchingService } from '../../application/matching-service.js';
import { readAfter } from '../read-your-writes.js';
import { json, readModelJson } from '../respond.js';
import { access, IdParams, jsonResponse, problems, router } from '../route.js';
import { afterShape, type ReadModelDeps } from './read-model.js';

const MAX_MATCHES = 50;

const LIMIT_MESSAGE = `条数须为 1 到 ${MAX_MATCHES} 的整数`;

const MatchQuery = z.object({
  limit: z.coerce
    .number({ error: LIMIT_MESSAGE })
    .int(LIMIT_MESSAGE)
    .min(1, LIMIT_MESSAGE)
    .max(MAX_MATCHES, LIMIT_MESSAGE)
    .optional()
    .openapi({ description: `返回条数，默认 10，至多 ${MAX_MATCHES}`, example: 10 }),
  ...afterShape,
});

const OrgIdParams = z.object({
  orgId: z
    .string()
    .min(1)
    .openapi({ param: { name: 'orgId', in: 'path' }, example: '0194c4a2-7b1e-7c3a-9f00-3c1d2e4f5a6b' }),
});

const ReasonSchema = z
  .object({
    factor: z.enum([
      'text',
      'technology',
      'industry',
      'scenario',
      'region',
      'budget',
      'trackRecord',
      'qualification',
      'freshness',
    ]),
    weight: z.number(),
    score: z.number().openapi({ description: '0 到 1' }),
    detail: z.string().openapi({ example: '技术匹配：机器视觉、人工智能' }),
  })
  .openapi('MatchReason');

const reasons = z.array(ReasonSchema).openapi({ description: '各匹配因子，贡献（权重 × 得分）大的在前' });

/** When the stored list was ranked; null when the listing has none (not open, or not ranked yet). */
const listTimes = {
  computedAt: z
    .string()
    .nullable()
    .openapi({ description: '该匹配列表的计算时间', example: '2025-03-01T08:00:00.000Z' }),
  statisticsAt: z
    .string()
    .nullable()
    .openapi({ description: '计算所用语料统计（词权重）的生成时间', example: '2025-03-01T07:00:00.000Z' }),
};

const NeedMatchesSchema = z
  .object({
    needId: z.string(),
    results: z.array(z.object({ solutionId: z.string(), vendorId: z.string(), score: z.number(), reasons })),
    ...listTimes,
  })
  .openapi('NeedMatches');

const NeedMatch = z.object({ needId: z.string(), solutionId: z.string(), score: z.number(), reasons });

const SolutionMatchesSchema = z
  .object({ solutionId: z.string(), results: z.array(NeedMatch), ...listTimes })
  .openapi('SolutionMatches');

const RecommendedNeedsSchema = z
  .object({ vendorId: z.string(), results: z.array(NeedMatch) })
  .openapi('RecommendedNeeds');

export interface MatchesRouterDeps extends ReadModelDeps {
  matching: MatchingService;
}

/**
 * 云速配 results, each with the factors that explain it. Mounted at `/api/v1`. A need's or a solution's matches
 * are its stored list, kept by the match-list projections: nothing is ranked on the request path (`?after=`
 * waits for the caller's own writes). Staff see every result, an organization those of its own listings.
 */
export function matchesRouter(deps: MatchesRouterDeps) {
  const { matching } = deps;
  const needMatches = createRoute({
    method: 'get',
    path: '/needs/{id}/matches',
    tags: ['matching'],
    summary: '云速配：为需求推荐解决方案，附各因子得分与说明及计算时间（平台、需求发布机构）',
    ...access('signed-in', readAfter(deps.projections)),
    request: { params: IdParams, query: MatchQuery },
    responses: {
      200: jsonResponse(NeedMatchesSchema, '最匹配的方案在前'),
      ...problems(401, 403, 404, 422, 429),
    },
  });
  const solutionMatches = createRoute({
    method: 'get',
    path: '/solutions/{id}/matches',
    tags: ['matching'],
    summary: '云速配反向匹配：为方案推荐开放中的需求（平台、方案所属服务商）；已下架方案没有结果',
    ...access('signed-in', readAfter(deps.projections)),
    request: { params: IdParams, query: MatchQuery },
    responses: {
      200: jsonResponse(SolutionMatchesSchema, '最匹配的需求在前'),
      ...problems(401, 403, 404, 422, 429),
    },
  });
  const recommendedNeeds = createRoute({
    method: 'get',
    path: '/vendors/{orgId}/recommended-needs',
    tags: ['matching', 'vendors'],
    summary: '服务商的推荐需求：每条需求经由本服务商最匹配的方案推荐一次（平台、服务商本身）',
    ...access('signed-in', readAfter(deps.projections)),
    request: { params: OrgIdParams, query: MatchQuery },
    responses: {
      200: jsonResponse(RecommendedNeedsSchema, '最匹配的需求在前'),
      ...problems(401, 403, 404, 422, 429),
    },
  });

  return router()
    .openapi(needMatches, async (c) => {
      const { limit } = c.req.valid('query');
      return readModelJson(
        c,
        await matching.matchesForNeed(c.get('actor'), c.req.valid('param').id, { limit }),
      );
    })
    .openapi(solutionMatches, async (c) => {
      const { limit } = c.req.valid('query');
      return readModelJson(
        c,
        await matching.matchesForSolution(c.get('actor'), c.req.valid('param').id, { limit }),
      );
    })
    .openapi(recommendedNeeds, async (c) => {
      const { limit } = c.req.valid('query');
      return json(c, await matching.recommendedNeeds(c.get('actor'), c.req.valid('param').orgId, { limit }));
    });
}
