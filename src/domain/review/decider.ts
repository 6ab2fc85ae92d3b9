import type { Criterion } from '../need/criteria.js';
import type { Decider } from '../shared/decider.js';
import { ValidationError } from '../shared/errors.js';
import type { ReviewCommand, ReviewInput, SubmitReview } from './commands.js';
import type { CriterionScore, ReviewEvent } from './events.js';
import { reviewError, reviewFieldMessages } from './messages.js';
import type { Review } from './state.js';

/** An application not yet taken up (a recommendation) or no longer standing is not reviewed. */
const UNREVIEWABLE = new Set(['initial', 'recommended', 'declined', 'withdrawn']);

function initialState(): Review {
  return { submitted: null };
}

/** Scores for exactly the need's criteria, each once; a conflict carries none. */
function checkedScores(review: ReviewInput, criteria: Criterion[]): CriterionScore[] {
  const scores = review.scores ?? [];
  if (review.conflict) {
    if (scores.length > 0)
      throw new ValidationError([{ path: 'scores', message: reviewFieldMessages.conflictWithScores }]);
    return [];
  }
  const names = new Set(criteria.map((criterion) => criterion.name));
  const seen = new Set<string>();
  const errors = scores.flatMap(({ criterion }, index) => {
    const message = !names.has(criterion)
      ? reviewFieldMessages.unknownCriterion(criterion)
      : seen.has(criterion)
        ? reviewFieldMessages.repeatedCriterion(criterion)
        : null;
    seen.add(criterion);
    return message ? [{ path: `scores.${index}.criterion`, message }] : [];
  });
  const missing = criteria.filter((criterion) => !seen.has(criterion.name)).map((c) => c.name);
  if (missing.length > 0)
    errors.push({ path: 'scores', message: reviewFieldMessages.scoresMissing(missing) });
  if (errors.length > 0) throw new ValidationError(errors);
  // In the need's order, so every review of the need reads alike.
  return criteria.map((criterion) => ({
    criterion: criterion.name,
    score: scores.find((s) => s.criterion === criterion.name)?.score ?? 0,
  }));
}

function submit({ data, context }: SubmitReview, state: Review): ReviewEvent[] {
  const { actor } = context;
  if (actor.role !== 'expert' || !actor.userId) throw reviewError('review.expert_only');
  if (!data.panel.includes(actor.userId)) throw reviewError('review.not_on_panel');
  if (data.affiliation !== null && data.affiliation === data.application.vendorId)
    throw reviewError('review.own_organization');
  if (state.submitted) throw reviewError('review.already_submitted');
  if (UNREVIEWABLE.has(data.application.status))
    throw reviewError('review.not_reviewable', { status: data.application.status });
  if (data.criteria.length === 0) throw reviewError('review.no_criteria');
  const scores = checkedScores(data.review, data.criteria);
  const { application } = data;
  return [
    {
      type: 'ReviewSubmitted',
      data: {
        engagementId: application.id,
        needId: application.needId,
        expertId: actor.userId,
        conflict: data.review.conflict,
        scores,
        comment: data.review.comment ?? null,
        at: context.now.toISOString(),
      },
    },
  ];
}

function decide(command: ReviewCommand, state: Review): ReviewEvent[] {
  return submit(command, state);
}

function evolve(_state: Review, event: ReviewEvent): Review {
  return { submitted: event.data };
}

export const reviewDecider: Decider<Review, ReviewCommand, ReviewEvent> = { decide, evolve, initialState };
