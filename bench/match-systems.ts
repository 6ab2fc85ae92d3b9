/**
 * The matcher and its three baselines run over one dataset in one process, each ranking the eligible solutions
 * of every need; the quality table of `npm run eval:match` and the regression test both come from here.
 */
import {
  bigramBm25Baseline,
  type NeedRanker,
  technologyOverlapBaseline,
  titleKeywordBaseline,
} from '../src/matching/baselines.js';
import { eligibleSolutions } from '../src/matching/eligibility.js';
import { corpusStatsFor, rankSolutionsForNeed } from '../src/matching/matcher.js';
import { meanQuality, type RankingQuality } from '../src/matching/metrics.js';
import type { NeedDoc } from '../src/matching/types.js';
import type { MatchDataset } from './match-dataset.js';

export interface SystemQuality extends RankingQuality {
  system: string;
}

export function matcherRanker(dataset: MatchDataset): NeedRanker {
  const vendors = new Map(dataset.vendors.map((v) => [v.id, v]));
  const corpus = corpusStatsFor(dataset.solutions);
  return (need) =>
    rankSolutionsForNeed(need, dataset.solutions, vendors, { now: dataset.publishedAt, corpus }).map(
      (m) => m.solutionId,
    );
}

/** Baselines rank the same solutions the matcher may propose, so that eligibility does not favour either. */
function baselineRanker(dataset: MatchDataset, build: (solutions: MatchDataset['solutions']) => NeedRanker) {
  const vendors = new Map(dataset.vendors.map((v) => [v.id, v]));
  const ranker = build(dataset.solutions);
  return (need: NeedDoc) => {
    const eligible = new Set(eligibleSolutions(need, dataset.solutions, vendors).map((c) => c.solution.id));
    return ranker(need).filter((id) => eligible.has(id));
  };
}

export function matchingSystems(dataset: MatchDataset): Array<[string, NeedRanker]> {
  return [
    ['matcher', matcherRanker(dataset)],
    ['title keyword search', baselineRanker(dataset, titleKeywordBaseline)],
    ['bigram BM25 (full text)', baselineRanker(dataset, bigramBm25Baseline)],
    ['technology-tag overlap', baselineRanker(dataset, technologyOverlapBaseline)],
  ];
}

export function evaluate(
  dataset: MatchDataset,
  ranker: NeedRanker,
  needs: readonly NeedDoc[] = dataset.needs,
) {
  const judged = needs.filter((n) => dataset.judgments.has(n.id));
  return meanQuality(
    new Map(judged.map((n) => [n.id, ranker(n)])),
    new Map(judged.map((n) => [n.id, dataset.judgments.get(n.id)!])),
  );
}

export function evaluateSystems(
  dataset: MatchDataset,
  needs: readonly NeedDoc[] = dataset.needs,
): SystemQuality[] {
  return matchingSystems(dataset).map(([system, ranker]) => ({
    system,
    ...evaluate(dataset, ranker, needs),
  }));
}
