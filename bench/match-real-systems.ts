/**
 * The matcher and its three baselines over a marketplace loaded through the real commands and projections
 * (match-real-path.ts), all in one process, each ranking the solutions of every judged need:
 * - the matcher: retrieval from the search index and scoring, as GET /needs/{id}/matches does;
 * - keyword search of the need's title through the search index, as a person would type it;
 * - BM25 over character bigrams of the full texts, and technology-tag overlap alone, over the published
 *   solutions of verified vendors the index holds (the same ones the matcher may propose).
 */
import { createMatchingService } from '../src/application/matching-service.js';
import { bigramBm25Baseline, type NeedRanker, technologyOverlapBaseline } from '../src/matching/baselines.js';
import { eligibleSolutions } from '../src/matching/eligibility.js';
import { meanQuality, type RankingQuality } from '../src/matching/metrics.js';
import { offerableSolutionsFilter, vendorsById } from '../src/matching/retrieval.js';
import type { NeedDocument } from '../src/projections/needs-projection.js';
import type { SolutionDocument } from '../src/projections/solutions-projection.js';
import type { SearchIndex } from '../src/search/port.js';
import { type LoadedMarketplace, PUBLISHED_AT } from './match-real-path.js';

export interface SystemQuality extends RankingQuality {
  system: string;
  /** Mean time to rank one need. */
  ms: number;
}

type AsyncRanker = (need: NeedDocument) => Promise<string[]>;

const PAGE = 1000;

async function offerableSolutions(search: SearchIndex): Promise<SolutionDocument[]> {
  const solutions: SolutionDocument[] = [];
  for (let page = 1; ; page++) {
    const result = await search.search<SolutionDocument>('solutions', {
      filter: offerableSolutionsFilter(),
      page,
      pageSize: PAGE,
    });
    solutions.push(...result.hits);
    if (result.hits.length < PAGE) return solutions;
  }
}

export async function evaluateRealPath(
  market: Pick<LoadedMarketplace, 'deps' | 'search' | 'needIds' | 'judgments'>,
): Promise<SystemQuality[]> {
  const { search, deps } = market;
  const matching = createMatchingService({ search, clock: () => PUBLISHED_AT, logger: deps.logger });
  await matching.warmUp();
  const solutions = await offerableSolutions(search);
  const vendors = await vendorsById(
    search,
    solutions.map((s) => s.vendorId),
  );
  /** Baselines rank the solutions the matcher may propose for the need, so that eligibility favours neither. */
  const eligibleFor = (ranker: NeedRanker): AsyncRanker => {
    return async (need) => {
      const eligible = new Set(eligibleSolutions(need, solutions, vendors).map((c) => c.solution.id));
      return ranker(need).filter((id) => eligible.has(id));
    };
  };
  const systems: Array<[string, AsyncRanker]> = [
    [
      'matcher (retrieval + scoring)',
      async (need) => (await matching.rankSolutions(need, { now: PUBLISHED_AT })).map((m) => m.solutionId),
    ],
    [
      'title keyword search (index)',
      async (need) =>
        (
          await search.search<SolutionDocument>('solutions', {
            q: need.title,
            filter: offerableSolutionsFilter(need.orgId),
            pageSize: 10,
          })
        ).hits.map((h) => h.id),
    ],
    ['bigram BM25 (full text)', eligibleFor(bigramBm25Baseline(solutions))],
    ['technology-tag overlap', eligibleFor(technologyOverlapBaseline(solutions))],
  ];
  const needs: NeedDocument[] = [];
  for (const id of market.needIds) {
    const need = await search.get<NeedDocument>('needs', id);
    if (!need) throw new Error(`need ${id} is not in the search index`);
    needs.push(need);
  }
  const judged = needs.filter((n) => market.judgments.has(n.id));
  const rows: SystemQuality[] = [];
  for (const [system, rank] of systems) {
    const started = performance.now();
    const rankings = new Map<string, string[]>();
    for (const need of judged) rankings.set(need.id, await rank(need));
    const ms = (performance.now() - started) / Math.max(judged.length, 1);
    rows.push({ system, ms, ...meanQuality(rankings, market.judgments) });
  }
  return rows;
}
