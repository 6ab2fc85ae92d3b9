import { campaignStream } from '../domain/campaign/stream.js';
import { parseInput } from '../domain/shared/validation.js';
import type { SolutionCommand } from '../domain/solution/commands.js';
import {
  rejectSolutionSchema,
  solutionChangesSchema,
  solutionFieldsSchema,
} from '../domain/solution/commands.js';
import { solutionDecider } from '../domain/solution/decider.js';
import { solutionError } from '../domain/solution/messages.js';
import type { Solution } from '../domain/solution/state.js';
import { solutionStream } from '../domain/solution/stream.js';
import { cityCodes } from '../domain/taxonomy/city-directory.js';
import { loadCampaignFacts } from './campaign-facts.js';
import { enterCampaignItem } from './campaign-service.js';
import { loadCityDirectory } from './city-directory.js';
import { handleCommand } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import type { CommandResult, EntityRead } from './entity-result.js';
import { commandResult, readExisting } from './entity-result.js';
import { followUp, latestPosition } from './follow-up.js';
import { getOrganization, loadOrganizationFacts } from './organization-service.js';
import { requireStaffDuty } from './staff-duties.js';
import { requireScopeFor } from './staff-scope.js';

async function runSolutionCommand(
  deps: AppDeps,
  ctx: RequestContext,
  solutionId: string,
  command: (now: Date) => SolutionCommand,
  expectedRevision = ctx.expectedRevision,
): Promise<CommandResult<Solution>> {
  const now = deps.clock();
  const stream = solutionStream(solutionId);
  const handled = await handleCommand(deps.store, stream, solutionDecider, command(now), {
    metadata: eventMetadata(ctx, now),
    expectedRevision,
  });
  return commandResult(deps.store, stream, solutionId, handled);
}

/** POST /api/v1/solutions: a draft owned by the actor's (vendor) organization. */
export async function createSolution(
  deps: AppDeps,
  ctx: RequestContext,
  input: unknown,
): Promise<CommandResult<Solution>> {
  if (!ctx.actor.orgId) throw solutionError('solution.vendor_only');
  const org = await loadOrganizationFacts(deps, ctx.actor.orgId);
  const fields = parseInput(
    solutionFieldsSchema.extend({ regionsServed: cityCodes(await loadCityDirectory(deps.store)) }),
    input,
  );
  const solutionId = deps.newId();
  return runSolutionCommand(
    deps,
    ctx,
    solutionId,
    (now) => ({
      type: 'CreateSolution',
      data: { solutionId, fields, org },
      context: { actor: ctx.actor, now },
    }),
    undefined,
  );
}

/** PATCH /api/v1/solutions/:id: changes a draft or a rejected solution; honours If-Match. */
export async function updateSolution(deps: AppDeps, ctx: RequestContext, solutionId: string, input: unknown) {
  const changes = parseInput(
    solutionChangesSchema.extend({
      regionsServed: cityCodes(await loadCityDirectory(deps.store)).optional(),
    }),
    input,
  );
  return runSolutionCommand(deps, ctx, solutionId, (now) => ({
    type: 'UpdateSolution',
    data: { solutionId, changes },
    context: { actor: ctx.actor, now },
  }));
}

/** Sends the solution to review and, when it names a campaign, enters it there (see submitNeed). */
export async function submitSolution(
  deps: AppDeps,
  ctx: RequestContext,
  solutionId: string,
): Promise<CommandResult<Solution>> {
  const { state: solution } = await getSolution(deps, solutionId);
  const org = await loadOrganizationFacts(deps, solution.vendorId);
  const campaign = solution.campaignId ? await loadCampaignFacts(deps, solution.campaignId) : null;
  const result = await runSolutionCommand(deps, ctx, solutionId, (now) => ({
    type: 'SubmitSolution',
    data: { solutionId, org, campaign },
    context: { actor: ctx.actor, now },
  }));
  const { campaignId, status } = result.state;
  if (status !== 'submitted' || !campaignId) return result;
  const { expectedRevision: _solutionRevision, ...campaignCtx } = ctx;
  const entered = await followUp(
    deps,
    { command: 'EnterCampaignItem', stream: campaignStream(campaignId) },
    () => enterCampaignItem(deps, campaignCtx, campaignId, { itemKind: 'solution', itemId: solutionId }),
  );
  return { ...result, position: latestPosition(result.position, entered?.position) ?? result.position };
}

/** Staff review the solutions of vendors of their own city (province staff all) as 业务人员: scope and duty. */
async function requireSolutionInScope(deps: AppDeps, ctx: RequestContext, solutionId: string) {
  const { state: solution } = await getSolution(deps, solutionId);
  const { state: vendor } = await getOrganization(deps, solution.vendorId);
  await requireScopeFor(deps, ctx, vendor.city);
  await requireStaffDuty(deps, ctx, 'business');
}

/** Approval publishes the solution at once. */
export async function approveSolution(deps: AppDeps, ctx: RequestContext, solutionId: string) {
  await requireSolutionInScope(deps, ctx, solutionId);
  return runSolutionCommand(deps, ctx, solutionId, (now) => ({
    type: 'ApproveSolution',
    data: { solutionId },
    context: { actor: ctx.actor, now },
  }));
}

export async function rejectSolution(deps: AppDeps, ctx: RequestContext, solutionId: string, input: unknown) {
  const { reason } = parseInput(rejectSolutionSchema, input);
  await requireSolutionInScope(deps, ctx, solutionId);
  return runSolutionCommand(deps, ctx, solutionId, (now) => ({
    type: 'RejectSolution',
    data: { solutionId, reason },
    context: { actor: ctx.actor, now },
  }));
}

/** The vendor withdraws its listing, or staff delist it. */
export function retireSolution(deps: AppDeps, ctx: RequestContext, solutionId: string) {
  return runSolutionCommand(deps, ctx, solutionId, (now) => ({
    type: 'RetireSolution',
    data: { solutionId },
    context: { actor: ctx.actor, now },
  }));
}

export function getSolution(deps: AppDeps, solutionId: string): Promise<EntityRead<Solution>> {
  return readExisting(deps.store, 'solution', solutionStream(solutionId), solutionId, solutionDecider);
}
