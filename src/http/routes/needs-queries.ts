import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { EntityViews } from '../../application/entity-views.js';
import type { ListingTitles } from '../../application/queries/listing-titles.js';
import { needQuerySchema, searchNeeds } from '../../application/queries/needs-query.js';
import { titleCorrector } from '../../application/queries/query-correction.js';
import { similarCases, similarCasesQuerySchema } from '../../application/queries/similar-cases.js';
import type { HttpEnv } from '../../server/env.js';
import { readAfter } from '../read-your-writes.js';
import { json, readModelJson } from '../respond.js';
import { access, IdParams, jsonResponse, problems } from '../route.js';
import {
  afterShape,
  CaseHitSchema,
  NeedHitSchema,
  type ReadModelDeps,
  searchListSchema,
} from './read-model.js';

const SimilarCasesSchema = z
  .object({
    needId: z.string(),
    keywords: z.array(z.string()).openapi({ description: '从需求标题与描述提取的关键词（至多 10 个）' }),
    results: z.array(
      CaseHitSchema.extend({
        score: z.number(),
        fit: z.object({
          keywords: z.array(z.string()),
          sameIndustry: z.boolean(),
          sameScenarioType: z.boolean(),
          sharedTechnologies: z.array(z.string()),
        }),
      }),
    ),
  })
  .openapi('SimilarCases');

/**
 * Adds to the `/api/v1/needs` router the reads served by the search index: `GET /` (search with facets
 * and highlights) and `GET /{id}/similar-cases` (一地创新、多地复用). Both public: the public sees
 * published needs only.
 */
export function withNeedQueries<Routes extends OpenAPIHono<HttpEnv>>(
  routes: Routes,
  deps: ReadModelDeps & { views: EntityViews; titles: ListingTitles },
): Routes {
  const corrector = titleCorrector(deps.titles);
  const list = createRoute({
    method: 'get',
    path: '/',
    tags: ['needs'],
    summary:
      '搜索场景需求：关键词、筛选、分面计数、排序、分页与高亮；公众只看到已发布的，本机构看到自己全部的，平台看到全部',
    ...access('public', readAfter(deps.projections)),
    request: { query: needQuerySchema.safeExtend(afterShape) },
    responses: {
      200: jsonResponse(searchListSchema('NeedList', NeedHitSchema), '一页需求'),
      ...problems(401, 403, 422, 429),
    },
  });
  const similar = createRoute({
    method: 'get',
    path: '/{id}/similar-cases',
    tags: ['needs', 'cases'],
    summary: '相似案例：其他地市已交付、与本需求相近的典型案例（一地创新、多地复用）',
    ...access('public', readAfter(deps.projections)),
    request: { params: IdParams, query: similarCasesQuerySchema.safeExtend(afterShape) },
    responses: {
      200: jsonResponse(SimilarCasesSchema, '相似案例，最相近的在前'),
      ...problems(403, 404, 422, 429),
    },
  });

  routes
    .openapi(list, async (c) =>
      readModelJson(
        c,
        await searchNeeds(deps.search, c.get('actor'), c.req.valid('query'), undefined, corrector),
      ),
    )
    .openapi(similar, async (c) => {
      const need = await deps.views.viewNeed(c.get('actor'), c.req.valid('param').id);
      return json(c, await similarCases(deps.search, need.state, c.req.valid('query')));
    });
  return routes;
}
