import { highlight } from '../highlight.js';
import type { FacetDistribution, Hit, SearchDocument, SearchParams, SearchResult } from '../port.js';
import { normalizeSearch } from '../search-params.js';
import { termWeight } from '../tokenizer.js';
import type { CountCache } from './count-cache.js';
import type { IndexState } from './index-state.js';
import { type Layout, valueAt } from './layout.js';
import { holds, type MatchCache, type ScoredMatches } from './match-cache.js';
import { countFacets, type MemorySnapshot, ridsOf } from './memory-columns.js';
import { filterBits } from './memory-filter.js';
import { documentsPage } from './page.js';
import type { Prepare } from './prepare.js';
import { compileFilter, eitherWay, orderBy, type Sql, type TermQuery } from './query.js';
import { analyzeQuery } from './query-analysis.js';

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
 * What a document must match to be kept under `frequency`: one of the heaviest terms, enough of them that
 * the others together weigh at most half the query. A document holding none of them cannot reach more
 * than half, so the costly part (bm25, the per-term lookups) runs over far fewer documents than all terms
 * would find: for 数字乡村 治理 服务, only those holding 数字乡村, not every one holding 服务.
 */
function candidates(expressions: string[], weights: number[], total: number): string {
  const heaviest = expressions.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]!);
  const needed: string[] = [];
  let rest = total;
  for (const i of heaviest) {
    needed.push(expressions[i]!);
    rest -= weights[i]!;
    if (rest * 2 <= total) break;
  }
  return needed.join(' OR ');
}

/**
 * Matches a keyword search scores over the whole index, to keep for later searches whatever their filter;
 * beyond, bm25 over the matches of common words in a large index (智能 in 60k of 100k needs) would cost a
 * search in one city many times what scoring that city's documents does.
 */
const SCORED_WHOLE_INDEX = 10_000;

/** Ranks a document holding every query word above any that misses one, whatever it matched. */
const ALL_HELD = 2000;

/** Matches in order of bm25 score (lower is better), then rid: the order of a tier's hits on a page. */
const byScore = (a: [number, number], b: [number, number]) => a[1] - b[1] || a[0] - b[0];

/** A document a keyword search kept: its tier (how much of the query it holds) and its bm25 score. */
interface Ranked {
  rid: number;
  tier: number;
  score: number;
}

/** What a keyword search's hits are filtered by: a SQL condition on the docs table, or a set of rids. */
type HitsFilter = { docs: Sql } | { bits: Uint8Array } | undefined;

/** Where the full-text lists of one search come from: read once per search, or from the match cache. */
interface MatchSource {
  /** The rids matching `expression`, ascending. */
  matching(expression: string): Int32Array;
  /** Every document matching `expression`, with its score (0 when unranked). */
  scored(expression: string): ScoredMatches;
}

/**
 * The documents matching the terms and the filter. With Meilisearch's `last` strategy a document must
 * match the first term, and its tier counts how many leading terms it matches. With `frequency`, a
 * document holding every term (itself, a synonym or a related term) ranks first; one missing some is kept
 * while it holds more than half the query's weight, a related term counting half; the tier orders by that
 * share. Which words a document holds is looked up in each word's list of matching documents (`matching`,
 * ascending rids), and the candidates come scored from `scored`: both reused by later searches while the
 * index stands still, whatever their filter, which a set of rids then applies here. A filter without
 * in-memory columns (a process without them, another's commit being caught up on) joins the docs table.
 * Returns the hits in order of score, then rid; null when, under `last` with several words, SQL wrote them
 * into `search_hits`.
 */
