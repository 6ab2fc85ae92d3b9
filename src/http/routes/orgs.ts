import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cityFieldsAtDoor } from '../../application/city-directory.js';
import { latestPosition } from '../../application/follow-up.js';
import {
  getOrganization,
  registerOrganization,
  reinstateOrganization,
  suspendOrganization,
  updateOrganizationProfile,
  verifyOrganization,
} from '../../application/organization-service.js';
import { listOrganizations, organizationQuerySchema } from '../../application/queries/organizations-query.js';
import {
  organizationProfileSchema,
  organizationRegistrationSchema,
  suspendOrganizationSchema,
} from '../../domain/organization/commands.js';
import type { Organization } from '../../domain/organization/state.js';
import type { OrganizationDocument } from '../../projections/organizations-projection.js';
import type { HttpDeps } from '../../server/deps.js';
import type { HttpEnv } from '../../server/env.js';
import { idempotency } from '../middleware/idempotency.js';
import { readAfter } from '../read-your-writes.js';
import { commandResponse, entityResponse, etag, json, requestContext } from '../respond.js';
import {
  access,
  entitySchema,
  IdempotencyHeaders,
  IdParams,
  IfMatchHeaders,
  jsonBody,
  jsonResponse,
  problems,
  router,
} from '../route.js';
import { afterShape, hitSchema, listSchema } from './read-model.js';

const OrganizationSchema = entitySchema('Organization', {
  kind: z.enum(['demander', 'vendor']),
  name: z.string(),
  uscc: z.string(),
  city: z.string(),
  qualifications: z.array(z.string()),
  description: z.string(),
  contact: z.object({ name: z.string(), phone: z.string(), email: z.string() }).nullable().optional(),
  policiesAccepted: z
    .object({ privacyPolicy: z.string(), userAgreement: z.string() })
    .nullable()
    .openapi({ description: '注册时同意的隐私政策与用户协议版本；早于此项要求注册的机构为 null' }),
});

export const UserSchema = entitySchema('User', {
  username: z.string(),
  role: z.enum(['demander', 'vendor', 'staff', 'expert']),
  orgId: z.string().nullable(),
});

const RegistrationSchema = z.object({ org: OrganizationSchema, user: UserSchema }).openapi('Registration');

/** Contact details and the suspension reason are for staff and the organization's own users. */
function organizationView(c: Context<HttpEnv>) {
  const actor = c.get('actor');
  return (org: Organization): object => {
    if (actor.role === 'staff' || actor.orgId === org.id) return org;
    const { contact: _contact, suspensionReason: _reason, ...shown } = org;
    return shown;
  };
}

const staffAction = (path: string, summary: string) =>
  createRoute({
    method: 'post',
    path,
    tags: ['orgs'],
    summary,
    ...access(['staff']),
    request: { params: IdParams, headers: IfMatchHeaders },
    responses: {
      200: jsonResponse(OrganizationSchema, '操作后的机构'),
      ...problems(401, 403, 404, 409, 412),
    },
  });

const suspend = createRoute({
  method: 'post',
  path: '/{id}/suspend',
  tags: ['orgs'],
  summary: '暂停机构（平台），须说明原因',
  ...access(['staff']),
  request: { params: IdParams, headers: IfMatchHeaders, body: jsonBody(suspendOrganizationSchema) },
  responses: {
    200: jsonResponse(OrganizationSchema, '已暂停的机构'),
    ...problems(401, 403, 404, 409, 412, 422),
  },
});

const OrganizationHitSchema = hitSchema<OrganizationDocument>()({
  name: z.string(),
  kind: z.enum(['demander', 'vendor']),
  uscc: z.string(),
  city: z.string(),
  status: z.enum(['pending', 'verified', 'suspended', 'cancelled']),
  qualifications: z.array(z.string()),
  suspensionReason: z.string().nullable(),
  registeredAt: z.string(),
  verifiedAt: z.string().nullable(),
}).openapi('OrganizationHit');

