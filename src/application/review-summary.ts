import type { Criterion } from '../domain/need/criteria.js';
import type { ReviewSubmitted } from '../domain/review/events.js';

export interface CriterionMean {
  criterion: string;
  weight: number;
  /** Mean of the experts' scores (0–100); null before any scored review. */
  mean: number | null;
}

/** One application's reviews summed up: conflicts count apart and carry no score. */
export interface ReviewTally {
  /** Scored reviews. */
  reviews: number;
  /** Reviews in which the expert declared a conflict of interest (回避). */
  conflicts: number;
  /** Mean over scored reviews of each review's weighted score (Σ weight × score / 100); null before any. */
  weightedMean: number | null;
  criterionMeans: CriterionMean[];
}

const rounded = (value: number) => Math.round(value * 100) / 100;
const mean = (values: number[]) =>
  values.length === 0 ? null : rounded(values.reduce((sum, value) => sum + value, 0) / values.length);

/** The tally of one application's reviews against the need's criteria. */
export function tallyReviews(criteria: Criterion[], reviews: ReviewSubmitted['data'][]): ReviewTally {
  const scored = reviews.filter((review) => !review.conflict);
  const scoreOf = (review: ReviewSubmitted['data'], criterion: string) =>
    review.scores.find((score) => score.criterion === criterion)?.score ?? 0;
  const weighted = scored.map((review) =>
    criteria.reduce((sum, criterion) => sum + (criterion.weight * scoreOf(review, criterion.name)) / 100, 0),
  );
  return {
    reviews: scored.length,
    conflicts: reviews.length - scored.length,
    weightedMean: mean(weighted),
    criterionMeans: criteria.map((criterion) => ({
      criterion: criterion.name,
      weight: criterion.weight,
      mean: mean(scored.map((review) => scoreOf(review, criterion.name))),
    })),
  };
}
