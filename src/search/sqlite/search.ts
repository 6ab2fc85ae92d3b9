import type Database from 'better-sqlite3';
import type { IndexDefinition } from '../definitions.js';
import { highlight } from '../highlight.js';
import type { FacetDistribution, Hit, SearchDocument, SearchParams, SearchResult } from '../port.js';
import { normalizeSearch } from '../search-params.js';
import { queryTerms } from '../tokenizer.js';
import type { CountCache } from './count-cache.js';
import { type Layout, valueAt } from './layout.js';
import {
  compileFilter,
  highlightNeedles,
  orderBy,
  type Sql,
  type SynonymLookup,
  termExpression,
} from './query.js';

/** Prepares (and caches) a statement; `pluck` returns the first column, `raw` rows as arrays. */
export type Prepare = (sql: string, shape?: 'object' | 'pluck' | 'raw') => Database.Statement;

/** An index as this process knows it: its definition and how that maps to tables. */
export interface IndexState {
  definition: IndexDefinition;
  /** The definition as `_indexes` stores it, to notice a change made by another process. */
  stored: string;
  layout: Layout;
  stopWords: ReadonlySet<string>;
  synonyms: SynonymLookup;
}

/**
 * The documents a keyword search matched, computed once per search (full-text matching and bm25 are the
 * costly part) and then counted, paged and faceted. Temporary tables belong to one connection.
 */
export const HITS_TABLE = `CREATE TEMP TABLE IF NOT EXISTS search_hits (
  rid INTEGER PRIMARY KEY,
  tier INTEGER NOT NULL,
  score REAL NOT NULL
)`;

/** Whether `sort` comes before the rules bm25 stands for, as Meilisearch applies rankingRules in order. */
function sortBeforeRelevance(rankingRules: readonly string[]): boolean {
  const sort = rankingRules.indexOf('sort');
  const relevance = ['typo', 'proximity', 'attribute', 'exactness']
    .map((rule) => rankingRules.indexOf(rule))
    .filter((i) => i !== -1);
  return sort !== -1 && relevance.every((i) => sort < i);
}

/**
 * Fills `search_hits` with the documents matching the terms and the filter. With Meilisearch's `last`
 * strategy a document must match the first term, and its tier counts how many leading terms it matches.
 */
function collectHits(
  prepare: Prepare,
  layout: Layout,
  expressions: string[],
  strategy: string,
  ranked: boolean,
  filter?: Sql,
) {
  const tiers: Sql[] = [];
  if (strategy === 'last') {
    for (let count = expressions.length; count > 1; count--) {
      tiers.push({
        text: `WHEN d.rid IN (SELECT rowid FROM ${layout.fts} WHERE ${layout.fts} MATCH ?) THEN ${count}`,
        args: [expressions.slice(0, count).join(' AND ')],
      });
    }
  }
  const tier = tiers.length ? `CASE ${tiers.map((t) => t.text).join(' ')} ELSE 1 END` : '1';
  const match = strategy === 'all' ? expressions.join(' AND ') : expressions[0];
  prepare('DELETE FROM temp.search_hits').run();
  prepare(
    `INSERT INTO temp.search_hits (rid, tier, score)
     SELECT d.rid, ${tier}, ${ranked ? `${layout.fts}.rank` : '0'} FROM ${layout.fts} JOIN ${layout.docs} d ON d.rid = ${layout.fts}.rowid
     WHERE ${layout.fts} MATCH ?${filter ? ` AND ${filter.text}` : ''}`,
  ).run(...tiers.flatMap((t) => t.args), match, ...(filter?.args ?? []));
}

const byValue = (entries: [string, number][]) =>
  Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Counts every requested facet over the whole result set: scalar facets in one GROUP BY over their
 * combinations, array facets in one pass over the side table.
 */
function facetCounts(prepare: Prepare, layout: Layout, facets: string[], from: string, where?: Sql) {
  const distribution: FacetDistribution = {};
  const condition = where ? ` WHERE ${where.text}` : '';
  const args = where?.args ?? [];
  const scalars = facets.filter((f) => !layout.arrays.has(f));
  if (scalars.length) {
    const columns = scalars.map((f) => `d.${layout.columns.get(f)!}`).join(', ');
    const rows = prepare(
      `SELECT ${columns}, count(*) FROM ${from}${condition} GROUP BY ${columns}`,
      'raw',
    ).all(...args) as (string | number | null)[][];
    scalars.forEach((facet, i) => {
      const counts = new Map<string, number>();
      for (const row of rows) {
        const value = row[i];
        if (value !== null && value !== undefined) {
          counts.set(String(value), (counts.get(String(value)) ?? 0) + (row[scalars.length] as number));
        }
      }
      distribution[facet] = byValue([...counts]);
    });
  }
  const arrays = facets.filter((f) => layout.arrays.has(f));
  if (arrays.length) {
    const fields = arrays.map(() => '?').join(', ');
    const sql =
      where || from !== `${layout.docs} d`
        ? `SELECT v.field, v.value, count(*) FROM ${from} CROSS JOIN ${layout.values} v ON v.rid = d.rid AND v.field IN (${fields})${condition} GROUP BY 1, 2`
        : `SELECT field, value, count(*) FROM ${layout.values} WHERE field IN (${fields}) GROUP BY 1, 2`;
    const rows = prepare(sql, 'raw').all(...arrays, ...args) as [string, string | number, number][];
    for (const facet of arrays) {
      distribution[facet] = byValue(
        rows.filter(([field]) => field === facet).map(([, v, n]) => [String(v), n]),
      );
    }
  }
  return Object.fromEntries(facets.map((facet) => [facet, distribution[facet]!]));
}

