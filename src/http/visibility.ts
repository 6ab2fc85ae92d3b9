import { readEntity } from '../application/command-handler.js';
import type { AppDeps } from '../application/deps.js';
import { getEngagement } from '../application/engagement-service.js';
import { engagementSlotStream, slotDecider } from '../domain/engagement/slot.js';
import type { EngagementState, EngagementStatus } from '../domain/engagement/state.js';
import type { Need } from '../domain/need/state.js';
import type { Actor } from '../domain/shared/actor.js';
import { ForbiddenError, NotFoundError } from '../domain/shared/errors.js';
import type { Solution } from '../domain/solution/state.js';
import { httpMessages } from './messages.js';

/**
 * Who may read what. Listings are public to signed-in users once published (and stay readable after they
 * close); before that only their organization and staff see them. Engagements are their two parties'.
 */
export function assertNeedVisible(actor: Actor, need: Need): void {
  if (actor.role === 'staff' || actor.orgId === need.orgId || need.publishedAt !== null) return;
  throw new ForbiddenError('need.not_visible', httpMessages.needNotVisible);
}

export function assertSolutionVisible(actor: Actor, solution: Solution): void {
  if (actor.role === 'staff' || actor.orgId === solution.vendorId || solution.publishedAt !== null) return;
  throw new ForbiddenError('solution.not_visible', httpMessages.solutionNotVisible);
}

export function assertEngagementVisible(actor: Actor, engagement: EngagementState): void {
  if (actor.role === 'staff' || actor.orgId === engagement.needOrgId || actor.orgId === engagement.vendorId)
    return;
  throw new ForbiddenError('engagement.not_visible', httpMessages.engagementNotVisible);
}

/** Engagement states in which the vendor has been shortlisted or gone further (DESIGN: contact visibility). */
const CONTACT_STATUSES: ReadonlySet<EngagementStatus> = new Set([
  'shortlisted',
  'meeting_scheduled',
  'signed',
  'delivered',
  'rated',
]);

/**
 * A demander's contact details are for staff, the owner, and vendors whose engagement on that need is
 * shortlisted or later. The vendor's engagement is found through the slot stream that keeps one open
 * engagement per need and vendor (its name is the engagement service's convention).
 */
export async function canSeeNeedContact(deps: AppDeps, actor: Actor, need: Need): Promise<boolean> {
  if (actor.role === 'staff' || actor.orgId === need.orgId) return true;
  if (actor.role !== 'vendor' || !actor.orgId) return false;
  const { state: slot } = await readEntity(
    deps.store,
    engagementSlotStream(need.id, actor.orgId),
    slotDecider,
  );
  if (!slot.holder) return false;
  try {
    const { state } = await getEngagement(deps, slot.holder.engagementId);
    return state.vendorId === actor.orgId && state.needId === need.id && CONTACT_STATUSES.has(state.status);
  } catch (error) {
    // A slot whose engagement was never written (the process died in between) shows nothing.
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

export function withoutContact(need: Need): Omit<Need, 'contact'> {
  const { contact: _contact, ...shown } = need;
  return shown;
}