function collectHits(
  prepare: Prepare,
  layout: Layout,
  queries: readonly TermQuery[],
  strategy: string,
  ranked: boolean,
  filter: HitsFilter,
  lists: MatchSource,
): Ranked[] | null {
  const fts = layout.fts;
  const expressions = queries.map(eitherWay);
  const docsFilter = filter && 'docs' in filter ? filter.docs : undefined;
  const bits = filter && 'bits' in filter ? filter.bits : undefined;
  const join = docsFilter ? ` JOIN ${layout.docs} d ON d.rid = ${fts}.rowid` : '';
  const condition = docsFilter ? ` AND ${docsFilter.text}` : bits ? ` AND ${IN_RESULT}(${fts}.rowid)` : '';
  const score = ranked ? `${fts}.rank` : '0';
  /** The documents matching `match` and the filter, with their scores. */
  const found = (match: string): [number, number][] => {
    if (docsFilter) {
      const rows = prepare(
        `SELECT ${fts}.rowid, ${score} FROM ${fts}${join} WHERE ${fts} MATCH ?${condition}`,
        'raw',
      ).all(match, ...docsFilter.args) as [number, number][];
      return rows.sort(byScore);
    }
    const { rids, scores } = lists.scored(match);
    const kept: [number, number][] = [];
    for (let i = 0; i < rids.length; i++) if (!bits || bits[rids[i]!]) kept.push([rids[i]!, scores[i]!]);
    return kept;
  };
  const allInOneTier = (match: string) => found(match).map(([rid, rank]) => ({ rid, tier: 1, score: rank }));
  if (strategy === 'frequency') {
    // One word with nothing related to it: every match holds all of the query, as with `all`.
    if (queries.length === 1 && queries[0]!.related === null) return allInOneTier(expressions[0]!);
    const weights = queries.map(({ term }) => termWeight(term.term));
    const total = weights.reduce((sum, w) => sum + w, 0);
    const levels = queries.map(({ exact, related }) => ({
      exact: lists.matching(exact),
      related: related ? lists.matching(related) : null,
    }));
    const hits: Ranked[] = [];
    for (const [rid, rank] of found(candidates(expressions, weights, total))) {
      let held = 0;
      let matched = 0;
      levels.forEach(({ exact, related }, i) => {
        if (holds(exact, rid)) matched += weights[i]!;
        else if (related && holds(related, rid)) matched += weights[i]! / 2;
        else return;
        held++;
      });
      if (held < queries.length && matched * 2 <= total) continue;
      // round() as SQLite rounds: half away from zero, through the sum (the tier was once computed in SQL).
      const share = Math.trunc((1000 * matched) / total + 0.5);
      hits.push({ rid, tier: (held === queries.length ? ALL_HELD : 0) + share, score: rank });
    }
    return hits;
  }
  if (strategy === 'all') return allInOneTier(expressions.join(' AND '));
  if (expressions.length === 1) return allInOneTier(expressions[0]!);
  if (!docsFilter) {
    // `last`: the tier counts the leading words a match of the first one holds.
    const following = expressions.slice(1).map((expression) => lists.matching(expression));
    return found(expressions[0]!).map(([rid, score]) => {
      let tier = 1;
      while (tier <= following.length && holds(following[tier - 1]!, rid)) tier++;
      return { rid, tier, score };
    });
  }
  // `last` with several words: the tiers are counted in SQL, one subquery per leading run of words.
  const matchingRowid = `${fts}.rowid IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)`;
  const tiers: Sql[] = [];
  for (let count = expressions.length; count > 1; count--) {
    tiers.push({
      text: `WHEN ${matchingRowid} THEN ${count}`,
      args: [expressions.slice(0, count).join(' AND ')],
    });
  }
  const tier = `CASE ${tiers.map((t) => t.text).join(' ')} ELSE 1 END`;
  prepare('DELETE FROM temp.search_hits').run();
  prepare(
    `INSERT INTO temp.search_hits (rid, tier, score)
     SELECT ${fts}.rowid, ${tier}, ${score} FROM ${fts}${join}
     WHERE ${fts} MATCH ?${condition}`,
  ).run(...tiers.flatMap((t) => t.args), expressions[0], ...(docsFilter?.args ?? []));
  return null;
}

/**
 * The hits in the order the page query sorts them by relevance alone: tier, then score, then rid. They come
 * from `collectHits` in order of score and rid, so grouping them by tier, in that order, is enough: a
 * keyword search over thousands of matches (云速配 retrieval) sorted them all for every page.
 */
