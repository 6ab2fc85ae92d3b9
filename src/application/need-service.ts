import { campaignStream } from '../domain/campaign/stream.js';
import type { NeedCommand } from '../domain/need/commands.js';
import { needChangesSchema, needFieldsSchema, rejectNeedSchema } from '../domain/need/commands.js';
import { needDecider } from '../domain/need/decider.js';
import { needError } from '../domain/need/messages.js';
import type { Need } from '../domain/need/state.js';
import { needStream } from '../domain/need/stream.js';
import { parseInput } from '../domain/shared/validation.js';
import { cityCode } from '../domain/taxonomy/city-directory.js';
import { loadCampaignFacts } from './campaign-facts.js';
import { enterCampaignItem } from './campaign-service.js';
import { loadCityDirectory } from './city-directory.js';
import { handleCommand } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import type { CommandResult, EntityRead } from './entity-result.js';
import { commandResult, readExisting } from './entity-result.js';
import { followUp, latestPosition } from './follow-up.js';
import { loadOrganizationFacts } from './organization-service.js';
import { requireStaffDuty } from './staff-duties.js';
import { requireScopeFor } from './staff-scope.js';

async function runNeedCommand(
  deps: AppDeps,
  ctx: RequestContext,
  needId: string,
  command: (now: Date) => NeedCommand,
  expectedRevision = ctx.expectedRevision,
): Promise<CommandResult<Need>> {
  const now = deps.clock();
  const stream = needStream(needId);
  const handled = await handleCommand(deps.store, stream, needDecider, command(now), {
    metadata: eventMetadata(ctx, now),
    expectedRevision,
  });
  return commandResult(deps.store, stream, needId, handled);
}

/** POST /api/v1/needs: a draft owned by the actor's organization. */
export async function createNeed(
  deps: AppDeps,
  ctx: RequestContext,
  input: unknown,
): Promise<CommandResult<Need>> {
  if (!ctx.actor.orgId) throw needError('need.demander_only');
  const org = await loadOrganizationFacts(deps, ctx.actor.orgId);
  const fields = parseInput(
    needFieldsSchema.extend({ city: cityCode(await loadCityDirectory(deps.store)) }),
    input,
  );
  const needId = deps.newId();
  return runNeedCommand(
    deps,
    ctx,
    needId,
    (now) => ({ type: 'CreateNeed', data: { needId, fields, org }, context: { actor: ctx.actor, now } }),
    undefined,
  );
}

/** PATCH /api/v1/needs/:id: changes a draft or a rejected need; honours If-Match via ctx.expectedRevision. */
export async function updateNeed(deps: AppDeps, ctx: RequestContext, needId: string, input: unknown) {
  const changes = parseInput(
    needChangesSchema.extend({ city: cityCode(await loadCityDirectory(deps.store)).optional() }),
    input,
  );
  return runNeedCommand(deps, ctx, needId, (now) => ({
    type: 'UpdateNeed',
    data: { needId, changes },
    context: { actor: ctx.actor, now },
  }));
}

/**
 * Sends the need to review. A need that names a campaign is entered into it afterwards; submitting an
 * already submitted need changes nothing but enters it again, which repairs a submission whose entry
 * failed half-way (entering is idempotent).
 */
export async function submitNeed(
  deps: AppDeps,
  ctx: RequestContext,
  needId: string,
): Promise<CommandResult<Need>> {
  const { state: need } = await getNeed(deps, needId);
  const org = await loadOrganizationFacts(deps, need.orgId);
  const campaign = need.campaignId ? await loadCampaignFacts(deps, need.campaignId) : null;
  const result = await runNeedCommand(deps, ctx, needId, (now) => ({
    type: 'SubmitNeed',
    data: { needId, org, campaign },
    context: { actor: ctx.actor, now },
  }));
  const { campaignId, status } = result.state;
  if (status !== 'submitted' || !campaignId) return result;
  const { expectedRevision: _needRevision, ...campaignCtx } = ctx;
  const entered = await followUp(
    deps,
    { command: 'EnterCampaignItem', stream: campaignStream(campaignId) },
    () => enterCampaignItem(deps, campaignCtx, campaignId, { itemKind: 'need', itemId: needId }),
  );
  return { ...result, position: latestPosition(result.position, entered?.position) ?? result.position };
}

/** Staff review the needs of their own city (province staff all) as 业务人员: the staff-scope and duty rules. */
async function requireNeedInScope(deps: AppDeps, ctx: RequestContext, needId: string) {
  const { state } = await getNeed(deps, needId);
  await requireScopeFor(deps, ctx, state.city);
  await requireStaffDuty(deps, ctx, 'business');
}

export async function approveNeed(deps: AppDeps, ctx: RequestContext, needId: string) {
  await requireNeedInScope(deps, ctx, needId);
  return runNeedCommand(deps, ctx, needId, (now) => ({
    type: 'ApproveNeed',
    data: { needId },
    context: { actor: ctx.actor, now },
  }));
}

export async function rejectNeed(deps: AppDeps, ctx: RequestContext, needId: string, input: unknown) {
  const { reason } = parseInput(rejectNeedSchema, input);
  await requireNeedInScope(deps, ctx, needId);
  return runNeedCommand(deps, ctx, needId, (now) => ({
    type: 'RejectNeed',
    data: { needId, reason },
    context: { actor: ctx.actor, now },
  }));
}

export function withdrawNeed(deps: AppDeps, ctx: RequestContext, needId: string) {
  return runNeedCommand(deps, ctx, needId, (now) => ({
    type: 'WithdrawNeed',
    data: { needId },
    context: { actor: ctx.actor, now },
  }));
}

/** Closes a need whose deadline has passed (staff, or a scheduled job acting as staff). */
export function expireNeed(deps: AppDeps, ctx: RequestContext, needId: string) {
  return runNeedCommand(deps, ctx, needId, (now) => ({
    type: 'ExpireNeed',
    data: { needId },
    context: { actor: ctx.actor, now },
  }));
}

export function getNeed(deps: AppDeps, needId: string): Promise<EntityRead<Need>> {
  return readExisting(deps.store, 'need', needStream(needId), needId, needDecider);
}
