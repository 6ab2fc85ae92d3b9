import { createRoute, z } from '@hono/zod-openapi';
import { inviteVendor, listNeedInvitations } from '../../application/invitation-service.js';
import {
  listReceivedInvitations,
  receivedInvitationQuerySchema,
} from '../../application/queries/invitations-query.js';
import { inviteVendorInput } from '../../domain/invitation/commands.js';
import type { HttpDeps } from '../../server/deps.js';
import { idempotency } from '../middleware/idempotency.js';
import { readAfter } from '../read-your-writes.js';
import { commandResponse, json, requestContext } from '../respond.js';
import {
  access,
  entitySchema,
  IdempotencyHeaders,
  IdParams,
  jsonBody,
  jsonResponse,
  problems,
  router,
} from '../route.js';
import { afterShape } from './read-model.js';

const TAG = 'invitations';

const invitationShape = {
  needId: z.string(),
  vendorId: z.string(),
  solutionId: z.string(),
  invitedAt: z.string(),
  acceptedAt: z.string().nullable(),
  engagementId: z.string().nullable().openapi({ description: '服务商揭榜后的对接编号' }),
};

export const InvitationSchema = entitySchema('Invitation', invitationShape);

const InvitationItemSchema = z
  .object({ id: z.string(), status: z.enum(['open', 'accepted']), ...invitationShape })
  .openapi('InvitationItem');

const ReceivedInvitationSchema = InvitationItemSchema.extend({
  needTitle: z.string(),
  demanderName: z.string(),
  vendorName: z.string(),
  solutionTitle: z.string(),
}).openapi('ReceivedInvitation');

/**
 * 邀请揭榜: the owner of a published need invites the vendor behind a solution (often a 云速配
 * recommendation) to apply. The invitation is accepted when that vendor applies. Mounted at `/api/v1`.
 */
export function invitationsRouter(deps: HttpDeps) {
  const { app } = deps;
  const creates = idempotency({ store: app.store, clock: app.clock, logger: app.logger });

  const invite = createRoute({
    method: 'post',
    path: '/needs/{id}/invitations',
    tags: [TAG],
    summary: '邀请揭榜：需求方邀请某方案的服务商承接自己已发布的需求',
    ...access(['demander'], creates),
    request: { params: IdParams, headers: IdempotencyHeaders, body: jsonBody(inviteVendorInput) },
    responses: {
      201: jsonResponse(InvitationSchema, '新的邀请；服务商机构的用户会收到通知'),
      ...problems(401, 403, 404, 409, 413, 415, 422, 429),
    },
  });
  const ofNeed = createRoute({
    method: 'get',
    path: '/needs/{id}/invitations',
    tags: [TAG],
    summary: '需求上的邀请（需求方与平台），从新到旧',
    ...access(['demander', 'staff']),
    request: { params: IdParams },
    responses: {
      200: jsonResponse(z.object({ items: z.array(InvitationItemSchema) }), '邀请列表'),
      ...problems(401, 403, 404, 429),
    },
  });
  const received = createRoute({
    method: 'get',
    path: '/me/invitations',
    tags: [TAG],
    summary: '本服务商机构收到的揭榜邀请，最近的在前',
    ...access(['vendor'], readAfter(deps.projections)),
    request: { query: receivedInvitationQuerySchema.safeExtend(afterShape) },
    responses: {
      200: jsonResponse(
        z
          .object({
            hits: z.array(ReceivedInvitationSchema),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          })
          .openapi('ReceivedInvitationList'),
        '一页收到的邀请',
      ),
      ...problems(401, 403, 422, 429),
    },
  });

  return router()
    .openapi(invite, async (c) => {
      const { id } = c.req.valid('param');
      const invitation = await inviteVendor(app, requestContext(c), id, c.req.valid('json'));
      return commandResponse(c, app.store, invitation, { status: 201 });
    })
    .openapi(ofNeed, async (c) =>
      json(c, { items: await listNeedInvitations(app, c.get('actor'), c.req.valid('param').id) }),
    )
    .openapi(received, async (c) =>
      json(c, await listReceivedInvitations(deps.search, c.get('actor'), c.req.valid('query'))),
    );
}
