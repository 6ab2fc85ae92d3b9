/**
 * 云速配 scoring: ranks candidate listings with named factors and explains every score. Pure over read-model
 * documents: retrieval (which candidates) and, optionally, the corpus and platform statistics come from the caller.
 */
import { indexTokens } from '../search/tokenizer.js';
import { defaultMatchingConfig, type MatchingConfig } from './config.js';
import { eligibleNeeds, eligibleSolutions } from './eligibility.js';
import type { FactorInput, PlatformStats } from './factors/factor.js';
import { platformStatsOf } from './factors/track-record.js';
import { type PairRank, rankPair, scorePair } from './score.js';
import {
  type AnalyzedText,
  analyzeListing,
  type CorpusStats,
  corpusStatsOf,
  type Listing,
  type Segmenter,
  scaledTextScores,
  sharedTerms,
  type TextScale,
  textScoreWithin,
} from './text-similarity.js';
import type { NeedDoc, NeedMatch, Reason, SolutionDoc, SolutionMatch, VendorDoc } from './types.js';

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
  /** False: results carry no reasons, for callers that only rank (a match round assigning vendors). */
  explain?: boolean;
  /** Listings already analyzed (a corpus keeps them); `segment` analyzes the others. */
  analyzed?: (listing: Listing) => AnalyzedText | undefined;
}

const DEFAULT_LIMIT = 10;

/**
 * A pair ranked without its explanations, with what explaining it takes: only the pairs returned are
 * explained, since building the Chinese reasons costs more than scoring.
 */
interface Ranked extends PairRank {
  id: string;
  input: FactorInput;
  /** The other listing's text (the one ranked against) and the ranked listing's own. */
  query: AnalyzedText;
  doc: AnalyzedText;
  stats: CorpusStats;
}

function settle(options: MatchOptions) {
  const config = options.config ?? defaultMatchingConfig;
  const segment = options.segment ?? indexTokens;
  const analyze = (listing: Listing) =>
    options.analyzed?.(listing) ?? analyzeListing(listing, segment, config.text);
  return { config, analyze };
}

function best<T extends Ranked>(ranked: T[], limit: number | undefined): T[] {
  return ranked
    .filter((m) => m.related)
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, limit ?? DEFAULT_LIMIT);
}

/** A ranking with what it takes to tell, later, whether one more candidate would have entered it. */
export interface ScaledRanking<M> {
  matches: M[];
  /** What the candidates' text scores were scaled by. */
  scale: TextScale;
  /** The unrounded score of the last match when the ranking is full (a newcomer must beat it); else null. */
  floor: number | null;
}

function floorOf(kept: Ranked[], limit: number | undefined): number | null {
  return kept.length === (limit ?? DEFAULT_LIMIT) ? kept.at(-1)!.score : null;
}

function reasonsOf(m: Ranked): Reason[] {
  const { config } = m.input;
  const shared = sharedTerms(m.query, m.doc, m.stats, config.text);
  return scorePair({ ...m.input, text: { score: m.input.text.score, sharedTerms: shared } }).reasons;
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
  return scaledSolutionsForNeed(need, solutions, vendors, options).matches;
}

/** `rankSolutionsForNeed`, with the scale and floor of the ranking. */
export function scaledSolutionsForNeed(
  need: NeedDoc,
  solutions: Iterable<SolutionDoc>,
  vendors: ReadonlyMap<string, VendorDoc>,
  options: MatchOptions,
): ScaledRanking<SolutionMatch> {
  const { config, analyze } = settle(options);
  const candidates = eligibleSolutions(need, solutions, vendors);
  const docs = candidates.map((c) => analyze(c.solution));
  const query = analyze(need);
  const stats = options.corpus ?? corpusStatsOf(docs);
  const text = scaledTextScores(query, docs, stats, config.text);
  const platform =
    options.platform ?? platformStatsOf(vendors.values(), config.trackRecord.defaultMeanRating);
  const ranked = candidates.map(({ solution, vendor }, i): Ranked & { vendorId: string } => {
    const input: FactorInput = {
      need,
      solution,
      vendor,
      text: { score: text.scores[i]!, sharedTerms: [] },
      platform,
      now: options.now,
      config,
      ranked: 'solution',
    };
    return { id: solution.id, vendorId: vendor.id, input, query, doc: docs[i]!, stats, ...rankPair(input) };
  });
  const kept = best(ranked, options.limit);
  return {
    matches: kept.map((m) => ({
      solutionId: m.id,
      vendorId: m.vendorId,
      score: rounded(m.score),
      reasons: options.explain === false ? [] : reasonsOf(m),
    })),
    scale: text.scale,
    floor: floorOf(kept, options.limit),
  };
}

