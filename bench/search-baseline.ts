/**
 * The baseline of npm run eval:search: plain FTS5 over title and description, ranked by bm25 and nothing
 * else. Chinese has no spaces for FTS5's unicode61 to split on, so both sides are cut by jieba with its
 * default dictionary only (no domain dictionary, synonyms, stop words or typo tolerance); a query's words
 * must all match, as a bare FTS5 MATCH asks. The city filter is the product's: a need's city, a solution
 * serving the city or the whole province.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import Database from 'better-sqlite3';
import type { Answer, JudgedQuery, ListingIndex, SearchSystem } from './search-judgments.js';

export interface BaselineListing {
  id: string;
  index: ListingIndex;
  title: string;
  description: string;
  /** Where it counts for a city filter: the need's city, or the solution's regions (`*`: every city). */
  cities: string[];
}

const WORD = /[\p{L}\p{N}]/u;
const quoted = (word: string) => `"${word.replaceAll('"', '""')}"`;

export function plainFts5Baseline(listings: readonly BaselineListing[]): {
  search: SearchSystem;
  close(): void;
} {
  const jieba = Jieba.withDict(dict);
  const words = (text: string, forIndex: boolean) =>
    (forIndex
      ? jieba.cutForSearch(text.normalize('NFKC').toLowerCase(), true)
      : jieba.cut(text.normalize('NFKC').toLowerCase(), true)
    ).filter((w) => WORD.test(w));
  const db = new Database(':memory:');
  db.exec(
    `CREATE VIRTUAL TABLE listings USING fts5(title, description, idx UNINDEXED, id UNINDEXED, cities UNINDEXED, tokenize='unicode61')`,
  );
  const insert = db.prepare(
    'INSERT INTO listings (title, description, idx, id, cities) VALUES (?, ?, ?, ?, ?)',
  );
  for (const l of listings)
    insert.run(
      words(l.title, true).join(' '),
      words(l.description, true).join(' '),
      l.index,
      l.id,
      ` ${l.cities.join(' ')} `,
    );
  const select = db.prepare(
    `SELECT id FROM listings WHERE listings MATCH ? AND idx = ?
       AND (? IS NULL OR instr(cities, ' ' || ? || ' ') > 0 OR instr(cities, ' * ') > 0)
     ORDER BY bm25(listings)`,
  );
  const search = async (query: JudgedQuery): Promise<Answer> => {
    const terms = [...new Set(words(query.q, false))];
    if (terms.length === 0) return { ranking: [], total: 0 };
    const city = query.city ?? null;
    const ids = (select.all(terms.map(quoted).join(' '), query.index, city, city) as { id: string }[]).map(
      (r) => r.id,
    );
    return { ranking: ids, total: ids.length };
  };
  return { search, close: () => db.close() };
}
