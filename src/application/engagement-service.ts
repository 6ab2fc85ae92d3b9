import type { z } from 'zod';
import type { ApplyToNeed, EngagementCommand, RecommendSolution } from '../domain/engagement/commands.js';
import {
  acceptRecommendationInput,
  applyToNeedInput,
  declineEngagementInput,
  rateEngagementInput,
  recommendSolutionInput,
  scheduleMeetingInput,
  shortlistEngagementInput,
  signEngagementInput,
  withdrawEngagementInput,
} from '../domain/engagement/commands.js';
import { engagementDecider } from '../domain/engagement/decider.js';
import { engagementSlotStream, slotDecider } from '../domain/engagement/slot.js';
import type { EngagementState } from '../domain/engagement/state.js';
import { ENDED_STATUSES } from '../domain/engagement/state.js';
import { engagementStream } from '../domain/engagement/stream.js';
import { needDecider } from '../domain/need/decider.js';
import { needStream } from '../domain/need/stream.js';
import { organizationDecider } from '../domain/organization/decider.js';
import { organizationStream } from '../domain/organization/stream.js';
import { NotFoundError } from '../domain/shared/errors.js';
import { parseInput } from '../domain/shared/validation.js';
import { solutionDecider } from '../domain/solution/decider.js';
import { solutionStream } from '../domain/solution/stream.js';
import type { Handled } from './command-handler.js';
import { handleCommand, readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import type { CommandResult, EntityRead } from './entity-result.js';
import { commandResult, readExisting } from './entity-result.js';
import { followUp, latestPosition } from './follow-up.js';
import { acceptInvitationOf } from './invitation-service.js';
import { requireStaffDuty } from './staff-duties.js';

type Slotted = Pick<EngagementState, 'id' | 'needId' | 'vendorId'>;

type CommandData<Type extends EngagementCommand['type']> = Extract<EngagementCommand, { type: Type }>['data'];

/** The engagement after the command, with the newest position of every stream the command wrote. */
async function resultOf(
  deps: AppDeps,
  id: string,
  handled: Handled<EngagementState, unknown>,
  ...followUps: (bigint | null | undefined)[]
): Promise<CommandResult<EngagementState>> {
  const result = await commandResult(deps.store, engagementStream(id), id, handled);
  return { ...result, position: latestPosition(result.position, ...followUps) ?? result.position };
}

async function decideOn<Type extends EngagementCommand['type']>(
  deps: AppDeps,
  ctx: RequestContext,
  engagementId: string,
  type: Type,
  data: CommandData<Type>,
): Promise<Handled<EngagementState, unknown>> {
  const now = deps.clock();
  const command = { type, data, context: { actor: ctx.actor, now } } as EngagementCommand;
  return handleCommand(deps.store, engagementStream(engagementId), engagementDecider, command, {
    metadata: eventMetadata(ctx, now),
    ...(ctx.expectedRevision === undefined ? {} : { expectedRevision: ctx.expectedRevision }),
  });
}

async function loadOpeningFacts(deps: AppDeps, needId: string, solutionId: string) {
  const [need, solution] = await Promise.all([
    readEntity(deps.store, needStream(needId), needDecider),
    readEntity(deps.store, solutionStream(solutionId), solutionDecider),
  ]);
  if (need.revision === null) throw new NotFoundError('need', needId);
  if (solution.revision === null) throw new NotFoundError('solution', solutionId);
  const [vendor, demander] = await Promise.all([
    readEntity(deps.store, organizationStream(solution.state.vendorId), organizationDecider),
    readEntity(deps.store, organizationStream(need.state.orgId), organizationDecider),
  ]);
  return {
    need: {
      id: needId,
      orgId: need.state.orgId,
      status: need.state.status,
      orgStatus: demander.state.status,
    },
    solution: { id: solutionId, vendorId: solution.state.vendorId, status: solution.state.status },
    vendor: { status: vendor.state.status },
  };
}

async function reserveSlot(deps: AppDeps, ctx: RequestContext, command: ApplyToNeed | RecommendSolution) {
  const { engagementId, need, solution } = command.data;
  const stream = engagementSlotStream(need.id, solution.vendorId);
  const { state: slot } = await readEntity(deps.store, stream, slotDecider);
  const holder = slot.holder
    ? {
        engagementId: slot.holder.engagementId,
        status: (await readEntity(deps.store, engagementStream(slot.holder.engagementId), engagementDecider))
          .state.status,
      }
    : null;
  const now = deps.clock();
  await handleCommand(
    deps.store,
    stream,
    slotDecider,
    {
      type: 'ReserveEngagementSlot',
      data: { engagementId, needId: need.id, vendorId: solution.vendorId, holder },
      context: { actor: ctx.actor, now },
    },
    { metadata: eventMetadata(ctx, now) },
  );
}

/** Hands the slot back so that the vendor may apply again; a no-op when someone else holds it by now. */
async function releaseSlot(deps: AppDeps, ctx: RequestContext, engagement: Slotted) {
  const now = deps.clock();
  const stream = engagementSlotStream(engagement.needId, engagement.vendorId);
  return followUp(deps, { command: 'ReleaseEngagementSlot', stream }, () =>
    handleCommand(
      deps.store,
      stream,
      slotDecider,
      {
        type: 'ReleaseEngagementSlot',
        data: { engagementId: engagement.id },
        context: { actor: ctx.actor, now },
      },
      { metadata: eventMetadata(ctx, now) },
    ),
  );
}

/**
 * Decides first (so that a refusal writes nothing), then takes the need-and-vendor slot, then writes the
 * engagement. If that last write fails the slot is handed back; if the process dies before it, the slot
 * reads as abandoned after a minute.
 */
async function openEngagement(
  deps: AppDeps,
  ctx: RequestContext,
  command: ApplyToNeed | RecommendSolution,
): Promise<CommandResult<EngagementState>> {
  const id = command.data.engagementId;
  engagementDecider.decide(command, engagementDecider.initialState());
  await reserveSlot(deps, ctx, command);
  try {
    const handled = await handleCommand(deps.store, engagementStream(id), engagementDecider, command, {
      metadata: eventMetadata(ctx, command.context.now),
      expectedRevision: 'no_stream',
    });
    return resultOf(deps, id, handled);
  } catch (error) {
    const slotted = { id, needId: command.data.need.id, vendorId: command.data.solution.vendorId };
    await releaseSlot(deps, ctx, slotted).catch((releaseError: unknown) =>
      deps.logger.warn({ err: releaseError, engagementId: id }, 'could not release engagement slot'),
    );
    throw error;
  }
}

function openingCommand<Type extends 'ApplyToNeed' | 'RecommendSolution'>(
  deps: AppDeps,
  ctx: RequestContext,
  type: Type,
  data: Extract<EngagementCommand, { type: Type }>['data'],
) {
  return { type, data, context: { actor: ctx.actor, now: deps.clock() } } as Extract<
    EngagementCommand,
    { type: Type }
  >;
}

/**
 * POST /api/v1/needs/:id/applications (揭榜, vendor): opens an engagement in `applied`, which accepts the
 * vendor's open invitation on the need, if it has one.
 */
export async function applyToNeed(
  deps: AppDeps,
  ctx: RequestContext,
  needId: string,
  input: z.input<typeof applyToNeedInput>,
): Promise<CommandResult<EngagementState>> {
  const { solutionId, proposal, quoteWan } = parseInput(applyToNeedInput, input);
  const facts = await loadOpeningFacts(deps, needId, solutionId);
  const data = { engagementId: deps.newId(), ...facts, proposal, quoteWan };
  const opened = await openEngagement(deps, ctx, openingCommand(deps, ctx, 'ApplyToNeed', data));
  const accepted = await acceptInvitationOf(deps, ctx, opened.state);
  return { ...opened, position: latestPosition(opened.position, accepted) ?? opened.position };
}

/** POST /api/v1/needs/:id/recommendations (staff or a match round): opens an engagement in `recommended`. */
export async function recommendSolution(
  deps: AppDeps,
  ctx: RequestContext,
  needId: string,
  input: z.input<typeof recommendSolutionInput>,
): Promise<CommandResult<EngagementState>> {
  const { solutionId } = parseInput(recommendSolutionInput, input);
  await requireStaffDuty(deps, ctx, 'business', '推荐解决方案');
  const facts = await loadOpeningFacts(deps, needId, solutionId);
  const data = { engagementId: deps.newId(), ...facts };
  return openEngagement(deps, ctx, openingCommand(deps, ctx, 'RecommendSolution', data));
}

/**
 * POST /api/v1/engagements/:id/accept (vendor): takes up a recommendation with a proposal and a quote,
 * which makes it `applied` as if the vendor had applied (accepting its open invitation on the need, if any). The need owner may also shortlist a
 * recommendation directly, without waiting for the vendor.
 */
export async function acceptRecommendation(
  deps: AppDeps,
  ctx: RequestContext,
  engagementId: string,
  input: z.input<typeof acceptRecommendationInput>,
): Promise<CommandResult<EngagementState>> {
  const data = parseInput(acceptRecommendationInput, input);
  const handled = await decideOn(deps, ctx, engagementId, 'AcceptRecommendation', data);
  return resultOf(deps, engagementId, handled, await acceptInvitationOf(deps, ctx, handled.state));
}

/**
 * POST /api/v1/engagements/:id/shortlist (need owner), with or without consent to show the vendor the
 * need's contact details (`shareContact`, false when left out).
 */
export async function shortlistEngagement(
  deps: AppDeps,
  ctx: RequestContext,
  engagementId: string,
  input: z.input<typeof shortlistEngagementInput> = {},
): Promise<CommandResult<EngagementState>> {
  const data = parseInput(shortlistEngagementInput, input);
  return resultOf(deps, engagementId, await decideOn(deps, ctx, engagementId, 'ShortlistEngagement', data));
}

async function endEngagement(deps: AppDeps, ctx: RequestContext, handled: Handled<EngagementState, unknown>) {
  const released = ENDED_STATUSES.has(handled.state.status)
    ? await releaseSlot(deps, ctx, handled.state)
    : null;
  return resultOf(deps, handled.state.id, handled, released?.position);
}

/** POST /api/v1/engagements/:id/decline (need owner, before signing); the vendor may then apply again. */
export async function declineEngagement(
  deps: AppDeps,
  ctx: RequestContext,
  engagementId: string,
  input: z.input<typeof declineEngagementInput>,
): Promise<CommandResult<EngagementState>> {
  const { reason } = parseInput(declineEngagementInput, input);
  return endEngagement(deps, ctx, await decideOn(deps, ctx, engagementId, 'DeclineEngagement', { reason }));
}

/** POST /api/v1/engagements/:id/withdraw (vendor, before signing); the vendor may then apply again. */
export async function withdrawEngagement(
  deps: AppDeps,
  ctx: RequestContext,
  engagementId: string,
  input: z.input<typeof withdrawEngagementInput> = {},
): Promise<CommandResult<EngagementState>> {
  const { reason } = parseInput(withdrawEngagementInput, input);
  const handled = await decideOn(deps, ctx, engagementId, 'WithdrawEngagement', { reason: reason ?? null });
  return endEngagement(deps, ctx, handled);
}

/** POST /api/v1/engagements/:id/schedule-meeting (either side, once shortlisted; again to reschedule). */
export async function scheduleMeeting(
  deps: AppDeps,
  ctx: RequestContext,
  engagementId: string,
  input: z.input<typeof scheduleMeetingInput>,
): Promise<CommandResult<EngagementState>> {
  const { at, location } = parseInput(scheduleMeetingInput, input);
  const data = { meetingAt: at, location };
  return resultOf(deps, engagementId, await decideOn(deps, ctx, engagementId, 'ScheduleMeeting', data));
}

/**
 * POST /api/v1/engagements/:id/sign (each side, after the meeting). The second signature with the
 * same amount signs the engagement and takes the need into implementation, or, under the need's race
 * (赛马), counts it as one of the need's pilots (race-service.ts selects among them); one with another amount is
 * refused (engagement.amount_mismatch) and recorded nowhere, and either side may withdraw its own
 * amount (withdrawSignature) and sign again until both match.
 */
export async function signEngagement(
  deps: AppDeps,
  ctx: RequestContext,
  engagementId: string,
  input: z.input<typeof signEngagementInput>,
): Promise<CommandResult<EngagementState>> {
  const { amountWan } = parseInput(signEngagementInput, input);
  const { state } = await getEngagement(deps, engagementId);
  const need = await readEntity(deps.store, needStream(state.needId), needDecider);
  const { race, pilots } = need.state;
  const data = {
    amountWan,
    need: {
      status: need.state.status,
      ...(race ? { race: { maxParallel: race.maxParallel, pilotsSigned: pilots.length } } : {}),
    },
  };
  const handled = await decideOn(deps, ctx, engagementId, 'SignEngagement', data);
  if (handled.state.status !== 'signed') return resultOf(deps, engagementId, handled);
  const stream = needStream(state.needId);
  const now = deps.clock();
  const type = handled.state.pilot ? 'RecordPilot' : 'MarkNeedInProgress';
  const marked = await followUp(deps, { command: type, stream }, () =>
    handleCommand(
      deps.store,
      stream,
      needDecider,
      { type, data: { needId: state.needId, engagementId }, context: { actor: ctx.actor, now } },
      { metadata: eventMetadata(ctx, now) },
    ),
  );
  return resultOf(deps, engagementId, handled, marked?.position);
}

/**
 * POST /api/v1/engagements/:id/withdraw-signature (either side, before both amounts match): takes back
 * the side's contract amount so that it can sign again with the right one.
 */
export async function withdrawSignature(
  deps: AppDeps,
  ctx: RequestContext,
  engagementId: string,
): Promise<CommandResult<EngagementState>> {
  return resultOf(deps, engagementId, await decideOn(deps, ctx, engagementId, 'WithdrawSignature', {}));
}

/** POST /api/v1/engagements/:id/deliver (need owner confirms delivery): the need becomes fulfilled. */
export async function confirmDelivery(
  deps: AppDeps,
  ctx: RequestContext,
  engagementId: string,
): Promise<CommandResult<EngagementState>> {
  const handled = await decideOn(deps, ctx, engagementId, 'ConfirmDelivery', {});
  const { needId } = handled.state;
  const stream = needStream(needId);
  const now = deps.clock();
  const fulfilled = await followUp(deps, { command: 'MarkNeedFulfilled', stream }, () =>
    handleCommand(
      deps.store,
      stream,
      needDecider,
      { type: 'MarkNeedFulfilled', data: { needId, engagementId }, context: { actor: ctx.actor, now } },
      { metadata: eventMetadata(ctx, now) },
    ),
  );
  return resultOf(deps, engagementId, handled, fulfilled?.position);
}

/** POST /api/v1/engagements/:id/rate (each side once, after delivery); `rated` once both have. */
export async function rateEngagement(
  deps: AppDeps,
  ctx: RequestContext,
  engagementId: string,
  input: z.input<typeof rateEngagementInput>,
): Promise<CommandResult<EngagementState>> {
  const data = parseInput(rateEngagementInput, input);
  return resultOf(deps, engagementId, await decideOn(deps, ctx, engagementId, 'RateEngagement', data));
}

export function getEngagement(deps: AppDeps, engagementId: string): Promise<EntityRead<EngagementState>> {
  return readExisting(
    deps.store,
    'engagement',
    engagementStream(engagementId),
    engagementId,
    engagementDecider,
  );
}
