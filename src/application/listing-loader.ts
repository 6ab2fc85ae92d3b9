import { needDecider } from '../domain/need/decider.js';
import type { Need } from '../domain/need/state.js';
import { needStream } from '../domain/need/stream.js';
import type { OrganizationKind } from '../domain/organization/state.js';
import { solutionDecider } from '../domain/solution/decider.js';
import type { Solution } from '../domain/solution/state.js';
import { solutionStream } from '../domain/solution/stream.js';
import { readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { approveNeed, createNeed, submitNeed } from './need-service.js';
import { approveSolution, createSolution, submitSolution } from './solution-service.js';

/**
 * Bulk loads (sheet import, demo seed, generated data) take each listing through the same commands as
 * the API: create as a draft, submit, and approve when a reviewer is given. Each step runs only if the
 * listing has not passed it yet, so a load that stopped half-way continues where it stopped.
 */
export interface LoadSteps {
  /** Speaks for the owner organization: creates and submits. */
  owner: RequestContext;
  /** Staff who approve at once, or null to leave the listing under review. */
  reviewer: RequestContext | null;
}

/** The owner organization's side of a bulk load run by staff or by the platform itself (代录入). */
export function actingFor(ctx: RequestContext, org: { id: string; kind: OrganizationKind }): RequestContext {
  return {
    actor: { userId: ctx.actor.userId, orgId: org.id, role: org.kind },
    correlationId: ctx.correlationId,
  };
}

/** Deps whose next id is the one the ledger claimed for the entity; later ids come from the real source. */
export function withClaimedId(deps: AppDeps, id: string): AppDeps {
  let used = false;
  return {
    ...deps,
    newId: () => {
      if (used) return deps.newId();
      used = true;
      return id;
    },
  };
}

export async function loadNeed(
  deps: AppDeps,
  needId: string,
  fields: unknown,
  steps: LoadSteps,
): Promise<Need> {
  let { state } = await readEntity(deps.store, needStream(needId), needDecider);
  if (state.status === 'initial')
    state = (await createNeed(withClaimedId(deps, needId), steps.owner, fields)).state;
  // Submitting a submitted need again re-enters it into its campaign, repairing an entry that was cut off.
  if (state.status === 'draft' || state.status === 'rejected' || state.status === 'submitted') {
    state = (await submitNeed(deps, steps.owner, needId)).state;
  }
  if (state.status === 'submitted' && steps.reviewer)
    state = (await approveNeed(deps, steps.reviewer, needId)).state;
  return state;
}

export async function loadSolution(
  deps: AppDeps,
  solutionId: string,
  fields: unknown,
  steps: LoadSteps,
): Promise<Solution> {
  let { state } = await readEntity(deps.store, solutionStream(solutionId), solutionDecider);
  if (state.status === 'initial') {
    state = (await createSolution(withClaimedId(deps, solutionId), steps.owner, fields)).state;
  }
  if (state.status === 'draft' || state.status === 'rejected' || state.status === 'submitted') {
    state = (await submitSolution(deps, steps.owner, solutionId)).state;
  }
  if (state.status === 'submitted' && steps.reviewer) {
    state = (await approveSolution(deps, steps.reviewer, solutionId)).state;
  }
  return state;
}
