/**
 * Match lists kept as a read model: for every open need its best solutions, for every offerable solution its
 * best open needs, ranked by the on-demand pipeline (`index-ranking.ts`) against corpus statistics frozen
 * between refreshes. The statistics are recomputed in the background once the corpora have changed by more
 * than `refreshShare` since they were taken; the listeners (the match-list projections) then rescore every
 * list. Between refreshes a list is ranked again whenever one of its listings, or a listing that would now
 * enter it, changes: which lists those are is told by reverse retrieval and `rankWithin`, never by ranking
 * every list.
 */

import { isOutOfMarket } from '../domain/organization/state.js';
import type { Logger } from '../logger.js';
import type { NeedDocument } from '../projections/needs-projection.js';
import type { OrganizationDocument } from '../projections/organizations-projection.js';
import type { SolutionDocument } from '../projections/solutions-projection.js';
import type { Filter } from '../search/filter.js';
import type { SearchDocument, SearchIndex } from '../search/port.js';
import { indexTokens } from '../search/tokenizer.js';
import { defaultMatchingConfig, type MatchingConfig } from './config.js';
import { ListingCorpus } from './corpus.js';
import { documentIds, suspendedDemanders } from './document-ids.js';
import { eligibleNeeds, isOfferable, isOpenNeed } from './eligibility.js';
import {
  type IndexRanking,
  type MatchStatistics,
  needCandidates,
  needsForSolution,
  solutionsForNeed,
} from './index-ranking.js';
import { rankWithin, type ScaledRanking } from './matcher.js';
import { PlatformStatsCache } from './platform-stats.js';
import { offerableSolutionsFilter, openNeedsFilter, retrieveSolutions } from './retrieval.js';
import type { PairRank } from './score.js';
import { rememberMentions } from './technology-terms.js';
import { analyzeListing, type CorpusStats, type Listing, type TextScale } from './text-similarity.js';
import type { NeedMatch, SolutionMatch } from './types.js';
import { VendorDirectory } from './vendor-directory.js';

/** Listings kept per list. */
export const MATCH_LIST_SIZE = 50;

type ListHeader = {
  /** What the text scores of the list's candidates were scaled by, and the score a newcomer must beat. */
  scale: TextScale;
  floor: number | null;
  /** When the list was ranked, and when the statistics it was ranked with were computed (ISO 8601). */
  computedAt: string;
  statisticsAt: string;
};

// Type aliases, not interfaces: a list is stored as a search document, which takes any attribute.
export type NeedList = ListHeader & {
  needId: string;
  orgId: string;
  results: SolutionMatch[];
};

export type SolutionList = ListHeader & {
  solutionId: string;
  vendorId: string;
  results: NeedMatch[];
  /**
   * The deadline of each need of the list that has one: a need closes when it passes, with no event to say so,
   * and readers leave it out from then on (the next rescoring pass drops it). Absent in a list stored before
   * they were kept.
   */
  deadlines?: Record<string, string>;
};

/** What telling whether a listing would enter a stored list reads of it. */
export interface StoredRanking extends SearchDocument {
  id: string;
  scale: TextScale;
  floor: number | null;
  /** The listings the list holds: solutions in a need's list, needs in a solution's. */
  solutionIds?: string[];
  needIds?: string[];
}

export interface MatchListsOptions {
  search: SearchIndex;
  clock?: () => Date;
  logger: Logger;
  config?: MatchingConfig;
  /** Share of the corpora changed since the statistics were taken that has them recomputed; 3 % unless told. */
  refreshShare?: number;
  /** Changes that have them recomputed in any case, for a small corpus; 20 unless told. */
  refreshAtLeast?: number;
}

const ID_BATCH = 200;
/** Quiet time after the last event a catch-up skipped revisits for, before every list is rescored. */
const RESCORE_AFTER_CATCH_UP_MS = 5000;
const PAGE = 1000;

