import type { DomainEvent } from '../shared/decider.js';

export interface CriterionScore {
  criterion: string;
  score: number;
}

/**
 * A panel expert reviewed an application, once: scores (0–100) for every criterion of the need, or a
 * declared conflict of interest (回避) with none.
 */
export type ReviewSubmitted = DomainEvent<
  'ReviewSubmitted',
  {
    engagementId: string;
    needId: string;
    expertId: string;
    conflict: boolean;
    scores: CriterionScore[];
    comment: string | null;
    at: string;
  }
>;

export type ReviewEvent = ReviewSubmitted;