/**
 * How an eligible pair would rank within a ranking already made (`scale` of its candidates), without ranking
 * again: the solution within the need's ranking (`ranked: 'solution'`) or the need within the solution's.
 * Null when its text would beat the ranking's best, so that every score of the ranking changes.
 * `options.corpus` must be the statistics the ranking was made with.
 */
export function rankWithin(
  pair: { need: NeedDoc; solution: SolutionDoc; vendor: VendorDoc },
  ranked: 'solution' | 'need',
  scale: TextScale,
  options: MatchOptions & { corpus: CorpusStats },
): PairRank | null {
  const { config, analyze } = settle(options);
  const { need, solution, vendor } = pair;
  const [query, doc] = ranked === 'solution' ? [need, solution] : [solution, need];
  const text = textScoreWithin(analyze(query), analyze(doc), options.corpus, config.text, scale);
  if (text === null) return null;
  const platform = options.platform ?? { meanRating: config.trackRecord.defaultMeanRating };
  const input: FactorInput = {
    need,
    solution,
    vendor,
    text: { score: text, sharedTerms: [] },
    platform,
    now: options.now,
    config,
    ranked,
  };
  return rankPair(input);
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

type RankedNeed = Ranked & { solutionId: string };

const NO_SCALE: TextScale = { words: 0, bigrams: 0, blend: 0 };

function rankNeeds(
  solution: SolutionDoc,
  vendor: VendorDoc | undefined,
  corpus: NeedCorpus,
  options: MatchOptions,
): { ranked: RankedNeed[]; scale: TextScale } {
  const { config, analyze } = settle(options);
  if (!vendor) return { ranked: [], scale: NO_SCALE };
  const open = eligibleNeeds(solution, vendor, corpus.needs, options.now);
  const docs = open.map((n) => corpus.analyzed.get(n)!);
  const query = analyze(solution);
  const text = scaledTextScores(query, docs, corpus.stats, config.text);
  const platform = options.platform ?? { meanRating: config.trackRecord.defaultMeanRating };
  const ranked = open.map((need, i) => {
    const input: FactorInput = {
      need,
      solution,
      vendor,
      text: { score: text.scores[i]!, sharedTerms: [] },
      platform,
      now: options.now,
      config,
      ranked: 'need',
    };
    return {
      id: need.id,
      solutionId: solution.id,
      input,
      query,
      doc: docs[i]!,
      stats: corpus.stats,
      ...rankPair(input),
    };
  });
  return { ranked, scale: text.scale };
}

function toNeedMatches(kept: RankedNeed[]): NeedMatch[] {
  return kept.map((m) => ({
    needId: m.id,
    solutionId: m.solutionId,
    score: rounded(m.score),
    reasons: reasonsOf(m),
  }));
}

/** The needs a solution fits best (the reverse direction); none for a retired solution or a suspended vendor. */
export function rankNeedsForSolution(
  solution: SolutionDoc,
  vendor: VendorDoc | undefined,
  needs: Iterable<NeedDoc>,
  options: MatchOptions,
): NeedMatch[] {
  return scaledNeedsForSolution(solution, vendor, needs, options).matches;
}

/** `rankNeedsForSolution`, with the scale and floor of the ranking. */
export function scaledNeedsForSolution(
  solution: SolutionDoc,
  vendor: VendorDoc | undefined,
  needs: Iterable<NeedDoc>,
  options: MatchOptions,
): ScaledRanking<NeedMatch> {
  const { ranked, scale } = rankNeeds(solution, vendor, needCorpus(needs, options), options);
  const kept = best(ranked, options.limit);
  return { matches: toNeedMatches(kept), scale, floor: floorOf(kept, options.limit) };
}

/** A vendor's "recommended needs": each need once, through the vendor's solution that fits it best. */
export function rankNeedsForVendor(
  vendor: VendorDoc,
  solutions: Iterable<SolutionDoc>,
  needs: Iterable<NeedDoc>,
  options: MatchOptions,
): NeedMatch[] {
  const corpus = needCorpus(needs, options);
  const bestPerNeed = new Map<string, RankedNeed>();
  for (const solution of solutions) {
    if (solution.vendorId !== vendor.id) continue;
    for (const ranked of rankNeeds(solution, vendor, corpus, options).ranked) {
      if (!ranked.related) continue;
      const current = bestPerNeed.get(ranked.id);
      if (!current || ranked.score > current.score) bestPerNeed.set(ranked.id, ranked);
    }
  }
  return toNeedMatches(best([...bestPerNeed.values()], options.limit));
}
