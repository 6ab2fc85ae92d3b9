import { engagementSlotStream, slotDecider } from '../domain/engagement/slot.js';
import type { EngagementState, EngagementStatus } from '../domain/engagement/state.js';
import type { Need } from '../domain/need/state.js';
import type { Actor } from '../domain/shared/actor.js';
import { ForbiddenError, NotFoundError } from '../domain/shared/errors.js';
import type { Solution } from '../domain/solution/state.js';
import { readEntity } from './command-handler.js';
import type { AppDeps } from './deps.js';
import { getEngagement } from './engagement-service.js';
import type { EntityRead } from './entity-result.js';
import { getNeed } from './need-service.js';
import { getSolution } from './solution-service.js';

/**
 * A need as one actor may see it: `contact` is left out, not emptied, for those who may not see it. A
 * shortlisted vendor whose demander did not consent to share the contact gets `contactWithheld`, saying so.
 */
export type NeedAsSeen = Omit<Need, 'contact'> &
  Partial<Pick<Need, 'contact'>> & { contactWithheld?: string };

/**
 * One entity read on behalf of an actor, with the rules of who may read what applied here and nowhere
 * else: the API and the pages both read single needs, solutions and engagements through this. Lists
 * apply the same rules as index filters (queries/visibility.ts).
 */
export interface EntityViews {
  /** The need if the actor may read it (else ForbiddenError), with its contact only for those who may see it. */
  viewNeed(actor: Actor, needId: string): Promise<EntityRead<NeedAsSeen>>;
  /** A need the actor already holds (a command's result), with its contact only for those who may see it. */
  showNeed<Result extends { state: Need }>(
    actor: Actor,
    result: Result,
  ): Promise<Omit<Result, 'state'> & { state: NeedAsSeen }>;
  viewSolution(actor: Actor, solutionId: string): Promise<EntityRead<Solution>>;
  viewEngagement(actor: Actor, engagementId: string): Promise<EntityRead<EngagementState>>;
}

const messages = {
  needNotVisible: '该需求尚未发布，只有发布机构和平台工作人员可以查看',
  solutionNotVisible: '该方案尚未发布，只有发布机构和平台工作人员可以查看',
  engagementNotVisible: '只有对接双方和平台工作人员可以查看此对接',
  contactWithheld: '需求方未同意共享联系方式',
} as const;

/**
 * Listings are readable by signed-in users once published (and stay readable after they close); before
 * that only their organization and staff see them. Engagements are their two parties' and staff's.
 */
function assertNeedVisible(actor: Actor, need: Need): void {
  if (actor.role === 'staff' || actor.orgId === need.orgId || need.publishedAt !== null) return;
  throw new ForbiddenError('need.not_visible', messages.needNotVisible);
}

function assertSolutionVisible(actor: Actor, solution: Solution): void {
  if (actor.role === 'staff' || actor.orgId === solution.vendorId || solution.publishedAt !== null) return;
  throw new ForbiddenError('solution.not_visible', messages.solutionNotVisible);
}

function assertEngagementVisible(actor: Actor, engagement: EngagementState): void {
  if (actor.role === 'staff' || actor.orgId === engagement.needOrgId || actor.orgId === engagement.vendorId)
    return;
  throw new ForbiddenError('engagement.not_visible', messages.engagementNotVisible);
}

/** Engagement states in which the vendor has been shortlisted or gone further: it may see the contact. */
const CONTACT_STATUSES: ReadonlySet<EngagementStatus> = new Set([
  'shortlisted',
  'meeting_scheduled',
  'signed',
  'delivered',
  'rated',
]);

/** Whether an actor sees a need's contact: shown, hidden, or withheld (a vendor without the demander's consent). */
type ContactAccess = 'shown' | 'hidden' | 'withheld';

/**
 * A demander's contact details are for staff, the owner, and vendors whose engagement on that need is
 * shortlisted or later and whose demander consented to share them when shortlisting (engagements
 * shortlisted before the consent was asked count as consenting: they showed the contact then). The
 * vendor's engagement is found through the slot stream that keeps one open engagement per need and
 * vendor (its name is the engagement service's convention).
 */
async function needContactAccess(deps: AppDeps, actor: Actor, need: Need): Promise<ContactAccess> {
  if (actor.role === 'staff' || actor.orgId === need.orgId) return 'shown';
  if (actor.role !== 'vendor' || !actor.orgId) return 'hidden';
  const { state: slot } = await readEntity(
    deps.store,
    engagementSlotStream(need.id, actor.orgId),
    slotDecider,
  );
  if (!slot.holder) return 'hidden';
  try {
    const { state } = await getEngagement(deps, slot.holder.engagementId);
    if (state.vendorId !== actor.orgId || state.needId !== need.id || !CONTACT_STATUSES.has(state.status))
      return 'hidden';
    return state.contactShared ? 'shown' : 'withheld';
  } catch (error) {
    // A slot whose engagement was never written (the process died in between) shows nothing.
    if (error instanceof NotFoundError) return 'hidden';
    throw error;
  }
}

export function createEntityViews(deps: AppDeps): EntityViews {
  const showNeed: EntityViews['showNeed'] = async (actor, result) => {
    const access = await needContactAccess(deps, actor, result.state);
    if (access === 'shown') return result;
    const { contact: _contact, ...shown } = result.state;
    if (access === 'withheld')
      return { ...result, state: { ...shown, contactWithheld: messages.contactWithheld } };
    return { ...result, state: shown };
  };
  return {
    async viewNeed(actor, needId) {
      const need = await getNeed(deps, needId);
      assertNeedVisible(actor, need.state);
      return showNeed(actor, need);
    },
    showNeed,
    async viewSolution(actor, solutionId) {
      const solution = await getSolution(deps, solutionId);
      assertSolutionVisible(actor, solution.state);
      return solution;
    },
    async viewEngagement(actor, engagementId) {
      const engagement = await getEngagement(deps, engagementId);
      assertEngagementVisible(actor, engagement.state);
      return engagement;
    },
  };
}
