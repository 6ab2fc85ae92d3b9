/**
 * 打榜 and 百城牵手: the cities ranked by what happened in them over a period, and the signed engagements
 * between a need's city and its vendor's city. Read from the `ranking_facts` read model: each count is one
 * facet (a grouped query whatever the size of the index); only the signed engagements (amounts are summed)
 * and the needs that got their first application in the period (for the median) are read one by one.
 * The definitions and the score are written out in docs/rankings.md.
 */
import { z } from 'zod';
import { parseInput } from '../../domain/shared/validation.js';
import { type CityDirectory, provinceCityDirectory } from '../../domain/taxonomy/city-directory.js';
import type { RankingFactDocument } from '../../projections/ranking-facts-projection.js';
import { readModel } from '../../projections/read-models.js';
import type { Filter } from '../../search/filter.js';
import type { SearchIndex } from '../../search/port.js';
import { ALL_TIME, byRecency, periodParam } from './stats-period.js';

export const cityStatsQuerySchema = z.object({ period: periodParam });
export type CityStatsQuery = z.input<typeof cityStatsQuerySchema>;

export interface CityRanking {
  city: string;
  cityLabel: string;
  needsPublished: number;
  solutionsPublished: number;
  applications: number;
  signed: number;
  signedAmountWan: number;
  delivered: number;
  casesPromoted: number;
  casesReplicatedElsewhere: number;
  /** Days from publication to first application, median over the needs first applied to in the period. */
  medianDaysToFirstApplication: number | null;
  score: number;
  rank: number;
}

export interface CityPair {
  from: string;
  fromLabel: string;
  to: string;
  toLabel: string;
  signed: number;
  amountWan: number;
}

type Figure = Exclude<
  keyof CityRanking,
  'city' | 'cityLabel' | 'medianDaysToFirstApplication' | 'score' | 'rank'
>;

/** Points per unit of each figure; the score is their sum (see docs/rankings.md). */
export const SCORE_WEIGHTS: Readonly<Record<Figure, number>> = {
  needsPublished: 2,
  solutionsPublished: 1,
  applications: 1,
  signed: 10,
  /** One point per 10 万元 signed. */
  signedAmountWan: 0.1,
  delivered: 10,
  casesPromoted: 20,
  casesReplicatedElsewhere: 30,
};

/** Figures compared, in this order, when two cities score the same; then the taxonomy's order of cities. */
const TIE_BREAKS: Figure[] = ['signed', 'signedAmountWan', 'delivered', 'needsPublished'];

/** Each counted figure: the kind of document and the period list its moment is stored in. */
const COUNTED: ReadonlyArray<readonly [Figure, RankingFactDocument['kind'], keyof RankingFactDocument]> = [
  ['needsPublished', 'need', 'published'],
  ['solutionsPublished', 'solution', 'published'],
  ['applications', 'engagement', 'applied'],
  ['delivered', 'engagement', 'delivered'],
  ['casesPromoted', 'case', 'promoted'],
  ['casesReplicatedElsewhere', 'case', 'replicated'],
];

const PAGE = 1000;

const oneDecimal = (n: number) => Math.round(n * 10) / 10;
/** Sums of 万元 to the 元 (four decimals), without the binary fractions' tails. */
const toYuan = (wan: number) => Math.round(wan * 10_000) / 10_000;

function inPeriod(
  kind: RankingFactDocument['kind'],
  moment: keyof RankingFactDocument,
  period: string,
): Filter {
  return {
    and: [
      { field: 'kind', op: 'eq', value: kind },
      { field: moment, op: 'eq', value: period },
    ],
  };
}

async function countByCity(search: SearchIndex, filter: Filter): Promise<Record<string, number>> {
  const result = await readModel(search, 'ranking_facts').search({ filter, facets: ['city'], pageSize: 1 });
  return result.facetDistribution.city ?? {};
}

async function allFacts(search: SearchIndex, filter: Filter): Promise<RankingFactDocument[]> {
  const facts: RankingFactDocument[] = [];
  for (let page = 1; ; page++) {
    const result = await readModel(search, 'ranking_facts').search({ filter, page, pageSize: PAGE });
    facts.push(...result.hits);
    if (result.hits.length < PAGE || facts.length >= result.total) return facts;
  }
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return oneDecimal(value);
}

/** The score of a city's figures, to one decimal. */
export function scoreOf(figures: Record<Figure, number>): number {
  const points = (Object.keys(SCORE_WEIGHTS) as Figure[]).reduce(
    (sum, figure) => sum + figures[figure] * SCORE_WEIGHTS[figure],
    0,
  );
  return oneDecimal(points);
}

