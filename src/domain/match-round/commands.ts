import { z } from 'zod';
import type { Command } from '../shared/decider.js';
import { idSchema } from '../shared/fields.js';
import type { NeedRecommendations } from './events.js';
import { matchRoundFieldMessages } from './messages.js';

const MAX_TOP_K = 20;
const MAX_CAPACITY_PER_VENDOR = 1000;

/** POST /api/v1/campaigns/:id/match-rounds. */
export const startMatchRoundInput = z.strictObject({
  topK: z
    .int(matchRoundFieldMessages.topK)
    .min(1, matchRoundFieldMessages.topK)
    .max(MAX_TOP_K, matchRoundFieldMessages.topK),
  capacityPerVendor: z
    .int(matchRoundFieldMessages.capacityPerVendor)
    .min(1, matchRoundFieldMessages.capacityPerVendor)
    .max(MAX_CAPACITY_PER_VENDOR, matchRoundFieldMessages.capacityPerVendor),
});
export type StartMatchRoundInput = z.output<typeof startMatchRoundInput>;

/** POST /api/v1/match-rounds/:id/engagements: staff turn one recommendation into an engagement. */
export const engageRecommendationInput = z.strictObject({ needId: idSchema, solutionId: idSchema });
export type EngageRecommendationInput = z.output<typeof engageRecommendationInput>;

export type StartMatchRound = Command<
  'StartMatchRound',
  { roundId: string; campaignId: string; topK: number; capacityPerVendor: number; needIds: string[] }
>;
export type RecordMatchRoundProgress = Command<'RecordMatchRoundProgress', { done: number }>;
export type RecordMatchRoundResults = Command<'RecordMatchRoundResults', { results: NeedRecommendations[] }>;
export type CompleteMatchRound = Command<'CompleteMatchRound', { totalScore: number; greedyScore: number }>;
export type FailMatchRound = Command<'FailMatchRound', { reason: string }>;
export type RecordRecommendationEngaged = Command<
  'RecordRecommendationEngaged',
  { needId: string; solutionId: string; engagementId: string }
>;

export type MatchRoundCommand =
  | StartMatchRound
  | RecordMatchRoundProgress
  | RecordMatchRoundResults
  | CompleteMatchRound
  | FailMatchRound
  | RecordRecommendationEngaged;