export function orgsRouter(deps: HttpDeps) {
  const door = cityFieldsAtDoor(deps.app.store);
  const { app } = deps;
  const creates = idempotency({ store: app.store, clock: app.clock, logger: app.logger });

  const register = createRoute({
    method: 'post',
    path: '/',
    tags: ['orgs'],
    summary: '机构自助注册（同时创建机构管理员账号），待平台审核',
    ...access('public', creates),
    request: {
      headers: IdempotencyHeaders,
      body: jsonBody(organizationRegistrationSchema.extend({ city: door.city })),
    },
    responses: {
      201: jsonResponse(RegistrationSchema, '已注册的机构（待审核）与管理员账号'),
      ...problems(400, 409, 413, 415, 422, 429),
    },
  });
  const list = createRoute({
    method: 'get',
    path: '/',
    tags: ['orgs'],
    summary: '机构列表（平台）：按名称关键词、类型、状态（如待认证）、地市筛选，新注册的在前',
    ...access(['staff'], readAfter(deps.projections)),
    request: { query: organizationQuerySchema.safeExtend(afterShape) },
    responses: {
      200: jsonResponse(listSchema('OrganizationList', OrganizationHitSchema), '一页机构'),
      ...problems(401, 403, 422, 429),
    },
  });
  const get = createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['orgs'],
    summary: '查看机构；联系人仅平台与本机构可见',
    ...access('signed-in'),
    request: { params: IdParams },
    responses: { 200: jsonResponse(OrganizationSchema, '机构'), ...problems(401, 404) },
  });
  const update = createRoute({
    method: 'patch',
    path: '/{id}',
    tags: ['orgs'],
    summary: '修改机构资料（本机构或平台）',
    ...access('signed-in'),
    request: {
      params: IdParams,
      headers: IfMatchHeaders,
      body: jsonBody(organizationProfileSchema.extend({ city: door.city.optional() })),
    },
    responses: {
      200: jsonResponse(OrganizationSchema, '修改后的机构'),
      ...problems(401, 403, 404, 412, 422),
    },
  });

  return router()
    .openapi(register, async (c) => {
      const { org, user } = await registerOrganization(app, requestContext(c), c.req.valid('json'));
      c.header('Location', `/api/v1/orgs/${org.id}`);
      c.header('ETag', etag(org.revision));
      c.header('X-Position', String(latestPosition(org.position, user.position)));
      const entity = (r: { id: string; state: { status: string }; revision: bigint }) => ({
        ...r.state,
        id: r.id,
        status: r.state.status,
        revision: r.revision,
      });
      return json(c, { org: entity(org), user: entity(user) }, 201);
    })
    .openapi(list, async (c) =>
      json(c, await listOrganizations(deps.search, c.get('actor'), c.req.valid('query'))),
    )
    .openapi(get, async (c) => {
      const org = await getOrganization(app, c.req.valid('param').id);
      return entityResponse(c, org, { view: organizationView(c) });
    })
    .openapi(update, async (c) => {
      const { id } = c.req.valid('param');
      const org = await updateOrganizationProfile(app, requestContext(c), id, c.req.valid('json'));
      return commandResponse(c, app.store, org, { view: organizationView(c) });
    })
    .openapi(staffAction('/{id}/verify', '认证机构（平台）'), async (c) => {
      const org = await verifyOrganization(app, requestContext(c), c.req.valid('param').id);
      return commandResponse(c, app.store, org);
    })
    .openapi(suspend, async (c) => {
      const { id } = c.req.valid('param');
      const org = await suspendOrganization(app, requestContext(c), id, c.req.valid('json'));
      return commandResponse(c, app.store, org);
    })
    .openapi(staffAction('/{id}/reinstate', '恢复被暂停的机构（平台）'), async (c) => {
      const org = await reinstateOrganization(app, requestContext(c), c.req.valid('param').id);
      return commandResponse(c, app.store, org);
    });
}