const signedInPeriod = (period: string) => inPeriod('engagement', 'signed', period);

/** GET /api/v1/stats/cities: every city of the directory (the province's and those added), ranked by score. */
export async function cityRankings(
  search: SearchIndex,
  input: CityStatsQuery,
  directory: CityDirectory = provinceCityDirectory,
): Promise<CityRanking[]> {
  const period = parseInput(cityStatsQuerySchema, input).period ?? ALL_TIME;
  const [counts, signed, firstApplied] = await Promise.all([
    Promise.all(COUNTED.map(([, kind, moment]) => countByCity(search, inPeriod(kind, moment, period)))),
    allFacts(search, signedInPeriod(period)),
    allFacts(search, inPeriod('need', 'firstApplied', period)),
  ]);
  const rows = directory.cities.map(({ code }, order) => {
    const figures = Object.fromEntries(
      COUNTED.map(([figure], i) => [figure, counts[i]?.[code] ?? 0]),
    ) as Record<Figure, number>;
    const own = signed.filter((fact) => fact.city === code);
    figures.signed = own.length;
    figures.signedAmountWan = toYuan(own.reduce((sum, fact) => sum + (fact.amountWan ?? 0), 0));
    const days = firstApplied
      .filter((fact) => fact.city === code && fact.daysToFirstApplication !== null)
      .map((fact) => fact.daysToFirstApplication!);
    return {
      order,
      ranking: {
        city: code,
        cityLabel: directory.label(code),
        ...figures,
        medianDaysToFirstApplication: median(days),
        score: scoreOf(figures),
        rank: 0,
      },
    };
  });
  rows.sort(
    (a, b) =>
      b.ranking.score - a.ranking.score ||
      TIE_BREAKS.reduce((found, figure) => found || b.ranking[figure] - a.ranking[figure], 0) ||
      a.order - b.order,
  );
  return rows.map(({ ranking }, i) => ({ ...ranking, rank: i + 1 }));
}

/**
 * GET /api/v1/stats/pairs: signed engagements by need's city (`from`) and vendor's city (`to`), within a
 * city (from = to) included; most signed first.
 */
export async function cityPairs(
  search: SearchIndex,
  input: CityStatsQuery,
  directory: CityDirectory = provinceCityDirectory,
): Promise<CityPair[]> {
  const period = parseInput(cityStatsQuerySchema, input).period ?? ALL_TIME;
  const pairs = new Map<string, CityPair>();
  for (const fact of await allFacts(search, signedInPeriod(period))) {
    const to = fact.vendorCity ?? '';
    const key = `${fact.city} ${to}`;
    const pair = pairs.get(key) ?? {
      from: fact.city,
      fromLabel: directory.label(fact.city),
      to,
      toLabel: directory.label(to),
      signed: 0,
      amountWan: 0,
    };
    pair.signed += 1;
    pair.amountWan = toYuan(pair.amountWan + (fact.amountWan ?? 0));
    pairs.set(key, pair);
  }
  const order = new Map(directory.cities.map((c, i) => [c.code, i]));
  const position = (code: string) => order.get(code) ?? directory.cities.length;
  return [...pairs.values()].sort(
    (a, b) =>
      b.signed - a.signed ||
      b.amountWan - a.amountWan ||
      position(a.from) - position(b.from) ||
      position(a.to) - position(b.to) ||
      a.from.localeCompare(b.from) ||
      a.to.localeCompare(b.to),
  );
}

/**
 * 牵手城市: the cities with at least one signed cross-city engagement, as the need's city or as the vendor's,
 * over all time.
 */
export async function citiesMatched(search: SearchIndex): Promise<string[]> {
  const result = await readModel(search, 'ranking_facts').search({
    filter: { and: [signedInPeriod(ALL_TIME), { field: 'crossCity', op: 'eq', value: true }] },
    facets: ['city', 'vendorCity'],
    pageSize: 1,
  });
  const { city = {}, vendorCity = {} } = result.facetDistribution;
  return [...new Set([...Object.keys(city), ...Object.keys(vendorCity)])].sort();
}

/** The periods in which anything the rankings count happened, newest first, all time first of all. */
export async function activePeriods(search: SearchIndex): Promise<string[]> {
  const moments = ['published', 'applied', 'signed', 'delivered', 'promoted', 'replicated'];
  const result = await readModel(search, 'ranking_facts').search({ facets: moments, pageSize: 1 });
  const periods = new Set(moments.flatMap((m) => Object.keys(result.facetDistribution[m] ?? {})));
  periods.add(ALL_TIME);
  return [...periods].sort(byRecency);
}
