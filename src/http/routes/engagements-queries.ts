import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { engagementQuerySchema, listEngagements } from '../../application/queries/engagements-query.js';
import type { EngagementDocument } from '../../projections/engagements-projection.js';
import type { HttpEnv } from '../../server/env.js';
import { readAfter } from '../read-your-writes.js';
import { json } from '../respond.js';
import { access, jsonResponse, problems } from '../route.js';
import { afterShape, hitSchema, listSchema, type ReadModelDeps } from './read-model.js';

const EngagementHitSchema = hitSchema<EngagementDocument>()({
  needId: z.string(),
  needTitle: z.string(),
  needCity: z.string().nullable(),
  solutionId: z.string(),
  solutionTitle: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  demanderOrgId: z.string(),
  demanderName: z.string(),
  status: z.string(),
  origin: z.string().nullable(),
  quoteWan: z.number().nullable(),
  amountWan: z.number().nullable(),
  createdAt: z.string(),
  signedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
}).openapi('EngagementHit');

/**
 * Adds `GET /engagements` to the router mounted at `/api/v1`: the engagements the caller is a party to
 * (a demander: those on its needs; a vendor: its own; staff: all), filtered by need, vendor and status.
 */
export function withEngagementQueries<Routes extends OpenAPIHono<HttpEnv>>(
  routes: Routes,
  deps: ReadModelDeps,
): Routes {
  const list = createRoute({
    method: 'get',
    path: '/engagements',
    tags: ['engagements'],
    summary: '对接列表：需求方看到自己需求上的对接，服务商看到自己的，平台看到全部',
    ...access('signed-in', readAfter(deps.projections)),
    request: { query: engagementQuerySchema.safeExtend(afterShape) },
    responses: {
      200: jsonResponse(listSchema('EngagementList', EngagementHitSchema), '一页对接，按状态分面计数'),
      ...problems(401, 403, 422, 429),
    },
  });
  routes.openapi(list, async (c) =>
    json(c, await listEngagements(deps.search, c.get('actor'), c.req.valid('query'))),
  );
  return routes;
}