function inRelevanceOrder(hits: readonly Ranked[]): Ranked[] {
  const byTier = new Map<number, Ranked[]>();
  for (const hit of hits) {
    const group = byTier.get(hit.tier);
    if (group) group.push(hit);
    else byTier.set(hit.tier, [hit]);
  }
  return [...byTier.keys()].sort((a, b) => b - a).flatMap((tier) => byTier.get(tier)!);
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

/** What a search can reuse or lean on besides the tables. */
export interface SearchContext {
  /** Counts of earlier searches, valid while the index's `version` holds. */
  cache: CountCache;
  /** The documents each full-text expression matched in earlier searches, valid while `version` holds. */
  matches: MatchCache;
  version: string;
  /** The index's in-memory columns for this read transaction, or null to filter and count in SQL. */
  memory(): MemorySnapshot | null;
  /** Makes the SQL function IN_RESULT(rid) answer from these bits for the statements that follow. */
  useResult(bits: Uint8Array): void;
}

/** The SQL function through which an in-memory result set reaches the statements of a search. */
export const IN_RESULT = 'in_result';

export function searchDocuments<D extends SearchDocument>(
  prepare: Prepare,
  state: IndexState,
  params: SearchParams,
  context?: SearchContext,
): SearchResult<D> {
  const { layout, definition } = state;
  const request = normalizeSearch(params, definition);
  const { terms, queries, needles } = request.q
    ? analyzeQuery(state, request.q)
    : { terms: [], queries: [], needles: [] };
  const expressions = queries.map(eitherWay);
  const sqlFilter = request.filter ? compileFilter(request.filter, layout) : undefined;
  const sorting = orderBy(request.sort, layout);
  const tiebreak = `d.rid ${request.sort[0]?.order === 'desc' ? 'DESC' : 'ASC'}`;

  // Counting facets needs the result set's rids anyway, and a keyword search checks its matches against a
  // set of rids for less than SQL joins them to the filter: then the filter runs over the in-memory columns
  // and reaches SQL as a set of rids.
  const filter = request.filter;
  const memory =
    context && (request.facets.length > 0 || (expressions.length > 0 && filter)) ? context.memory() : null;
  const selection =
    memory && filter ? memory.selection(JSON.stringify(filter), () => filterBits(filter, memory)) : null;
  const inMemory = memory !== null;
  const bits = selection?.bits ?? null;
  if (bits) context!.useResult(bits);
  const where: Sql | undefined = selection ? { text: `${IN_RESULT}(d.rid)`, args: [] } : sqlFilter;

  let from: string;
  let order: string[];
  let ranked: Ranked[] | null = null;
  let inTable = false;
  let byRelevanceAlone = false;
  if (expressions.length) {
    const sortFirst = sorting.length > 0 && sortBeforeRelevance(definition.rankingRules);
    const filter: HitsFilter = bits ? { bits } : sqlFilter ? { docs: sqlFilter } : undefined;
    // bm25 costs more than the match itself; after a sort on timestamps or amounts it would decide nothing.
    const rankedByScore = !sortFirst;
    const cached = <List extends Int32Array | ScoredMatches>(key: string, read: () => List) =>
      context ? context.matches.get(`${layout.fts} ${key}`, context.version, read) : read();
    const lists = new Map<string, Int32Array>();
    const source: MatchSource = {
      matching(expression) {
        let rids = lists.get(expression);
        if (!rids) {
          rids = cached(expression, () =>
            Int32Array.from(
              prepare(
                `SELECT rowid FROM ${layout.fts} WHERE ${layout.fts} MATCH ? ORDER BY rowid`,
                'pluck',
              ).all(expression) as number[],
            ),
          );
          lists.set(expression, rids);
        }
        return rids;
      },
      scored(expression) {
        const key = `${rankedByScore ? 'scored' : 'unscored'} ${expression}`;
        const read = (within: boolean) => () => {
          const rows = prepare(
            `SELECT rowid, ${rankedByScore ? 'rank' : '0'} FROM ${layout.fts} WHERE ${layout.fts} MATCH ?${
              within ? ` AND ${IN_RESULT}(rowid)` : ''
            }`,
            'raw',
          ).all(expression) as [number, number][];
          rows.sort(byScore);
          return {
            rids: Int32Array.from(rows, ([rid]) => rid),
            scores: Float64Array.from(rows, ([, score]) => score),
          };
        };
        // Scoring every match of the index pays off over the searches in other cities that reuse it, unless
        // the words are common in a large index and the filter keeps a small part of it (a city): then the
        // filter's documents alone are scored, each time.
        const whole =
          !bits ||
          (selection?.size ?? 0) * 2 >= bits.length ||
          (context?.matches.holds(`${layout.fts} ${key}`, context.version) ?? false) ||
          source.matching(expression).length <= SCORED_WHOLE_INDEX;
        return whole ? cached(key, read(false)) : read(true)();
      },
    };
    ranked = collectHits(prepare, layout, queries, request.matchingStrategy, rankedByScore, filter, source);
    inTable = ranked === null;
    // CROSS JOIN keeps the hits as the outer loop: the planner has no statistics for a temporary table.
    from = `temp.search_hits h CROSS JOIN ${layout.docs} d ON d.rid = h.rid`;
    const ranking = sortFirst ? sorting : ['h.score', ...sorting];
    order = ['h.tier DESC', ...ranking, tiebreak];
    byRelevanceAlone = sorting.length === 0;
  } else {
    from = `${layout.docs} d`;
    order = [...sorting, tiebreak];
  }
  /** The hits found in memory, written to `search_hits` for the statements that join them. */
  const hitsInTable = () => {
    if (inTable || !ranked) return;
    prepare('DELETE FROM temp.search_hits').run();
    const insert = prepare('INSERT INTO temp.search_hits (rid, tier, score) VALUES (?, ?, ?)');
    for (const { rid, tier, score } of ranked) insert.run(rid, tier, score);
    inTable = true;
  };
  const matchWhere = expressions.length ? undefined : where;
  const condition = matchWhere ? ` WHERE ${matchWhere.text}` : '';

  const key = JSON.stringify([
    state.layout.uid,
    terms,
    request.matchingStrategy,
    request.filter,
    request.facets,
  ]);
  let rids: readonly number[] | null = null;
  const resultRids = () => {
    rids ??= ranked
      ? ranked.map((hit) => hit.rid).sort((a, b) => a - b)
      : expressions.length
        ? (JSON.parse(
            prepare('SELECT json_group_array(rid) FROM temp.search_hits', 'pluck').get() as string,
          ) as number[])
        : (selection?.rids ?? ridsOf(memory!.present));
    return rids;
  };
  let counts = context?.cache.get(key, context.version);
  if (!counts) {
    if (!inMemory) hitsInTable();
    counts = inMemory
      ? {
          // A search without facets (云速配 retrieval) needs its hits' count, not their rids in order.
          total: ranked ? ranked.length : resultRids().length,
          facetDistribution: request.facets.length ? countFacets(memory, resultRids(), request.facets) : {},
        }
      : {
          total: prepare(`SELECT count(*) FROM ${from}${condition}`, 'pluck').get(
            ...(matchWhere?.args ?? []),
          ) as number,
          facetDistribution: facetCounts(prepare, layout, request.facets, from, matchWhere),
        };
    context?.cache.set(key, context.version, counts);
  }

  const limit = request.pageSize;
  const offset = (request.page - 1) * request.pageSize;
  const keywordPage = () => {
    if (ranked && byRelevanceAlone) {
      return inRelevanceOrder(ranked)
        .slice(offset, offset + limit)
        .map((hit) => hit.rid);
    }
    hitsInTable();
    return prepare(
      `SELECT d.rid FROM ${from} ORDER BY ${order.join(', ')} LIMIT ${limit} OFFSET ${offset}`,
      'pluck',
    ).all() as number[];
  };
  const page = expressions.length
    ? keywordPage()
    : documentsPage(prepare, layout, {
        where,
        unindexed: selection
          ? where
          : request.filter
            ? compileFilter(request.filter, layout, false)
            : undefined,
        rids: inMemory ? resultRids() : null,
        total: counts.total,
        documents: (prepare(`SELECT max(rid) FROM ${layout.docs}`, 'pluck').get() as number | null) ?? 0,
        sort: request.sort,
        order,
        limit,
        offset,
      });
  const readJson = prepare(`SELECT doc FROM ${layout.json} WHERE rid = ?`, 'pluck');
  const rows = page.map((rid) => readJson.get(rid) as string);
  const { total, facetDistribution } = counts;

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
