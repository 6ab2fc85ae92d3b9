import { createRoute, z } from '@hono/zod-openapi';
import { cityFieldsAtDoor } from '../../application/city-directory.js';
import {
  approveSolution,
  createSolution,
  rejectSolution,
  retireSolution,
  submitSolution,
  updateSolution,
} from '../../application/solution-service.js';
import {
  rejectSolutionSchema,
  solutionChangesSchema,
  solutionFieldsSchema,
} from '../../domain/solution/commands.js';
import type { HttpDeps } from '../../server/deps.js';
import { idempotency } from '../middleware/idempotency.js';
import { commandResponse, entityResponse, requestContext } from '../respond.js';
import {
  access,
  actionRoute,
  entitySchema,
  IdempotencyHeaders,
  IdParams,
  IfMatchHeaders,
  jsonBody,
  jsonResponse,
  problems,
  router,
} from '../route.js';

export const SolutionSchema = entitySchema('Solution', {
  vendorId: z.string(),
  title: z.string(),
  description: z.string(),
  industries: z.array(z.string()),
  scenarioTypes: z.array(z.string()),
  technologies: z.array(z.string()),
  regionsServed: z.array(z.string()),
  priceWan: z.object({ min: z.number(), max: z.number() }),
  deployment: z.enum(['saas', 'on-premise', 'hybrid']),
  campaignId: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  publishedAt: z.string().nullable(),
});

const action = (verb: string, summary: string, who: ('vendor' | 'staff')[]) =>
  actionRoute({ tag: 'solutions', verb, summary, who, response: SolutionSchema });

/**
 * `/api/v1/solutions`: one solution, read by folding its stream, and its commands. The reads over the search
 * index live elsewhere: `GET /` (search with facets) in solutions-queries.ts, `GET /{id}/matches` (needs
 * ranked for it) in matches.ts.
 */
export function solutionsRouter(deps: HttpDeps) {
  const door = cityFieldsAtDoor(deps.app.store);
  const { app } = deps;
  const creates = idempotency({ store: app.store, clock: app.clock, logger: app.logger });
  const location = (id: string) => `/api/v1/solutions/${id}`;

  const create = createRoute({
    method: 'post',
    path: '/',
    tags: ['solutions'],
    summary: '发布解决方案（草稿）',
    ...access(['vendor'], creates),
    request: {
      headers: IdempotencyHeaders,
      body: jsonBody(solutionFieldsSchema.extend({ regionsServed: door.cities })),
    },
    responses: {
      201: jsonResponse(SolutionSchema, '新建的方案草稿'),
      ...problems(401, 403, 409, 413, 415, 422, 429),
    },
  });
  const get = createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['solutions'],
    summary: '查看方案（未发布的仅本机构与平台可见）',
    ...access('signed-in'),
    request: { params: IdParams },
    responses: { 200: jsonResponse(SolutionSchema, '方案'), ...problems(401, 403, 404) },
  });
  const update = createRoute({
    method: 'patch',
    path: '/{id}',
    tags: ['solutions'],
    summary: '修改草稿或被退回的方案（If-Match）',
    ...access(['vendor']),
    request: {
      params: IdParams,
      headers: IfMatchHeaders,
      body: jsonBody(solutionChangesSchema.extend({ regionsServed: door.cities.optional() })),
    },
    responses: {
      200: jsonResponse(SolutionSchema, '修改后的方案'),
      ...problems(401, 403, 404, 409, 412, 422),
    },
  });
  const reject = createRoute({
    method: 'post',
    path: '/{id}/reject',
    tags: ['solutions'],
    summary: '退回方案（平台），须说明原因',
    ...access(['staff']),
    request: { params: IdParams, headers: IfMatchHeaders, body: jsonBody(rejectSolutionSchema) },
    responses: {
      200: jsonResponse(SolutionSchema, '被退回的方案'),
      ...problems(401, 403, 404, 409, 412, 422),
    },
  });

  return router()
    .openapi(create, async (c) => {
      const solution = await createSolution(app, requestContext(c), c.req.valid('json'));
      return commandResponse(c, app.store, solution, { status: 201, location: location(solution.id) });
    })
    .openapi(get, async (c) =>
      entityResponse(c, await deps.views.viewSolution(c.get('actor'), c.req.valid('param').id)),
    )
    .openapi(update, async (c) => {
      const { id } = c.req.valid('param');
      return commandResponse(
        c,
        app.store,
        await updateSolution(app, requestContext(c), id, c.req.valid('json')),
      );
    })
    .openapi(action('submit', '提交审核（服务商）', ['vendor']), async (c) =>
      commandResponse(c, app.store, await submitSolution(app, requestContext(c), c.req.valid('param').id)),
    )
    .openapi(action('approve', '审核通过并发布（平台）', ['staff']), async (c) =>
      commandResponse(c, app.store, await approveSolution(app, requestContext(c), c.req.valid('param').id)),
    )
    .openapi(reject, async (c) => {
      const { id } = c.req.valid('param');
      return commandResponse(
        c,
        app.store,
        await rejectSolution(app, requestContext(c), id, c.req.valid('json')),
      );
    })
    .openapi(action('withdraw', '下架方案（服务商本机构或平台）', ['vendor', 'staff']), async (c) =>
      commandResponse(c, app.store, await retireSolution(app, requestContext(c), c.req.valid('param').id)),
    );
}
