import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { caseQuerySchema, searchCases } from '../../application/queries/cases-query.js';
import type { HttpEnv } from '../../server/env.js';
import { readAfter } from '../read-your-writes.js';
import { json } from '../respond.js';
import { access, jsonResponse, problems } from '../route.js';
import { afterShape, CaseHitSchema, listSchema, type ReadModelDeps } from './read-model.js';

/** Adds `GET /cases` to the router mounted at `/api/v1`: the public 典型案例 library, searchable. */
export function withCaseQueries<Routes extends OpenAPIHono<HttpEnv>>(
  routes: Routes,
  deps: ReadModelDeps,
): Routes {
  const list = createRoute({
    method: 'get',
    path: '/cases',
    tags: ['cases'],
    summary: '典型案例库：关键词、行业、地市、技术筛选与分面计数',
    ...access('public', readAfter(deps.projections)),
    request: { query: caseQuerySchema.safeExtend(afterShape) },
    responses: {
      200: jsonResponse(listSchema('CaseList', CaseHitSchema), '一页案例'),
      ...problems(422, 429),
    },
  });
  routes.openapi(list, async (c) => json(c, await searchCases(deps.search, c.req.valid('query'))));
  return routes;
}
