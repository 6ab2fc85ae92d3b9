import { createRoute, z } from '@hono/zod-openapi';
import {
  getVendorProfile,
  searchVendors,
  vendorQuerySchema,
} from '../../application/queries/vendors-query.js';
import type { VendorDocument } from '../../projections/vendors-projection.js';
import { readAfter } from '../read-your-writes.js';
import { json } from '../respond.js';
import { access, jsonResponse, problems, router } from '../route.js';
import { afterShape, hitSchema, listSchema, type ReadModelDeps, SolutionHitSchema } from './read-model.js';

const OrgIdParams = z.object({
  orgId: z
    .string()
    .min(1)
    .openapi({ param: { name: 'orgId', in: 'path' }, example: '0194c4a2-7b1e-7c3a-9f00-3c1d2e4f5a6b' }),
});

const vendorShape = {
  name: z.string(),
  city: z.string(),
  status: z.string(),
  description: z.string(),
  qualifications: z.array(z.string()),
  industries: z.array(z.string()),
  scenarioTypes: z.array(z.string()),
  technologies: z.array(z.string()),
  citiesServed: z.array(z.string()).openapi({ description: '已发布方案覆盖的地市，* 表示全省' }),
  solutionCount: z.number().int(),
  engagementsByStatus: z.record(z.string(), z.number().int()),
  engagementCount: z.number().int(),
  deliveredCount: z.number().int(),
  ratingAvg: z.number().nullable(),
  ratingCount: z.number().int(),
};

const VendorHitSchema = hitSchema<VendorDocument>()(vendorShape).openapi('VendorHit');

const VendorProfileSchema = z
  .object({ id: z.string(), ...vendorShape, solutions: z.array(SolutionHitSchema) })
  .loose()
  .openapi('VendorProfile');

/** `/api/v1/vendors`: vendor profiles (画像) from the search index. Public: the public sees verified vendors. */
export function vendorsRouter(deps: ReadModelDeps) {
  const list = createRoute({
    method: 'get',
    path: '/',
    tags: ['vendors'],
    summary: '搜索服务商：关键词、所在地市、服务地市、行业、技术、资质；默认按交付项目数与评分排序',
    ...access('public', readAfter(deps.projections)),
    request: { query: vendorQuerySchema.safeExtend(afterShape) },
    responses: {
      200: jsonResponse(listSchema('VendorList', VendorHitSchema), '一页服务商'),
      ...problems(422, 429),
    },
  });
  const profile = createRoute({
    method: 'get',
    path: '/{orgId}',
    tags: ['vendors'],
    summary: '服务商画像：方案、覆盖行业与地市、各状态对接数、交付数、平均评分，及已发布方案列表',
    ...access('public', readAfter(deps.projections)),
    request: { params: OrgIdParams, query: z.object(afterShape) },
    responses: { 200: jsonResponse(VendorProfileSchema, '服务商画像'), ...problems(404, 422, 429) },
  });
  return router()
    .openapi(list, async (c) =>
      json(c, await searchVendors(deps.search, c.get('actor'), c.req.valid('query'))),
    )
    .openapi(profile, async (c) =>
      json(c, await getVendorProfile(deps.search, c.get('actor'), c.req.valid('param').orgId)),
    );
}
