import { createRoute, z } from '@hono/zod-openapi';
import { getCase, promoteCase, recordCaseReplication } from '../../application/case-service.js';
import { promoteCaseInput, recordCaseReplicationInput } from '../../domain/case/commands.js';
import type { HttpDeps } from '../../server/deps.js';
import { idempotency } from '../middleware/idempotency.js';
import { commandResponse, entityResponse, requestContext } from '../respond.js';
import {
  access,
  bodyActionRoute,
  entitySchema,
  IdempotencyHeaders,
  IdParams,
  jsonBody,
  jsonResponse,
  problems,
  router,
} from '../route.js';

export const CaseSchema = entitySchema('Case', {
  engagementId: z.string(),
  needId: z.string(),
  needOrgId: z.string(),
  solutionId: z.string(),
  vendorId: z.string(),
  title: z.string(),
  summary: z.string(),
  city: z.string(),
  industry: z.string(),
  scenarioType: z.string(),
  technologies: z.array(z.string()),
  amountWan: z.number().nullable(),
  replicatedTo: z.array(z.object({ city: z.string(), note: z.string().nullable(), at: z.string() })),
  promotedAt: z.string().nullable(),
});

/**
 * 典型案例: promoted from a delivered engagement, then replicated elsewhere. Mounted at `/api/v1`.
 * The searches over the case projection sit next to this: `GET /cases?q=` in cases-queries.ts,
 * `GET /needs/{id}/similar-cases` in needs-queries.ts.
 */
export function casesRouter(deps: HttpDeps) {
  const { app } = deps;
  const creates = idempotency({ store: app.store, clock: app.clock, logger: app.logger });

  const promote = createRoute({
    method: 'post',
    path: '/engagements/{id}/promote-case',
    tags: ['cases'],
    summary: '将已交付的对接评为典型案例（平台）',
    ...access(['staff'], creates),
    request: { params: IdParams, headers: IdempotencyHeaders, body: jsonBody(promoteCaseInput) },
    responses: {
      201: jsonResponse(CaseSchema, '新建的典型案例'),
      ...problems(401, 403, 404, 409, 413, 415, 422, 429),
    },
  });
  const get = createRoute({
    method: 'get',
    path: '/cases/{id}',
    tags: ['cases'],
    summary: '查看典型案例',
    ...access('signed-in'),
    request: { params: IdParams },
    responses: { 200: jsonResponse(CaseSchema, '典型案例'), ...problems(401, 404) },
  });
  const replicate = bodyActionRoute({
    tag: 'cases',
    verb: 'replications',
    summary: '记录案例在另一地市复用（平台）：一地创新、多地复用',
    who: ['staff'],
    body: recordCaseReplicationInput,
    response: CaseSchema,
    prefix: '/cases',
  });

  return router()
    .openapi(promote, async (c) => {
      const promoted = await promoteCase(
        app,
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return commandResponse(c, app.store, promoted, {
        status: 201,
        location: `/api/v1/cases/${promoted.id}`,
      });
    })
    .openapi(get, async (c) => entityResponse(c, await getCase(app, c.req.valid('param').id)))
    .openapi(replicate, async (c) => {
      const { id } = c.req.valid('param');
      return commandResponse(
        c,
        app.store,
        await recordCaseReplication(app, requestContext(c), id, c.req.valid('json')),
      );
    });
}
