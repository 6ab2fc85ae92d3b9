import { engagementDecider } from '../domain/engagement/decider.js';
import { engagementStream } from '../domain/engagement/stream.js';
import type { Criterion } from '../domain/need/criteria.js';
import { panelDecider } from '../domain/panel/decider.js';
import { panelStream } from '../domain/panel/stream.js';
import { reviewInput } from '../domain/review/commands.js';
import { reviewDecider } from '../domain/review/decider.js';
import type { ReviewSubmitted } from '../domain/review/events.js';
import { reviewError } from '../domain/review/messages.js';
import { reviewStream } from '../domain/review/stream.js';
import type { Actor } from '../domain/shared/actor.js';
import { parseInput } from '../domain/shared/validation.js';
import { userDecider } from '../domain/user/decider.js';
import { userStream } from '../domain/user/stream.js';
import { readModel } from '../projections/read-models.js';
import { MAX_PAGE_SIZE, type SearchIndex } from '../search/port.js';
import { handleCommand, readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import { getEngagement } from './engagement-service.js';
import { getNeed } from './need-service.js';
import { type ReviewTally, tallyReviews } from './review-summary.js';
import { requireScopeFor } from './staff-scope.js';

type Submitted = ReviewSubmitted['data'];

/**
 * Applications an expert reviews: taken up by a vendor (揭榜, or a recommendation it accepted) and standing,
 * or a 赛马 pilot that was not selected, whose reviews stay part of the decision's record.
 */
const REVIEWED_STATUSES = new Set([
  'applied',
  'shortlisted',
  'meeting_scheduled',
  'signed',
  'delivered',
  'rated',
  'pilot_ended',
]);

/** An application of a need as a panel expert or the summary shows it. */
export interface ReviewedApplication {
  engagementId: string;
  vendorId: string;
  vendorName: string;
  solutionTitle: string;
  status: string;
  proposal: string | null;
  quoteWan: number | null;
}

/** The applications of a need still standing, oldest first, each read from its own stream. */
async function applicationsOf(
  deps: AppDeps,
  search: SearchIndex,
  needId: string,
): Promise<ReviewedApplication[]> {
  const listed = await readModel(search, 'engagements').search({
    filter: { field: 'needId', op: 'eq', value: needId },
    sort: ['createdAt:asc'],
    pageSize: MAX_PAGE_SIZE,
  });
  const applications = await Promise.all(
    listed.hits.map(async (hit) => {
      const { state } = await readEntity(deps.store, engagementStream(hit.id), engagementDecider);
      return {
        engagementId: hit.id,
        vendorId: state.vendorId,
        vendorName: hit.vendorName,
        solutionTitle: hit.solutionTitle,
        status: state.status,
        proposal: state.proposal,
        quoteWan: state.quoteWan,
      };
    }),
  );
  return applications.filter((application) => REVIEWED_STATUSES.has(application.status));
}

async function panelOf(deps: AppDeps, needId: string): Promise<string[]> {
  return (await readEntity(deps.store, panelStream(needId), panelDecider)).state.expertIds;
}

async function reviewOf(deps: AppDeps, engagementId: string, expertId: string): Promise<Submitted | null> {
  return (await readEntity(deps.store, reviewStream(engagementId, expertId), reviewDecider)).state.submitted;
}

async function affiliationOf(deps: AppDeps, actor: Actor): Promise<string | null> {
  if (actor.role !== 'expert' || !actor.userId) return null;
  const { state } = await readEntity(deps.store, userStream(actor.userId), userDecider);
  return state.expertise?.affiliation ?? null;
}

/** An expert's own review, as they and nobody else among the experts see it. */
export type OwnReview = Pick<Submitted, 'conflict' | 'scores' | 'comment' | 'at'>;

const own = ({ conflict, scores, comment, at }: Submitted): OwnReview => ({ conflict, scores, comment, at });

/**
 * POST /api/v1/engagements/:id/reviews (a panel expert): reviews an application once, with scores for
 * every criterion of its need or a declared conflict.
 */
export async function submitReview(
  deps: AppDeps,
  ctx: RequestContext,
  engagementId: string,
  input: unknown,
): Promise<{ review: OwnReview; position: bigint }> {
  const review = parseInput(reviewInput, input);
  const { state: engagement } = await getEngagement(deps, engagementId);
  const { state: need } = await getNeed(deps, engagement.needId);
  const [panel, affiliation] = await Promise.all([panelOf(deps, need.id), affiliationOf(deps, ctx.actor)]);
  const now = deps.clock();
  const handled = await handleCommand(
    deps.store,
    reviewStream(engagementId, ctx.actor.userId ?? 'anonymous'),
    reviewDecider,
    {
      type: 'SubmitReview',
      data: {
        review,
        application: {
          id: engagementId,
          needId: need.id,
          vendorId: engagement.vendorId,
          status: engagement.status,
        },
        criteria: need.criteria,
        panel,
        affiliation,
      },
      context: { actor: ctx.actor, now },
    },
    { metadata: eventMetadata(ctx, now) },
  );
  if (!handled.state.submitted || handled.position === null)
    throw new Error(`review of ${engagementId} was not recorded`);
  deps.logger.info({ engagementId, conflict: review.conflict }, 'review submitted');
  return { review: own(handled.state.submitted), position: handled.position };
}

/** A need on the expert's panel, with its applications and the expert's own review of each. */
export interface ReviewAssignment {
  needId: string;
  needTitle: string;
  criteria: Criterion[];
  applications: (ReviewedApplication & { mustRecuse: boolean; myReview: OwnReview | null })[];
}

/**
 * GET /api/v1/me/reviews and the expert's 评审 page: the needs whose panel the expert sits on, newest panel
 * first, and for each application whether the expert reviewed it. Never another expert's review.
 */
export async function listMyReviews(
  deps: AppDeps,
  search: SearchIndex,
  actor: Actor,
): Promise<ReviewAssignment[]> {
  const expertId = actor.userId;
  if (actor.role !== 'expert' || !expertId) throw reviewError('review.expert_only');
  const panels = await readModel(search, 'panels').search({
    filter: { field: 'expertIds', op: 'eq', value: expertId },
    sort: ['updatedAt:desc'],
    pageSize: MAX_PAGE_SIZE,
  });
  const affiliation = await affiliationOf(deps, actor);
  const assignments = await Promise.all(
    panels.hits.map(async ({ needId }): Promise<ReviewAssignment | null> => {
      // The index may lag a change of panel: the panel's own stream says whether the expert still sits on it.
      if (!(await panelOf(deps, needId)).includes(expertId)) return null;
      const { state: need } = await getNeed(deps, needId);
      const applications = await Promise.all(
        (await applicationsOf(deps, search, needId)).map(async (application) => {
          const mine = await reviewOf(deps, application.engagementId, expertId);
          return {
            ...application,
            mustRecuse: affiliation !== null && affiliation === application.vendorId,
            myReview: mine ? own(mine) : null,
          };
        }),
      );
      return { needId, needTitle: need.title, criteria: need.criteria, applications };
    }),
  );
  return assignments.filter((assignment) => assignment !== null);
}

export interface ReviewSummary {
  needId: string;
  criteria: Criterion[];
  panelSize: number;
  applications: (ReviewedApplication & ReviewTally)[];
}

/**
 * GET /api/v1/needs/:id/review-summary: for the need's owner and staff covering its city, each
 * application's reviews by the current panel summed up. An expert taken off the panel no longer counts.
 */
export async function reviewSummary(
  deps: AppDeps,
  search: SearchIndex,
  ctx: RequestContext,
  needId: string,
): Promise<ReviewSummary> {
  const { state: need } = await getNeed(deps, needId);
  const { actor } = ctx;
  const owner = actor.role === 'demander' && actor.orgId === need.orgId;
  if (!owner && actor.role !== 'staff') throw reviewError('review.summary_forbidden');
  await requireScopeFor(deps, ctx, need.city);
  const panel = await panelOf(deps, needId);
  const applications = await Promise.all(
    (await applicationsOf(deps, search, needId)).map(async (application) => {
      const reviews = await Promise.all(
        panel.map((expertId) => reviewOf(deps, application.engagementId, expertId)),
      );
      const given = reviews.filter((review) => review !== null);
      return { ...application, ...tallyReviews(need.criteria, given) };
    }),
  );
  return { needId, criteria: need.criteria, panelSize: panel.length, applications };
}
