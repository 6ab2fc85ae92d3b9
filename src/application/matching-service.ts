/**
 * 云速配 over the read model: candidates retrieved from the search index, scored with named factors against
 * statistics of the whole corpus. One instance per process: it keeps, between requests, the statistics and the
 * analyzed text of every published solution and open need (about 2 kB a listing), and the vendor profiles.
 */
import { isOutOfMarket } from '../domain/organization/state.js';
import type { Actor } from '../domain/shared/actor.js';
import { NotFoundError } from '../domain/shared/errors.js';
import type { Clock } from '../domain/shared/ids.js';
import type { Logger } from '../logger.js';
import { defaultMatchingConfig, type MatchingConfig } from '../matching/config.js';
import { ListingCorpus } from '../matching/corpus.js';
import { suspendedDemanders } from '../matching/document-ids.js';
import { isOpenNeed, isPastDeadline } from '../matching/eligibility.js';
import { type IndexRanking, type MatchStatistics, solutionsForNeed } from '../matching/index-ranking.js';
import { rankNeedsForVendor } from '../matching/matcher.js';
import { matchingError } from '../matching/messages.js';
import { PlatformStatsCache } from '../matching/platform-stats.js';
import {
  offerableSolutionsFilter,
  openNeedsFilter,
  type RetrievalSettings,
  retrieveNeeds,
} from '../matching/retrieval.js';
import { rememberMentions } from '../matching/technology-terms.js';
import { analyzeListing, type CorpusStats, type Listing } from '../matching/text-similarity.js';
import type { NeedDoc, NeedMatch, SolutionMatch, VendorDoc } from '../matching/types.js';
import { VendorDirectory } from '../matching/vendor-directory.js';
import { firstResults } from '../projections/match-list-page.js';
import type { NeedDocument } from '../projections/needs-projection.js';
import { readModel } from '../projections/read-models.js';
import type { SolutionDocument } from '../projections/solutions-projection.js';
import type { SearchIndex } from '../search/port.js';
import { indexTokens } from '../search/tokenizer.js';

export interface MatchingServiceOptions {
  search: SearchIndex;
  clock: Clock;
  logger: Logger;
  config?: MatchingConfig;
  /** How often, at most, corpus statistics and the platform rating look for changes of the index. */
  checkIntervalMs?: number;
}

export interface MatchOptions {
  /** Results returned; 10 unless told. */
  limit?: number;
}

export interface RankOptions {
  now: Date;
  limit?: number;
  retrieval?: Partial<RetrievalSettings>;
  /** False: no reasons, only the ranking. */
  explain?: boolean;
  /** Weigh words with these statistics (a stored list's) rather than the corpus as it is now. */
  statistics?: MatchStatistics;
}

/** When a stored list was ranked, and when the corpus statistics it was ranked with were computed. */
export interface ListTimes {
  computedAt: string | null;
  statisticsAt: string | null;
}

export interface NeedMatches extends ListTimes {
  needId: string;
  results: SolutionMatch[];
}

export interface SolutionMatches extends ListTimes {
  solutionId: string;
  results: NeedMatch[];
}

export interface RecommendedNeeds {
  vendorId: string;
  results: NeedMatch[];
}

export interface MatchingService {
  /**
   * GET /needs/:id/matches: staff and the need's organization. Read from the need's stored list (none for a
   * need that is not open); nothing is ranked on the way.
   */
  matchesForNeed(actor: Actor, needId: string, options?: MatchOptions): Promise<NeedMatches>;
  /** GET /solutions/:id/matches: staff and the solution's vendor, from its stored list; none for a retired one. */
  matchesForSolution(actor: Actor, solutionId: string, options?: MatchOptions): Promise<SolutionMatches>;
  /** GET /vendors/:orgId/recommended-needs: staff and the vendor; none for a suspended vendor. */
  recommendedNeeds(actor: Actor, vendorId: string, options?: MatchOptions): Promise<RecommendedNeeds>;
  /**
   * The ranking behind `matchesForNeed`, as of `now`, for any need document (match rounds, evaluation);
   * `retrieval` overrides how much is retrieved.
   */
  rankSolutions(need: NeedDoc, options: RankOptions): Promise<SolutionMatch[]>;
  /** Builds the corpus statistics now rather than on the first request. */
  warmUp(): Promise<void>;
}

/** Results returned unless told. */
const DEFAULT_LIMIT = 10;

/** Solutions of one vendor whose needs are ranked for "recommended needs", newest first. */
const VENDOR_SOLUTIONS = 50;

function seesAll(actor: Actor): boolean {
  return actor.role === 'staff';
}

/** Hands the technology factor what the corpus found in each listing's text, so it is not searched again. */
function primed<L extends Listing & { id: string }>(corpus: ListingCorpus, listings: L[]): L[] {
  for (const listing of listings) {
    const mentions = corpus.mentionsOf(listing);
    if (mentions) rememberMentions(listing, mentions);
  }
  return listings;
}

