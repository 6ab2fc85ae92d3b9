import type { DomainEvent } from '../shared/decider.js';

export interface Recommendation {
  solutionId: string;
  vendorId: string;
  score: number;
}

/** What a round recommends for one need: at most topK vendors, best first. */
export interface NeedRecommendations {
  needId: string;
  recommendations: Recommendation[];
}

/** Who ran the round is in the event metadata as for every event; `startedBy` keeps it with the round's state. */
export type MatchRoundStarted = DomainEvent<
  'MatchRoundStarted',
  {
    roundId: string;
    campaignId: string;
    topK: number;
    capacityPerVendor: number;
    /** The campaign's published needs when the round started, in the order they are matched. */
    needIds: string[];
    startedBy: string | null;
    /** Also the moment the round scores as of (freshness), so that re-running it gives the same scores. */
    at: string;
  }
>;
export type MatchRoundProgressed = DomainEvent<
  'MatchRoundProgressed',
  { done: number; total: number; at: string }
>;
/**
 * Results are recorded in several events of a few hundred needs each, so that no single append of a large
 * round outgrows what an event store takes at once (KurrentDB: 1 MiB by default).
 */
export type MatchRoundResultsRecorded = DomainEvent<
  'MatchRoundResultsRecorded',
  { results: NeedRecommendations[]; at: string }
>;
export type MatchRoundCompleted = DomainEvent<
  'MatchRoundCompleted',
  {
    /** Sum of the recommended pairs' scores under the capacity. */
    totalScore: number;
    /** What taking the best pairs first would have totalled under the same limits. */
    greedyScore: number;
    recommendations: number;
    at: string;
  }
>;
export type MatchRoundFailed = DomainEvent<'MatchRoundFailed', { reason: string; at: string }>;
/** Staff turned one recommendation into an engagement (recommended 对接). */
export type MatchRecommendationEngaged = DomainEvent<
  'MatchRecommendationEngaged',
  { needId: string; solutionId: string; vendorId: string; engagementId: string; at: string }
>;

export type MatchRoundEvent =
  | MatchRoundStarted
  | MatchRoundProgressed
  | MatchRoundResultsRecorded
  | MatchRoundCompleted
  | MatchRoundFailed
  | MatchRecommendationEngaged;
