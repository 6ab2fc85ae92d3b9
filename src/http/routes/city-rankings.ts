import { createRoute, z } from '@hono/zod-openapi';
import { loadCityDirectory } from '../../application/city-directory.js';
import {
  cityPairs,
  cityRankings,
  cityStatsQuerySchema,
  SCORE_WEIGHTS,
} from '../../application/queries/city-rankings.js';
import type { EventStore } from '../../eventstore/port.js';
import { readAfter } from '../read-your-writes.js';
import { json } from '../respond.js';
import { access, jsonResponse, problems, router } from '../route.js';
import { afterShape, type ReadModelDeps } from './read-model.js';

const count = (description: string) => z.number().int().openapi({ description });

const CityRankingSchema = z
  .object({
    city: z.string().openapi({ description: '地市代码' }),
    cityLabel: z.string().openapi({ description: '地市名称' }),
    needsPublished: count('统计期内发布的本市场景需求数（发布后撤回、关闭的仍计入）'),
    solutionsPublished: count('统计期内上架的解决方案数，计入服务商所在地市'),
    applications: count('统计期内服务商对本市需求的揭榜数：直接揭榜，或接受平台推荐的时刻'),
    signed: count('统计期内双方完成签约的本市需求对接数'),
    signedAmountWan: z.number().openapi({ description: '上述签约的金额合计，万元' }),
    delivered: count('统计期内确认交付的本市需求对接数'),
    casesPromoted: count('统计期内评为典型案例的本市案例数'),
    casesReplicatedElsewhere: count('统计期内复用到其他地市至少一次的本市案例数'),
    medianDaysToFirstApplication: z.number().nullable().openapi({
      description:
        '统计期内迎来首个揭榜的本市需求，从发布到首个揭榜的天数中位数（保留一位小数）；无则为 null',
    }),
    score: z.number().openapi({ description: '打榜得分（见接口说明的公式），保留一位小数' }),
    rank: count('名次，1 起，无并列'),
  })
  .openapi('CityRanking');

const CityPairSchema = z
  .object({
    from: z.string().openapi({ description: '需求所在地市代码' }),
    fromLabel: z.string(),
    to: z.string().openapi({ description: '服务商所在地市代码' }),
    toLabel: z.string(),
    signed: count('统计期内签约的对接数'),
    amountWan: z.number().openapi({ description: '签约金额合计，万元' }),
  })
  .openapi('CityPair');

const weights = SCORE_WEIGHTS;
const SCORE_FORMULA =
  `得分 = ${weights.needsPublished}×发布需求 + ${weights.solutionsPublished}×上架方案 + ${weights.applications}×揭榜` +
  ` + ${weights.signed}×签约 + ${weights.signedAmountWan}×签约金额（万元） + ${weights.delivered}×交付` +
  ` + ${weights.casesPromoted}×典型案例 + ${weights.casesReplicatedElsewhere}×异地复用案例，保留一位小数。` +
  '得分相同时依次比较签约数、签约金额、交付数、发布需求数，再按地市在分类表中的顺序，名次不并列。' +
  '需求计入其所在地市，方案计入服务商所在地市，对接计入需求所在地市。统计期按北京时间。';

/** `/api/v1/stats/cities` and `/pairs`: the 打榜 rankings of the cities and the 百城牵手 pairs. Public. */
export function cityRankingsRouter(deps: ReadModelDeps & { store: EventStore }) {
  const query = cityStatsQuerySchema.safeExtend(afterShape);
  const rankings = createRoute({
    method: 'get',
    path: '/cities',
    tags: ['stats'],
    summary: '城市打榜：各地市在统计期内的需求、方案、揭榜、签约、交付、案例与得分名次',
    description: SCORE_FORMULA,
    ...access('public', readAfter(deps.projections)),
    request: { query },
    responses: {
      200: jsonResponse(z.array(CityRankingSchema), '全部地市，按名次排列'),
      ...problems(422, 429),
    },
  });
  const pairs = createRoute({
    method: 'get',
    path: '/pairs',
    tags: ['stats'],
    summary: '百城牵手：需求所在地市与服务商所在地市之间的签约对接（含同城），按签约数排列',
    ...access('public', readAfter(deps.projections)),
    request: { query },
    responses: { 200: jsonResponse(z.array(CityPairSchema), '地市对'), ...problems(422, 429) },
  });
  return router()
    .openapi(rankings, async (c) => {
      const directory = await loadCityDirectory(deps.store);
      return json(c, await cityRankings(deps.search, c.req.valid('query'), directory));
    })
    .openapi(pairs, async (c) => {
      const directory = await loadCityDirectory(deps.store);
      return json(c, await cityPairs(deps.search, c.req.valid('query'), directory));
    });
}