export function createMatchingService(options: MatchingServiceOptions): MatchingService {
  const { search, clock, logger } = options;
  const config = options.config ?? defaultMatchingConfig;
  const settings = config.retrieval;
  const analyze = (listing: Listing) => analyzeListing(listing, indexTokens, config.text);
  const checkIntervalMs = options.checkIntervalMs ?? 2000;
  const solutionCorpus = new ListingCorpus({
    search,
    index: 'solutions',
    filter: () => offerableSolutionsFilter(),
    analyze,
    logger,
    checkIntervalMs,
  });
  const needCorpus = new ListingCorpus({
    search,
    index: 'needs',
    filter: (now) => openNeedsFilter(now),
    analyze,
    logger,
    checkIntervalMs,
  });
  const directory = new VendorDirectory(search);
  /** What the corpora already analyzed: candidates are fresh objects from each search. */
  const analyzed = (listing: Listing) => {
    if (!('id' in listing) || typeof listing.id !== 'string') return undefined;
    const withId = listing as Listing & { id: string };
    return solutionCorpus.analysisOf(withId) ?? needCorpus.analysisOf(withId);
  };
  const platform = new PlatformStatsCache(
    search,
    config.trackRecord.defaultMeanRating,
    logger,
    checkIntervalMs,
  );

  async function liveStatistics(now: Date): Promise<MatchStatistics> {
    const [solutions, needs, platformStats] = await Promise.all([
      solutionCorpus.stats(now),
      needCorpus.stats(now),
      platform.get(),
    ]);
    return { solutions, needs, platform: platformStats, computedAt: now.toISOString() };
  }

  async function rankSolutions(need: NeedDoc, { now, limit, retrieval, explain, statistics }: RankOptions) {
    const ranking: IndexRanking = {
      search,
      config,
      statistics: statistics ?? (await liveStatistics(now)),
      vendors: (ids) => directory.byIds(ids),
      analyze,
      analyzed,
      prime: (listings) => primed(solutionCorpus, listings),
    };
    const options = {
      now,
      ...(limit === undefined ? {} : { limit }),
      ...(retrieval === undefined ? {} : { retrieval }),
      ...(explain === undefined ? {} : { explain }),
    };
    return (await solutionsForNeed(ranking, need, options)).matches;
  }

  /** Open needs retrieved for any of the solutions, each once. */
  async function needCandidates(solutions: SolutionDocument[], corpus: CorpusStats, now: Date) {
    const solutionStats = await solutionCorpus.stats(now);
    const exceptOrgIds = await suspendedDemanders(search);
    const needs = new Map<string, NeedDocument>();
    for (const solution of solutions) {
      const weighing = { corpus, text: analyzed(solution) ?? analyze(solution), ownSide: solutionStats };
      const retrieved = await retrieveNeeds(search, solution, now, settings, weighing, exceptOrgIds);
      for (const need of retrieved.candidates) {
        if (!needs.has(need.id)) needs.set(need.id, need);
      }
    }
    return primed(needCorpus, [...needs.values()]);
  }

  async function vendorOf(vendorId: string): Promise<VendorDoc | undefined> {
    return (await directory.byIds([vendorId])).get(vendorId);
  }

  return {
    async matchesForNeed(actor, needId, { limit } = {}) {
      const need = await readModel(search, 'needs').get(needId);
      if (!need) throw new NotFoundError('need', needId);
      if (!seesAll(actor) && actor.orgId !== need.orgId) throw matchingError('matching.not_need_owner');
      // A need whose deadline passed is closed, though no event has said so yet: it is matched no more.
      const list = isOpenNeed(need, clock()) ? await readModel(search, 'need_matches').get(needId) : null;
      return {
        needId,
        results: list ? firstResults(list, limit ?? DEFAULT_LIMIT) : [],
        computedAt: list?.computedAt ?? null,
        statisticsAt: list?.statisticsAt ?? null,
      };
    },

    async matchesForSolution(actor, solutionId, { limit } = {}) {
      const solution = await readModel(search, 'solutions').get(solutionId);
      if (!solution) throw new NotFoundError('solution', solutionId);
      if (!seesAll(actor) && actor.orgId !== solution.vendorId)
        throw matchingError('matching.not_solution_owner');
      const list = await readModel(search, 'solution_matches').get(solutionId);
      const now = clock();
      const open = (match: NeedMatch) => !isPastDeadline(list?.deadlines?.[match.needId], now);
      return {
        solutionId,
        results: list ? firstResults(list, limit ?? DEFAULT_LIMIT, open) : [],
        computedAt: list?.computedAt ?? null,
        statisticsAt: list?.statisticsAt ?? null,
      };
    },

    async recommendedNeeds(actor, vendorId, { limit } = {}) {
      if (!seesAll(actor) && actor.orgId !== vendorId) throw matchingError('matching.not_vendor');
      const vendor = await vendorOf(vendorId);
      if (!vendor) throw matchingError('matching.vendor_not_found', { vendorId });
      if (isOutOfMarket(vendor.status)) return { vendorId, results: [] };
      const now = clock();
      const { hits } = await readModel(search, 'solutions').search({
        filter: { and: [offerableSolutionsFilter(), { field: 'vendorId', op: 'eq', value: vendorId }] },
        sort: ['publishedAt:desc'],
        pageSize: VENDOR_SOLUTIONS,
      });
      const solutions = primed(solutionCorpus, hits);
      const [corpus, platformStats] = await Promise.all([needCorpus.stats(now), platform.get()]);
      const needs = await needCandidates(solutions, corpus, now);
      const results = rankNeedsForVendor(vendor, solutions, needs, {
        now,
        config,
        corpus,
        analyzed,
        platform: platformStats,
        ...(limit ? { limit } : {}),
      });
      return { vendorId, results };
    },

    rankSolutions,

    async warmUp() {
      const now = clock();
      const started = performance.now();
      await Promise.all([solutionCorpus.refresh(now), needCorpus.refresh(now), platform.get()]);
      logger.info(
        {
          solutions: solutionCorpus.size,
          needs: needCorpus.size,
          ms: Math.round(performance.now() - started),
        },
        'matching corpus statistics ready',
      );
    },
  };
}
