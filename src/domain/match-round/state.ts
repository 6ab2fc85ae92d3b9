import type { NeedRecommendations } from './events.js';

export type MatchRoundStatus = 'initial' | 'running' | 'completed' | 'failed';

export interface EngagedRecommendation {
  needId: string;
  solutionId: string;
  vendorId: string;
  engagementId: string;
  at: string;
}

export interface MatchRoundState {
  status: MatchRoundStatus;
  id: string;
  campaignId: string;
  topK: number;
  capacityPerVendor: number;
  needIds: string[];
  startedBy: string | null;
  startedAt: string | null;
  /** Needs scored so far, of all the round's needs. */
  progress: { done: number; total: number };
  /** In the order recorded; every need of the round once the round is completed. */
  results: NeedRecommendations[];
  totalScore: number | null;
  greedyScore: number | null;
  failureReason: string | null;
  engaged: EngagedRecommendation[];
  completedAt: string | null;
  /** The newest event's time: a running round whose runner stopped stops moving. */
  updatedAt: string | null;
}
