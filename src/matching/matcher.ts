/**
 * 云速配 scoring: ranks candidate listings with named factors and explains every score. Pure over read-model
 * documents: retrieval (which candidates) and, optionally, the corpus and platform statistics come from the caller.
 */
import { indexTokens } from '../search/tokenizer.js';
import { defaultMatchingConfig, type MatchingConfig } from './config.js';
import { eligibleNeeds, eligibleSolutions } from './eligibility.js';
import type { FactorInput, PlatformStats } from './factors/factor.js';
import { platformStatsOf } from './factors/track-record.js';
import { type PairScore, scorePair } from './score.js';
import {
  type AnalyzedText,
  analyzeListing,
  type CorpusStats,
  corpusStatsOf,
  type Listing,
  type Segmenter,
  textMatches,
} from './text-similarity.js';
import type { NeedDoc, NeedMatch, SolutionDoc, SolutionMatch, VendorDoc } from './types.js';

export interface MatchOptions {
  now: Date;
  /** How many results to return; 10 unless told. */
  limit?: number;
  config?: MatchingConfig;
  /**
   * Statistics of the whole corpus being ranked (`corpusStatsFor`): all published solutions for a need, all
   * open needs for a solution. Computed from the listings given when absent.
   */
  corpus?: CorpusStats;
  /** The platform mean rating; from the vendors given when absent (the configured default in reverse). */
  platform?: PlatformStats;
  /** Word segmentation of listings; the search index's own tokenizer unless told. */
  segment?: Segmenter;
}

const DEFAULT_LIMIT = 10;

interface Scored extends PairScore {
  id: string;
}

function settle(options: MatchOptions) {
  const config = options.config ?? defaultMatchingConfig;
  const segment = options.segment ?? indexTokens;
  return { config, analyze: (listing: Listing) => analyzeListing(listing, segment, config.text) };
}

function best<T extends Scored>(scored: T[], limit: number | undefined): T[] {
  return scored
    .filter((m) => m.related)
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, limit ?? DEFAULT_LIMIT);
}

function rounded(score: number): number {
  return Math.round(score * 10_000) / 10_000;
}

/**
 * Corpus statistics of the listings a matcher ranks. Compute them once per batch (or from the index) and pass
 * them as `corpus`, so that every ranking weighs words the same way.
 */
export function corpusStatsFor(
  listings: Iterable<Listing>,
  config: MatchingConfig = defaultMatchingConfig,
  segment: Segmenter = indexTokens,
): CorpusStats {
  return corpusStatsOf([...listings].map((l) => analyzeListing(l, segment, config.text)));
}

/** The solutions that fit a need best, each with its vendor, score and reasons. */
export function rankSolutionsForNeed(
  need: NeedDoc,
  solutions: Iterable<SolutionDoc>,
  vendors: ReadonlyMap<string, VendorDoc>,
  options: MatchOptions,
): SolutionMatch[] {
  const { config, analyze } = settle(options);
  const candidates = eligibleSolutions(need, solutions, vendors);
  const docs = candidates.map((c) => analyze(c.solution));
  const text = textMatches(analyze(need), docs, options.corpus ?? corpusStatsOf(docs), config.text);
  const platform =
    options.platform ?? platformStatsOf(vendors.values(), config.trackRecord.defaultMeanRating);
  const scored = candidates.map(({ solution, vendor }, i) => ({
    id: solution.id,
    vendorId: vendor.id,
    ...scorePair({
      need,
      solution,
      vendor,
      text: text[i]!,
      platform,
      now: options.now,
      config,
      ranked: 'solution',
    }),
  }));
  return best(scored, options.limit).map((m) => ({
    solutionId: m.id,
    vendorId: m.vendorId,
    score: rounded(m.score),
    reasons: m.reasons,
  }));
}

interface NeedCorpus {
  needs: NeedDoc[];
  analyzed: Map<NeedDoc, AnalyzedText>;
  stats: CorpusStats;
}

function needCorpus(needs: Iterable<NeedDoc>, options: MatchOptions): NeedCorpus {
  const { analyze } = settle(options);
  const list = [...needs];
  const analyzed = new Map(list.map((n) => [n, analyze(n)]));
  return { needs: list, analyzed, stats: options.corpus ?? corpusStatsOf([...analyzed.values()]) };
}

function scoreNeeds(
  solution: SolutionDoc,
  vendor: VendorDoc | undefined,
  corpus: NeedCorpus,
  options: MatchOptions,
): Array<Scored & { solutionId: string }> {
  const { config, analyze } = settle(options);
  if (!vendor) return [];
  const open = eligibleNeeds(solution, vendor, corpus.needs, options.now);
  const docs = open.map((n) => corpus.analyzed.get(n)!);
  const text = textMatches(analyze(solution), docs, corpus.stats, config.text);
  const platform = options.platform ?? { meanRating: config.trackRecord.defaultMeanRating };
  return open.map((need, i) => {
    const input: FactorInput = {
      need,
      solution,
      vendor,
      text: text[i]!,
      platform,
      now: options.now,
      config,
      ranked: 'need',
    };
    return { id: need.id, solutionId: solution.id, ...scorePair(input) };
  });
}

function toNeedMatches(
  scored: Array<Scored & { solutionId: string }>,
  limit: number | undefined,
): NeedMatch[] {
  return best(scored, limit).map((m) => ({
    needId: m.id,
    solutionId: m.solutionId,
    score: rounded(m.score),
    reasons: m.reasons,
  }));
}

/** The needs a solution fits best (the reverse direction); none for a retired solution or a suspended vendor. */
export function rankNeedsForSolution(
  solution: SolutionDoc,
  vendor: VendorDoc | undefined,
  needs: Iterable<NeedDoc>,
  options: MatchOptions,
): NeedMatch[] {
  return toNeedMatches(scoreNeeds(solution, vendor, needCorpus(needs, options), options), options.limit);
}

/** A vendor's "recommended needs": each need once, through the vendor's solution that fits it best. */
export function rankNeedsForVendor(
  vendor: VendorDoc,
  solutions: Iterable<SolutionDoc>,
  needs: Iterable<NeedDoc>,
  options: MatchOptions,
): NeedMatch[] {
  const corpus = needCorpus(needs, options);
  const bestPerNeed = new Map<string, Scored & { solutionId: string }>();
  for (const solution of solutions) {
    if (solution.vendorId !== vendor.id) continue;
    for (const scored of scoreNeeds(solution, vendor, corpus, options)) {
      if (!scored.related) continue;
      const current = bestPerNeed.get(scored.id);
      if (!current || scored.score > current.score) bestPerNeed.set(scored.id, scored);
    }
  }
  return toNeedMatches([...bestPerNeed.values()], options.limit);
}
