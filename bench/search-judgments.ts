/**
 * The judged query set of test/fixtures/search-judged-queries.json: queries written by hand over the listings
 * of src/seed/match-dev.json, each with the titles a person would call relevant. Titles, not ids, because a
 * load gives every listing a fresh id; they are resolved against the loaded listings at evaluation time.
 */
import { readFileSync } from 'node:fs';
import { ndcgAt } from '../src/matching/metrics.js';
import type { DemoDataset } from '../src/seed/demo-dataset.js';

export const JUDGED_QUERIES_PATH = new URL('../test/fixtures/search-judged-queries.json', import.meta.url);

export type ListingIndex = 'needs' | 'solutions';

export interface JudgedQuery {
  id: string;
  index: ListingIndex;
  /** What it tries: short, long, tag, alias, city, misspelling, related. */
  kind: string;
  q: string;
  /** A city code the list is filtered on, as `?city=` sends it. */
  city?: string;
  relevant: string[];
}

export function readJudgedQueries(path: URL | string = JUDGED_QUERIES_PATH): JudgedQuery[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { queries: JudgedQuery[] }).queries;
}

/** Title → dataset key, per index; a title the dataset does not hold, or holds twice, is an error. */
export function titleKeys(dataset: DemoDataset): Record<ListingIndex, Map<string, string>> {
  const keys = (listings: { key: string; title: string }[]) => {
    const map = new Map<string, string>();
    for (const { key, title } of listings) {
      if (map.has(title)) throw new Error(`two listings titled ${title}`);
      map.set(title, key);
    }
    return map;
  };
  return { needs: keys(dataset.needs), solutions: keys(dataset.solutions) };
}

/** The ids of a query's relevant listings, through the titles and the ids a load gave each dataset key. */
export function relevantIds(
  query: JudgedQuery,
  keys: Record<ListingIndex, Map<string, string>>,
  idOfKey: (key: string) => string | undefined,
): Set<string> {
  return new Set(
    query.relevant.map((title) => {
      const key = keys[query.index].get(title);
      const id = key === undefined ? undefined : idOfKey(key);
      if (id === undefined) throw new Error(`${query.id}: no ${query.index} listing titled ${title}`);
      return id;
    }),
  );
}

export interface Answer {
  /** Ids best first, at least the first 10. */
  ranking: string[];
  total: number;
}

export type SearchSystem = (query: JudgedQuery) => Promise<Answer>;

export interface QueryScore {
  query: JudgedQuery;
  ndcg10: number;
  recall10: number;
  zero: boolean;
}

export function recallAt(k: number, ranking: readonly string[], relevant: ReadonlySet<string>): number {
  if (relevant.size === 0) return 0;
  return ranking.slice(0, k).filter((id) => relevant.has(id)).length / relevant.size;
}

/** nDCG@10 with every judged listing at grade 1 (binary gains), recall@10 and whether nothing came back. */
export function scoreQuery(query: JudgedQuery, answer: Answer, relevant: ReadonlySet<string>): QueryScore {
  const grades = new Map([...relevant].map((id) => [id, 1]));
  return {
    query,
    ndcg10: ndcgAt(10, answer.ranking, grades),
    recall10: recallAt(10, answer.ranking, relevant),
    zero: answer.total === 0,
  };
}

export interface Summary {
  queries: number;
  ndcg10: number;
  recall10: number;
  zeroResultRate: number;
}

export function summarize(scores: readonly QueryScore[]): Summary {
  const mean = (pick: (s: QueryScore) => number) =>
    scores.reduce((sum, s) => sum + pick(s), 0) / Math.max(scores.length, 1);
  return {
    queries: scores.length,
    ndcg10: mean((s) => s.ndcg10),
    recall10: mean((s) => s.recall10),
    zeroResultRate: mean((s) => (s.zero ? 1 : 0)),
  };
}
