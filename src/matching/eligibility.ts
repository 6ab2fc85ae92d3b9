/**
 * The hard constraints of matching, in one place: whatever the scores, a pair that fails them is never returned.
 * - only published solutions, and only published needs whose deadline has not passed;
 * - never a vendor that is suspended, cancelled or that the read model does not know;
 * - never a solution of the need's own organization.
 */
import { isOutOfMarket } from '../domain/organization/state.js';
import type { NeedDoc, SolutionDoc, VendorDoc } from './types.js';

export interface Candidate {
  solution: SolutionDoc;
  vendor: VendorDoc;
}

export function isOfferable(solution: SolutionDoc, vendor: VendorDoc | undefined): vendor is VendorDoc {
  return (
    solution.status === 'published' &&
    vendor !== undefined &&
    vendor.id === solution.vendorId &&
    !isOutOfMarket(vendor.status)
  );
}

export function isOpenNeed(need: NeedDoc, now: Date): boolean {
  return need.status === 'published' && !isPastDeadline(need.deadline, now);
}

/** Whether a need's deadline, if it has one, has passed: then it closes, with or without an event saying so. */
export function isPastDeadline(deadline: string | null | undefined, now: Date): boolean {
  return !!deadline && Date.parse(deadline) < now.getTime();
}

function sameOrganization(need: NeedDoc, solution: SolutionDoc): boolean {
  return need.orgId === solution.vendorId;
}

export function eligibleSolutions(
  need: NeedDoc,
  solutions: Iterable<SolutionDoc>,
  vendors: ReadonlyMap<string, VendorDoc>,
): Candidate[] {
  const candidates: Candidate[] = [];
  for (const solution of solutions) {
    const vendor = vendors.get(solution.vendorId);
    if (isOfferable(solution, vendor) && !sameOrganization(need, solution))
      candidates.push({ solution, vendor });
  }
  return candidates;
}

/** Needs a solution may be recommended for; none at all when the solution or its vendor may not be offered. */
export function eligibleNeeds(
  solution: SolutionDoc,
  vendor: VendorDoc | undefined,
  needs: Iterable<NeedDoc>,
  now: Date,
): NeedDoc[] {
  if (!isOfferable(solution, vendor)) return [];
  return [...needs].filter((need) => isOpenNeed(need, now) && !sameOrganization(need, solution));
}
