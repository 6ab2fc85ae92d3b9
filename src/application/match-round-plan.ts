/**
 * What a match round computes, apart from recording it: every need of the round scored against the solutions
 * retrieved for it (as of the round's start, so that re-running the plan later on the same read model gives
 * the same scores), each vendor kept once per need through its best solution, then the assignment under
 * topK and capacityPerVendor with the highest total score, and the greedy total for comparison.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { NeedRecommendations } from '../domain/match-round/events.js';
import { assignGreedy, assignOptimal, type ScoredPair } from '../matching/assignment.js';
import type { MatchingConfig } from '../matching/config.js';
import { isOpenNeed } from '../matching/eligibility.js';
import { readModel } from '../projections/read-models.js';
import type { SearchIndex } from '../search/port.js';
import type { MatchingService } from './matching-service.js';

export interface RoundPlanDeps {
  search: SearchIndex;
  matching: MatchingService;
}

export interface RoundParameters {
  needIds: readonly string[];
  topK: number;
  capacityPerVendor: number;
  /** The moment the round scores as of: its start. */
  now: Date;
  /** How much is retrieved per need, and how many vendors are kept per need before the assignment. */
  settings: MatchingConfig['round'];
}

export interface RoundPlan {
  results: NeedRecommendations[];
  totalScore: number;
  greedyScore: number;
  recommendations: number;
  /** Needs skipped because they were no longer open (or gone from the index). */
  closedNeeds: number;
  scoringMs: number;
  assignmentMs: number;
}

/** Candidates scored per need: enough for `vendorsPerNeed` distinct vendors in all but odd cases. */
const RANKED_PER_NEED = 1000;

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

export async function planMatchRound(
  deps: RoundPlanDeps,
  parameters: RoundParameters,
  onProgress?: (done: number) => Promise<void>,
): Promise<RoundPlan> {
  const { needIds, now, settings } = parameters;
  const { keywordSearches, vendorsPerNeed } = settings;
  const started = performance.now();
  const pairs: ScoredPair[] = [];
  let closedNeeds = 0;
  for (const [index, needId] of needIds.entries()) {
    const need = await readModel(deps.search, 'needs').get(needId);
    if (need && isOpenNeed(need, now)) {
      const ranked = await deps.matching.rankSolutions(need, {
        now,
        limit: RANKED_PER_NEED,
        retrieval: { keywordSearches },
        explain: false,
      });
      const vendors = new Set<string>();
      for (const match of ranked) {
        if (vendors.size >= vendorsPerNeed) break;
        if (vendors.has(match.vendorId)) continue;
        vendors.add(match.vendorId);
        pairs.push({ needId, vendorId: match.vendorId, solutionId: match.solutionId, score: match.score });
      }
    } else {
      closedNeeds++;
    }
    await onProgress?.(index + 1);
    // Scoring is synchronous work: let requests in between needs.
    await yieldToEventLoop();
  }
  const scored = performance.now();
  const limits = { topK: parameters.topK, capacityPerVendor: parameters.capacityPerVendor };
  const optimal = assignOptimal(needIds, pairs, limits);
  const greedy = assignGreedy(needIds, pairs, limits);
  const results = needIds.map((needId) => ({
    needId,
    recommendations: optimal.byNeed.get(needId)!.map(({ solutionId, vendorId, score }) => ({
      solutionId,
      vendorId,
      score,
    })),
  }));
  return {
    results,
    totalScore: round4(optimal.totalScore),
    greedyScore: round4(greedy.totalScore),
    recommendations: optimal.recommendations,
    closedNeeds,
    scoringMs: scored - started,
    assignmentMs: performance.now() - scored,
  };
}
