import type { MatchRoundState } from '../domain/match-round/state.js';
import { type Existing, exists } from './existing.js';
import { entityOfStream, type Projection } from './projection.js';

/** A match round as the `match_rounds` index holds it: the type queries, API hits and pages read it by. */
export type MatchRoundDocument = Pick<
  Existing<MatchRoundState>,
  | 'id'
  | 'campaignId'
  | 'status'
  | 'topK'
  | 'capacityPerVendor'
  | 'progress'
  | 'totalScore'
  | 'greedyScore'
  | 'failureReason'
  | 'startedBy'
  | 'startedAt'
  | 'completedAt'
  | 'updatedAt'
> & {
  revision: number;
  campaignTitle: string;
  needCount: number;
  recommendationCount: number;
  engagedCount: number;
};

/**
 * 云速配 match rounds as a campaign's list of them shows them: parameters, progress and totals, without the
 * recommendations themselves, which the round's own page reads from its stream.
 */
export const matchRoundsProjection: Projection = {
  index: 'match_rounds',
  streamPrefixes: ['match-round-'],
  affected: entityOfStream('match-round-'),
  async build(id, ctx): Promise<MatchRoundDocument | null> {
    const folded = await ctx.entities.matchRound(id);
    if (!folded || !exists(folded.state)) return null;
    const round = folded.state;
    const campaign = await ctx.entities.campaign(round.campaignId);
    return {
      id,
      revision: folded.revision,
      campaignId: round.campaignId,
      campaignTitle: campaign?.state.title ?? '',
      status: round.status,
      topK: round.topK,
      capacityPerVendor: round.capacityPerVendor,
      needCount: round.needIds.length,
      progress: round.progress,
      recommendationCount: round.results.reduce((sum, r) => sum + r.recommendations.length, 0),
      engagedCount: round.engaged.length,
      totalScore: round.totalScore,
      greedyScore: round.greedyScore,
      failureReason: round.failureReason,
      startedBy: round.startedBy,
      startedAt: round.startedAt,
      completedAt: round.completedAt,
      updatedAt: round.updatedAt,
    };
  },
};