export class MatchLists {
  private readonly search: SearchIndex;
  private readonly config: MatchingConfig;
  private readonly clock: () => Date;
  private readonly solutionCorpus: ListingCorpus;
  private readonly needCorpus: ListingCorpus;
  private readonly platform: PlatformStatsCache;
  private readonly directory: VendorDirectory;
  private readonly analyze = (listing: Listing) => analyzeListing(listing, indexTokens, this.config.text);
  private current: Promise<MatchStatistics> | null = null;
  /** The `$all` position the needs and solutions indexes had both passed when the statistics were taken. */
  private statisticsPosition: bigint | null = null;
  private changes = 0;
  private refreshing: Promise<void> | null = null;
  /** A refresh asked for while one was under way, or due after a catch-up. */
  private again = false;
  private soon: NodeJS.Timeout | null = null;
  private readonly listeners: ((statistics: MatchStatistics) => Promise<void>)[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private lastRevision = 0;

  constructor(readonly options: MatchListsOptions) {
    this.search = options.search;
    this.config = options.config ?? defaultMatchingConfig;
    this.clock = options.clock ?? (() => new Date());
    const corpus = (index: string, filter: (now: Date) => Filter) =>
      new ListingCorpus({
        search: this.search,
        index,
        filter,
        analyze: this.analyze,
        logger: options.logger,
        // Refreshed only when this class says so: the statistics stay as they were between refreshes.
        checkIntervalMs: Number.POSITIVE_INFINITY,
        rescanMs: 0,
      });
    this.solutionCorpus = corpus('solutions', () => offerableSolutionsFilter());
    this.needCorpus = corpus('needs', (now) => openNeedsFilter(now));
    this.platform = new PlatformStatsCache(
      this.search,
      this.config.trackRecord.defaultMeanRating,
      options.logger,
      0,
    );
    this.directory = new VendorDirectory(this.search);
  }

  /** The statistics lists are ranked with now; the first call computes them. */
  statistics(): Promise<MatchStatistics> {
    this.current ??= this.compute();
    return this.current;
  }

  /** Called after statistics were recomputed, to rescore every list with them. */
  onRefreshed(listener: (statistics: MatchStatistics) => Promise<void>): void {
    this.listeners.push(listener);
  }

  /**
   * A listing of either corpus was published, changed or withdrawn, by the event at `position`. Once enough
   * have since the statistics were taken (events they already count, replayed, do not), the statistics are
   * recomputed in the background and the listeners rescore the lists.
   */
  noteChange(position: bigint): void {
    if (this.statisticsPosition !== null && position <= this.statisticsPosition) return;
    this.changes += 1;
    if (!this.current || this.refreshing) return;
    const size = this.solutionCorpus.size + this.needCorpus.size;
    const share = this.options.refreshShare ?? 0.03;
    if (this.changes < Math.max(this.options.refreshAtLeast ?? 20, share * size)) return;
    this.startRefresh();
  }

  /**
   * Lists were not revisited for some events (the projector was catching up): recompute the statistics and
   * rescore every list once it has caught up, that is once no such event came for a few seconds and
   * `caughtUp` says so. The quiet time alone is not enough: at 100k listings a batch of other indexes can
   * hold the projector for longer, and a pass begun then ranks with statistics of part of the corpus, and
   * runs again once the rest has come.
   */
  rescoreSoon(caughtUp: () => Promise<boolean>): void {
    if (this.soon) clearTimeout(this.soon);
    const timer = setTimeout(async () => {
      const ready = await caughtUp().catch(() => false);
      // Scheduled again meanwhile: that timer decides.
      if (this.soon !== timer) return;
      this.soon = null;
      if (ready) this.startRefresh();
      else this.rescoreSoon(caughtUp);
    }, RESCORE_AFTER_CATCH_UP_MS);
    timer.unref();
    this.soon = timer;
  }

  private startRefresh(): void {
    if (this.refreshing) {
      this.again = true;
      return;
    }
    this.refreshing = this.refresh()
      .catch((error: unknown) => this.options.logger.warn({ err: error }, 'match statistics not refreshed'))
      .finally(() => {
        this.refreshing = null;
        if (this.again) {
          this.again = false;
          this.startRefresh();
        }
      });
  }

  /** Resolves once no refresh of statistics (and rescoring pass) is under way or due. */
  async idle(): Promise<void> {
    while (this.soon || this.refreshing) {
      if (this.refreshing) await this.refreshing;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Recomputes the statistics now and has every list rescored; resolves when that is done. */
  async refresh(): Promise<void> {
    this.changes = 0;
    const statistics = await this.compute();
    this.current = Promise.resolve(statistics);
    for (const listener of this.listeners) await listener(statistics);
  }

  /** Runs `work` alone: a list's ranking and its write are never interleaved with another's. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * A revision for a list document that orders it after every one built before, across restarts too:
   * a list ranked earlier but written later never replaces a newer one.
   */
  revision(): number {
    this.lastRevision = Math.max(this.lastRevision + 1, Date.now() * 1000);
    return this.lastRevision;
  }

  /** The need's list, ranked now; null when the need is not open, or its organization is suspended. */
  async needList(needId: string): Promise<NeedList | null> {
    const need = await this.search.get<NeedDocument>('needs', needId);
    const now = this.clock();
    if (!need || !isOpenNeed(need, now) || (await this.isSuspended(need.orgId))) return null;
    const statistics = await this.statistics();
    const ranked = await solutionsForNeed(this.ranking(statistics), need, { now, limit: MATCH_LIST_SIZE });
    return { needId, orgId: need.orgId, ...this.header(ranked, statistics, now), results: ranked.matches };
  }

  /** The solution's list, ranked now; null when the solution may not be offered. */
  async solutionList(solutionId: string): Promise<SolutionList | null> {
    const solution = await this.search.get<SolutionDocument>('solutions', solutionId);
    if (!solution) return null;
    const vendor = (await this.directory.byIds([solution.vendorId])).get(solution.vendorId);
    if (!isOfferable(solution, vendor)) return null;
    const now = this.clock();
    const statistics = await this.statistics();
    const ranked = await needsForSolution(this.ranking(statistics), solution, vendor, {
      now,
      limit: MATCH_LIST_SIZE,
      exceptOrgIds: await suspendedDemanders(this.search),
    });
    const listed = new Set(ranked.matches.map((m) => m.needId));
    const deadlines: Record<string, string> = {};
    for (const need of ranked.candidates)
      if (need.deadline && listed.has(need.id)) deadlines[need.id] = need.deadline;
    return {
      solutionId,
      vendorId: solution.vendorId,
      ...this.header(ranked, statistics, now),
      results: ranked.matches,
      deadlines,
    };
  }

  /**
   * The needs whose lists may change with these solutions: those holding one of them, and the open needs a
   * solution would now enter (found by reverse retrieval, then told by `rankWithin` against each stored list).
   */
  async needsToRevisit(solutionIds: readonly string[], listsIndex: string): Promise<string[]> {
    const found = new Set(await this.holding(listsIndex, 'solutionIds', solutionIds));
    const statistics = await this.statistics();
    const ranking = this.ranking(statistics);
    const now = this.clock();
    const scoring = this.scoring(statistics.solutions, statistics, now);
    const exceptOrgIds = await suspendedDemanders(this.search);
    for (const solutionId of solutionIds) {
      const solution = await this.search.get<SolutionDocument>('solutions', solutionId);
      if (!solution) continue;
      const vendor = (await this.directory.byIds([solution.vendorId])).get(solution.vendorId);
      if (!isOfferable(solution, vendor)) continue;
      const { candidates } = await needCandidates(ranking, solution, { now, exceptOrgIds });
      // A stored list weighs about 50 kB: only those of needs still in question are read.
      const open = eligibleNeeds(solution, vendor, candidates, now).filter((need) => !found.has(need.id));
      const lists = await this.storedLists(
        listsIndex,
        open.map((n) => n.id),
      );
      for (const need of open) {
        const list = lists.get(need.id);
        const rank = () => rankWithin({ need, solution, vendor }, 'solution', list!.scale, scoring);
        if (!list || this.enters(list, solutionId, rank)) found.add(need.id);
      }
    }
    return [...found];
  }

  /** The solutions whose lists may change with these needs (as `needsToRevisit`, the other way round). */
  async solutionsToRevisit(needIds: readonly string[], listsIndex: string): Promise<string[]> {
    const found = new Set(await this.holding(listsIndex, 'needIds', needIds));
    const statistics = await this.statistics();
    const now = this.clock();
    const scoring = this.scoring(statistics.needs, statistics, now);
    for (const needId of needIds) {
      const need = await this.search.get<NeedDocument>('needs', needId);
      if (!need || !isOpenNeed(need, now) || (await this.isSuspended(need.orgId))) continue;
      const weighing = {
        corpus: statistics.solutions,
        text: this.analyze(need),
        ownSide: statistics.needs,
      };
      const { candidates } = await retrieveSolutions(this.search, need, this.config.retrieval, weighing);
      const vendors = await this.directory.byIds(candidates.map((s) => s.vendorId));
      // A stored list weighs about 50 kB: only those of solutions still in question are read.
      const open = candidates.filter(
        (solution) =>
          !found.has(solution.id) &&
          vendors.has(solution.vendorId) &&
          eligibleNeeds(solution, vendors.get(solution.vendorId), [need], now).length > 0,
      );
      const lists = await this.storedLists(
        listsIndex,
        open.map((s) => s.id),
      );
      for (const solution of open) {
        const vendor = vendors.get(solution.vendorId)!;
        const list = lists.get(solution.id);
        const rank = () => rankWithin({ need, solution, vendor }, 'need', list!.scale, scoring);
        if (!list || this.enters(list, needId, rank)) found.add(solution.id);
      }
    }
    return [...found];
  }

  /** Ids of every open need (of a demander not suspended) and every offerable solution, for a rescoring pass. */
  async openListings(): Promise<{ needs: string[]; solutions: string[] }> {
    const now = this.clock();
    return {
      needs: await this.ids('needs', openNeedsFilter(now, await suspendedDemanders(this.search))),
      solutions: await this.ids('solutions', offerableSolutionsFilter()),
    };
  }

  /** Ids of the documents of an index, all of them or those that pass `filter`. */
  ids(index: string, filter?: Filter): Promise<string[]> {
    return documentIds(this.search, index, filter);
  }

  /**
   * Whether a listing may enter (or move in) a stored list: one the list holds, one that ranks past the
   * list's floor, or one whose text would beat the list's best, so that the whole list is scored anew.
   */
  private enters(list: StoredRanking, id: string, rank: () => PairRank | null): boolean {
    if (list.solutionIds?.includes(id) || list.needIds?.includes(id)) return true;
    const pair = rank();
    return pair === null || (pair.related && (list.floor === null || pair.score >= list.floor));
  }

  private async isSuspended(orgId: string): Promise<boolean> {
    const org = await this.search.get<OrganizationDocument>('organizations', orgId);
    return org !== null && org !== undefined && isOutOfMarket(org.status);
  }

  private scoring(corpus: CorpusStats, statistics: MatchStatistics, now: Date) {
    return {
      now,
      config: this.config,
      corpus,
      platform: statistics.platform,
      analyzed: (listing: Listing) => this.analyzedOf(listing),
    };
  }

  private async holding(index: string, field: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const found: string[] = [];
    for (let page = 1; ; page++) {
      const result = await this.search.search<{ id: string; revision: number }>(index, {
        filter: { field, op: 'in', value: [...ids] },
        page,
        pageSize: PAGE,
      });
      found.push(...result.hits.map((h) => h.id));
      if (result.hits.length < PAGE || page * PAGE >= result.total) return found;
    }
  }

  private async storedLists(index: string, ids: readonly string[]): Promise<Map<string, StoredRanking>> {
    const lists = new Map<string, StoredRanking>();
    for (let i = 0; i < ids.length; i += ID_BATCH) {
      const batch = ids.slice(i, i + ID_BATCH);
      const result = await this.search.search<StoredRanking>(index, {
        filter: { field: 'id', op: 'in', value: batch },
        pageSize: batch.length,
      });
      for (const list of result.hits) lists.set(list.id, list);
    }
    return lists;
  }

  private header<M>(ranked: ScaledRanking<M>, statistics: MatchStatistics, now: Date) {
    return {
      scale: ranked.scale,
      floor: ranked.floor,
      computedAt: now.toISOString(),
      statisticsAt: statistics.computedAt,
    };
  }

  private analyzedOf(listing: Listing) {
    if (!('id' in listing) || typeof listing.id !== 'string') return undefined;
    const withId = listing as Listing & { id: string };
    return this.solutionCorpus.analysisOf(withId) ?? this.needCorpus.analysisOf(withId);
  }

  private ranking(statistics: MatchStatistics): IndexRanking {
    return {
      search: this.search,
      config: this.config,
      statistics,
      vendors: (ids) => this.directory.byIds(ids),
      analyze: this.analyze,
      analyzed: (listing) => this.analyzedOf(listing),
      prime: (listings) => {
        for (const listing of listings) {
          const mentions = this.solutionCorpus.mentionsOf(listing) ?? this.needCorpus.mentionsOf(listing);
          if (mentions) rememberMentions(listing, mentions);
        }
        return listings;
      },
    };
  }

  private async compute(): Promise<MatchStatistics> {
    const now = this.clock();
    const [needsAt, solutionsAt] = await Promise.all([
      this.search.getCheckpoint('needs'),
      this.search.getCheckpoint('solutions'),
    ]);
    this.statisticsPosition = needsAt;
    if (solutionsAt === null || (needsAt !== null && solutionsAt < needsAt))
      this.statisticsPosition = solutionsAt;
    await Promise.all([this.solutionCorpus.refresh(now), this.needCorpus.refresh(now)]);
    const [solutions, needs, platform] = await Promise.all([
      this.solutionCorpus.stats(now),
      this.needCorpus.stats(now),
      this.platform.get(),
    ]);
    return {
      solutions: { words: solutions.words.clone(), bigrams: solutions.bigrams.clone() },
      needs: { words: needs.words.clone(), bigrams: needs.bigrams.clone() },
      platform,
      computedAt: now.toISOString(),
    };
  }
}

const engines = new WeakMap<SearchIndex, MatchLists>();

/**
 * The match lists of a search index: one per index per process, shared by the two projections that store them.
 * `useMatchLists` installs a configured one (a clock of its own, other thresholds) before the projector starts.
 */
export function matchListsOf(search: SearchIndex, logger: Logger): MatchLists {
  let engine = engines.get(search);
  if (!engine) {
    engine = new MatchLists({ search, logger });
    engines.set(search, engine);
  }
  return engine;
}

export function useMatchLists(engine: MatchLists): MatchLists {
  engines.set(engine.options.search, engine);
  return engine;
}