/** Where counts of an earlier search on the same version of the file can be found. */
export interface CountsMemo {
  cache: CountCache;
  version: string;
}

/** The share of all documents above which a filter is left to a sort index rather than driving the page. */
const BROAD_FILTER = 0.1;

export function searchDocuments<D extends SearchDocument>(
  prepare: Prepare,
  state: IndexState,
  params: SearchParams,
  memo?: CountsMemo,
): SearchResult<D> {
  const { layout, definition } = state;
  const request = normalizeSearch(params, definition);
  const terms = queryTerms(request.q, state.stopWords);
  const expressions = terms.map((term) => termExpression(term, state.synonyms));
  const filter = request.filter ? compileFilter(request.filter, layout) : undefined;
  const sorting = orderBy(request.sort, layout);
  const tiebreak = `d.rid ${request.sort[0]?.order === 'desc' ? 'DESC' : 'ASC'}`;

  let from: string;
  let where: Sql | undefined;
  let order: string[];
  if (expressions.length) {
    const sortFirst = sorting.length > 0 && sortBeforeRelevance(definition.rankingRules);
    // bm25 costs more than the match itself; after a sort on timestamps or amounts it would decide nothing.
    collectHits(prepare, layout, expressions, request.matchingStrategy, !sortFirst, filter);
    // CROSS JOIN keeps the hits as the outer loop: the planner has no statistics for a temporary table.
    from = `temp.search_hits h CROSS JOIN ${layout.docs} d ON d.rid = h.rid`;
    const ranking = sortFirst ? sorting : ['h.score', ...sorting];
    order = ['h.tier DESC', ...ranking, tiebreak];
  } else {
    from = `${layout.docs} d`;
    where = filter;
    order = [...sorting, tiebreak];
  }
  const condition = (sql?: Sql) => (sql ? ` WHERE ${sql.text}` : '');

  const key = JSON.stringify([
    state.layout.uid,
    terms,
    request.matchingStrategy,
    request.filter,
    request.facets,
  ]);
  let counts = memo?.cache.get(key, memo.version);
  if (!counts) {
    counts = {
      total: prepare(`SELECT count(*) FROM ${from}${condition(where)}`, 'pluck').get(
        ...(where?.args ?? []),
      ) as number,
      facetDistribution: facetCounts(prepare, layout, request.facets, from, where),
    };
    memo?.cache.set(key, memo.version, counts);
  }

  // A filter that keeps many documents finds a page soonest by walking the sort attribute's index in order.
  let pageWhere = where;
  if (!expressions.length && request.filter && sorting.length) {
    const documents = (prepare(`SELECT max(rid) FROM ${layout.docs}`, 'pluck').get() as number | null) ?? 0;
    if (counts.total >= documents * BROAD_FILTER) pageWhere = compileFilter(request.filter, layout, false);
  }
  const page = prepare(
    `SELECT d.rid FROM ${from}${condition(pageWhere)} ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?`,
    'pluck',
  ).all(...(pageWhere?.args ?? []), request.pageSize, (request.page - 1) * request.pageSize) as number[];
  const readJson = prepare(`SELECT doc FROM ${layout.json} WHERE rid = ?`, 'pluck');
  const rows = page.map((rid) => readJson.get(rid) as string);
  const { total, facetDistribution } = counts;

  const needles = request.highlight.length ? highlightNeedles(terms, state.synonyms) : [];
  const hits = rows.map((json) => {
    const document = JSON.parse(json) as Hit<D>;
    if (request.highlight.length === 0) return document;
    const marked: Record<string, string> = {};
    for (const attribute of request.highlight) {
      const value = valueAt(document, attribute);
      if (typeof value === 'string') marked[attribute] = highlight(value, needles);
    }
    document._highlight = marked;
    return document;
  });
  return { hits, total, page: request.page, pageSize: request.pageSize, facetDistribution };
}
