import type { z } from 'zod';
import { engagementDecider } from '../domain/engagement/decider.js';
import { engagementSlotStream, slotDecider } from '../domain/engagement/slot.js';
import { ENDED_STATUSES } from '../domain/engagement/state.js';
import { engagementStream } from '../domain/engagement/stream.js';
import type { InvitationCommand } from '../domain/invitation/commands.js';
import { inviteVendorInput } from '../domain/invitation/commands.js';
import { invitationDecider } from '../domain/invitation/decider.js';
import type { Invitation } from '../domain/invitation/state.js';
import { needInvitationsStream } from '../domain/invitation/stream.js';
import { needDecider } from '../domain/need/decider.js';
import { needStream } from '../domain/need/stream.js';
import { organizationDecider } from '../domain/organization/decider.js';
import { organizationStream } from '../domain/organization/stream.js';
import type { Actor } from '../domain/shared/actor.js';
import { ForbiddenError, NotFoundError } from '../domain/shared/errors.js';
import { parseInput } from '../domain/shared/validation.js';
import { solutionDecider } from '../domain/solution/decider.js';
import { solutionStream } from '../domain/solution/stream.js';
import { handleCommand, readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import type { CommandResult } from './entity-result.js';
import { followUp } from './follow-up.js';

const messages = {
  notVisible: '只有需求方和平台工作人员可以查看该需求的邀请',
} as const;

function run(deps: AppDeps, ctx: RequestContext, needId: string, command: InvitationCommand) {
  return handleCommand(deps.store, needInvitationsStream(needId), invitationDecider, command, {
    metadata: eventMetadata(ctx, command.context.now),
  });
}

/** Whether the vendor holds an engagement on the need that is neither ended nor still being written. */
async function vendorEngaged(deps: AppDeps, needId: string, vendorId: string): Promise<boolean> {
  const { state: slot } = await readEntity(deps.store, engagementSlotStream(needId, vendorId), slotDecider);
  if (!slot.holder) return false;
  const holder = await readEntity(deps.store, engagementStream(slot.holder.engagementId), engagementDecider);
  return holder.state.status !== 'initial' && !ENDED_STATUSES.has(holder.state.status);
}

async function loadInvitationFacts(deps: AppDeps, needId: string, solutionId: string) {
  const [need, solution] = await Promise.all([
    readEntity(deps.store, needStream(needId), needDecider),
    readEntity(deps.store, solutionStream(solutionId), solutionDecider),
  ]);
  if (need.revision === null) throw new NotFoundError('need', needId);
  const needFact = { id: needId, orgId: need.state.orgId, status: need.state.status };
  // An unknown solution is the decider's to refuse, after it checked who is asking.
  if (solution.revision === null) {
    return { need: needFact, solution: null, vendor: { status: 'unknown' }, vendorEngaged: false };
  }
  const vendorId = solution.state.vendorId;
  const [vendor, engaged] = await Promise.all([
    readEntity(deps.store, organizationStream(vendorId), organizationDecider),
    vendorEngaged(deps, needId, vendorId),
  ]);
  return {
    need: needFact,
    solution: { id: solutionId, vendorId, status: solution.state.status },
    vendor: { status: vendor.state.status },
    vendorEngaged: engaged,
  };
}

/**
 * POST /api/v1/needs/:id/invitations (the need's owner): invites the vendor behind a published solution
 * to apply (揭榜). The vendor's users hear of it through the invitation.received notification.
 */
export async function inviteVendor(
  deps: AppDeps,
  ctx: RequestContext,
  needId: string,
  input: z.input<typeof inviteVendorInput>,
): Promise<CommandResult<Invitation>> {
  const { solutionId } = parseInput(inviteVendorInput, input);
  const facts = await loadInvitationFacts(deps, needId, solutionId);
  const invitationId = deps.newId();
  const handled = await run(deps, ctx, needId, {
    type: 'InviteVendor',
    data: { invitationId, ...facts },
    context: { actor: ctx.actor, now: deps.clock() },
  });
  const invitation = handled.state.invitations.find((candidate) => candidate.id === invitationId);
  if (!invitation || handled.revision === null || handled.position === null) {
    throw new Error(`invitation ${invitationId} was not recorded on need ${needId}`);
  }
  return { id: invitationId, state: invitation, revision: handled.revision, position: handled.position };
}

/**
 * After the vendor applied (揭榜) or took up a recommendation: its open invitation on the need, if any, is
 * accepted by that engagement. Returns the position written, or null when there was nothing to accept.
 */
export async function acceptInvitationOf(
  deps: AppDeps,
  ctx: RequestContext,
  engagement: { id: string; needId: string; vendorId: string },
): Promise<bigint | null> {
  const stream = needInvitationsStream(engagement.needId);
  const handled = await followUp(deps, { command: 'AcceptInvitation', stream }, () =>
    run(deps, ctx, engagement.needId, {
      type: 'AcceptInvitation',
      data: { vendorId: engagement.vendorId, engagementId: engagement.id },
      context: { actor: ctx.actor, now: deps.clock() },
    }),
  );
  return handled?.position ?? null;
}

/** GET /api/v1/needs/:id/invitations: every invitation on the need, newest first, for its owner and staff. */
export async function listNeedInvitations(
  deps: AppDeps,
  actor: Actor,
  needId: string,
): Promise<Invitation[]> {
  const need = await readEntity(deps.store, needStream(needId), needDecider);
  if (need.revision === null) throw new NotFoundError('need', needId);
  if (actor.role !== 'staff' && !(actor.role === 'demander' && actor.orgId === need.state.orgId)) {
    throw new ForbiddenError('invitation.not_visible', messages.notVisible);
  }
  const { state } = await readEntity(deps.store, needInvitationsStream(needId), invitationDecider);
  return [...state.invitations].reverse();
}
