import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { ListingTitles } from '../../application/queries/listing-titles.js';
import { titleCorrector } from '../../application/queries/query-correction.js';
import { searchSolutions, solutionQuerySchema } from '../../application/queries/solutions-query.js';
import type { HttpEnv } from '../../server/env.js';
import { readAfter } from '../read-your-writes.js';
import { readModelJson } from '../respond.js';
import { access, jsonResponse, problems } from '../route.js';
import { afterShape, type ReadModelDeps, SolutionHitSchema, searchListSchema } from './read-model.js';

/** Adds `GET /` to the `/api/v1/solutions` router: search over the solutions the caller may see. Public. */
export function withSolutionQueries<Routes extends OpenAPIHono<HttpEnv>>(
  routes: Routes,
  deps: ReadModelDeps & { titles: ListingTitles },
): Routes {
  const corrector = titleCorrector(deps.titles);
  const list = createRoute({
    method: 'get',
    path: '/',
    tags: ['solutions'],
    summary:
      '搜索解决方案：关键词、筛选、分面计数、排序、分页与高亮；公众只看到已发布的，服务商看到自己全部的，平台看到全部',
    ...access('public', readAfter(deps.projections)),
    request: { query: solutionQuerySchema.safeExtend(afterShape) },
    responses: {
      200: jsonResponse(searchListSchema('SolutionList', SolutionHitSchema), '一页方案'),
      ...problems(401, 403, 422, 429),
    },
  });
  routes.openapi(list, async (c) =>
    readModelJson(
      c,
      await searchSolutions(deps.search, c.get('actor'), c.req.valid('query'), undefined, corrector),
    ),
  );
  return routes;
}
