import type { z } from 'zod';
import type { CaseCommand } from '../domain/case/commands.js';
import { promoteCaseInput, recordCaseReplicationInput } from '../domain/case/commands.js';
import { caseDecider } from '../domain/case/decider.js';
import type { CaseState } from '../domain/case/state.js';
import { caseStream } from '../domain/case/stream.js';
import { needDecider } from '../domain/need/decider.js';
import { needStream } from '../domain/need/stream.js';
import { parseInput } from '../domain/shared/validation.js';
import type { Handled } from './command-handler.js';
import { handleCommand, readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import { getEngagement } from './engagement-service.js';
import type { CommandResult, EntityRead } from './entity-result.js';
import { commandResult, readExisting } from './entity-result.js';
import { requireStaffDuty } from './staff-duties.js';

/** A case takes its engagement's id, so that one engagement can only ever become one case. */

async function decideOn(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  command: (now: Date) => CaseCommand,
  expectedRevision: bigint | undefined,
): Promise<CommandResult<CaseState>> {
  const now = deps.clock();
  const handled: Handled<CaseState, unknown> = await handleCommand(
    deps.store,
    caseStream(caseId),
    caseDecider,
    command(now),
    { metadata: eventMetadata(ctx, now), ...(expectedRevision === undefined ? {} : { expectedRevision }) },
  );
  return commandResult(deps.store, caseStream(caseId), caseId, handled);
}

/** POST /api/v1/engagements/:id/promote-case (staff): a delivered engagement becomes a 典型案例. */
export async function promoteCase(
  deps: AppDeps,
  ctx: RequestContext,
  engagementId: string,
  input: z.input<typeof promoteCaseInput>,
): Promise<CommandResult<CaseState>> {
  const { summary, title } = parseInput(promoteCaseInput, input);
  await requireStaffDuty(deps, ctx, 'business', '评选典型案例');
  const engagement = await getEngagement(deps, engagementId);
  const { needId, needOrgId, solutionId, vendorId, status, amountWan } = engagement.state;
  const { state: need } = await readEntity(deps.store, needStream(needId), needDecider);
  return decideOn(
    deps,
    ctx,
    engagementId,
    (now) => ({
      type: 'PromoteCase',
      data: {
        engagement: { id: engagementId, status, needId, needOrgId, solutionId, vendorId, amountWan },
        need: {
          title: need.title,
          city: need.city,
          industry: need.industry,
          scenarioType: need.scenarioType,
          technologies: need.technologies,
        },
        summary,
        title: title ?? null,
      },
      context: { actor: ctx.actor, now },
    }),
    undefined,
  );
}

/** Staff record that the case was repeated in another city (一地创新、多地复用); each city once. */
export async function recordCaseReplication(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  input: z.input<typeof recordCaseReplicationInput>,
): Promise<CommandResult<CaseState>> {
  const { city, note } = parseInput(recordCaseReplicationInput, input);
  return decideOn(
    deps,
    ctx,
    caseId,
    (now) => ({
      type: 'RecordCaseReplication',
      data: { city, note: note ?? null },
      context: { actor: ctx.actor, now },
    }),
    ctx.expectedRevision,
  );
}

/** The case an engagement became, if it was promoted (a case takes its engagement's id). */
export async function caseOfEngagement(deps: AppDeps, engagementId: string): Promise<CaseState | null> {
  const { state, revision } = await readEntity(deps.store, caseStream(engagementId), caseDecider);
  return revision === null ? null : state;
}

export function getCase(deps: AppDeps, caseId: string): Promise<EntityRead<CaseState>> {
  return readExisting(deps.store, 'case', caseStream(caseId), caseId, caseDecider);
}
