import { createRoute, z } from '@hono/zod-openapi';
import { platformStats } from '../../application/queries/platform-stats.js';
import { readAfter } from '../read-your-writes.js';
import { json } from '../respond.js';
import { access, jsonResponse, problems, router } from '../route.js';
import { afterShape, type ReadModelDeps } from './read-model.js';

const Counts = z.record(z.string(), z.number().int());

const StatsSchema = z
  .object({
    needsByStatus: Counts.openapi({ description: '全部需求按状态（含待审核）' }),
    needsByIndustry: Counts.openapi({ description: '已发布、实施中、已完成的需求按行业' }),
    needsByCity: Counts.openapi({ description: '已发布、实施中、已完成的需求按地市' }),
    solutionsByStatus: Counts,
    solutionsByIndustry: Counts.openapi({ description: '已发布方案按适用行业（一个方案可计入多个行业）' }),
    engagementsByStatus: Counts,
    engagementFunnel: z
      .array(z.object({ stage: z.string(), count: z.number().int() }))
      .openapi({ description: '对接漏斗：到达各阶段的对接数（按当前状态计，已婉拒或撤回的只计入发起）' }),
    signedAmountWan: z
      .number()
      .openapi({ description: '已签约（含已交付、已评价）对接的签约金额合计，万元' }),
    signedAmountByMonth: z.array(
      z.object({ month: z.string(), amountWan: z.number(), count: z.number().int() }),
    ),
    citiesMatched: z.number().int().openapi({
      description:
        '百城牵手万项：牵手城市数，即至少有一项跨地市签约对接（作为需求方或服务商所在地市）的地市数',
    }),
    projectsMatched: z.number().int().openapi({ description: '百城牵手万项：签约项目数' }),
    vendorRanking: z.array(
      z.object({
        vendorId: z.string(),
        name: z.string(),
        city: z.string(),
        deliveredCount: z.number().int(),
        ratingAvg: z.number().nullable(),
        ratingCount: z.number().int(),
      }),
    ),
    scenarioRanking: z.array(
      z.object({
        needId: z.string(),
        title: z.string(),
        orgName: z.string(),
        city: z.string(),
        industry: z.string(),
        engagementCount: z.number().int(),
      }),
    ),
  })
  .openapi('PlatformStats');

/** `/api/v1/stats`: the platform's figures, 百城牵手万项 and the 打榜 rankings. Public. */
export function statsRouter(deps: ReadModelDeps) {
  const stats = createRoute({
    method: 'get',
    path: '/',
    tags: ['stats'],
    summary: '平台统计：按行业、地市、状态计数，对接漏斗，签约金额，百城牵手万项，服务商与场景打榜',
    ...access('public', readAfter(deps.projections)),
    request: { query: z.object(afterShape) },
    responses: { 200: jsonResponse(StatsSchema, '平台统计'), ...problems(422, 429) },
  });
  return router().openapi(stats, async (c) => json(c, await platformStats(deps.search)));
}
