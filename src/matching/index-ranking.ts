/**
 * 云速配 over the search index: retrieval of candidates, then scoring against given corpus statistics. The one
 * pipeline behind on-demand rankings (match rounds, evaluation) and the stored match lists, so that the two
 * rank alike whenever they weigh words with the same statistics.
 */

import type { NeedDocument } from '../projections/needs-projection.js';
import type { SearchIndex } from '../search/port.js';
import type { MatchingConfig } from './config.js';
import type { PlatformStats } from './factors/factor.js';
import { type ScaledRanking, scaledNeedsForSolution, scaledSolutionsForNeed } from './matcher.js';
import { type RetrievalSettings, retrieveNeeds, retrieveSolutions } from './retrieval.js';
import type { AnalyzedText, CorpusStats, Listing } from './text-similarity.js';
import type { NeedDoc, NeedMatch, SolutionDoc, SolutionMatch, VendorDoc } from './types.js';

/** The corpus statistics a ranking weighs with: words of all offerable solutions and of all open needs. */
export interface MatchStatistics {
  solutions: CorpusStats;
  needs: CorpusStats;
  platform: PlatformStats;
  /** When they were computed (ISO 8601). */
  computedAt: string;
}

export interface IndexRanking {
  search: SearchIndex;
  config: MatchingConfig;
  statistics: MatchStatistics;
  vendors: (ids: Iterable<string>) => Promise<ReadonlyMap<string, VendorDoc>>;
  /** A listing's analysis when it is already known (a corpus keeps them); analyzed afresh otherwise. */
  analyzed?: (listing: Listing) => AnalyzedText | undefined;
  /** Called with the candidates retrieved, before they are scored (a corpus hands over what it knows). */
  prime?: <L extends Listing & { id: string }>(listings: L[]) => L[];
  analyze: (listing: Listing) => AnalyzedText;
}

export interface IndexRankOptions {
  now: Date;
  limit?: number;
  retrieval?: Partial<RetrievalSettings>;
  explain?: boolean;
  /** Organizations whose needs are left out (suspended demanders), besides the solution's own. */
  exceptOrgIds?: readonly string[];
}

const textOf = (ranking: IndexRanking, listing: Listing) =>
  ranking.analyzed?.(listing) ?? ranking.analyze(listing);

function scoring(ranking: IndexRanking, corpus: CorpusStats, options: IndexRankOptions) {
  return {
    now: options.now,
    config: ranking.config,
    corpus,
    platform: ranking.statistics.platform,
    ...(ranking.analyzed ? { analyzed: ranking.analyzed } : {}),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(options.explain === undefined ? {} : { explain: options.explain }),
  };
}

/** The solutions that fit a need best, retrieved from the index. */
export async function solutionsForNeed(
  ranking: IndexRanking,
  need: NeedDoc,
  options: IndexRankOptions,
): Promise<ScaledRanking<SolutionMatch>> {
  const { solutions, needs } = ranking.statistics;
  const weighing = { corpus: solutions, text: textOf(ranking, need), ownSide: needs };
  const settings = { ...ranking.config.retrieval, ...options.retrieval };
  const retrieved = await retrieveSolutions(ranking.search, need, settings, weighing);
  const candidates = ranking.prime ? ranking.prime(retrieved.candidates) : retrieved.candidates;
  const vendors = await ranking.vendors(candidates.map((c) => c.vendorId));
  return scaledSolutionsForNeed(need, candidates, vendors, scoring(ranking, solutions, options));
}

/** The open needs a solution fits best (the reverse direction), retrieved from the index, and those scored. */
export async function needsForSolution(
  ranking: IndexRanking,
  solution: SolutionDoc,
  vendor: VendorDoc | undefined,
  options: IndexRankOptions,
): Promise<ScaledRanking<NeedMatch> & { candidates: NeedDocument[] }> {
  const { candidates } = await needCandidates(ranking, solution, options);
  const ranked = scaledNeedsForSolution(
    solution,
    vendor,
    candidates,
    scoring(ranking, ranking.statistics.needs, options),
  );
  return { ...ranked, candidates };
}

/** The open needs worth scoring for a solution. */
export async function needCandidates(
  ranking: IndexRanking,
  solution: SolutionDoc,
  options: IndexRankOptions,
) {
  const { solutions, needs } = ranking.statistics;
  const weighing = { corpus: needs, text: textOf(ranking, solution), ownSide: solutions };
  const settings = { ...ranking.config.retrieval, ...options.retrieval };
  const retrieved = await retrieveNeeds(
    ranking.search,
    solution,
    options.now,
    settings,
    weighing,
    options.exceptOrgIds,
  );
  return { candidates: ranking.prime ? ranking.prime(retrieved.candidates) : retrieved.candidates };
}
