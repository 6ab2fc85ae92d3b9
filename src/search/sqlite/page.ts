import type { SortKey } from '../search-params.js';
import type { Layout } from './layout.js';
import type { Prepare } from './prepare.js';
import type { Sql } from './query.js';

/**
 * One page of a search without keywords: the documents satisfying `where`, in `order`. When the order has
 * several keys the planner sorts every match to take twenty (it will not walk an index for a prefix of
 * them): tens of milliseconds on a list of 100k needs. So:
 * - a few matches whose rids are known are sorted by themselves;
 * - a few matches of a SQL filter are found through the filter's indexes and sorted;
 * - many matches are found by walking the first sort key's index (the filter unindexed) up to the page's
 *   last position, whose value bounds the documents to sort: the page and its ties.
 */
export interface PageRequest {
  /** The filter; undefined for every document. */
  where: Sql | undefined;
  /** The same filter with its attributes unindexed (unary +), so that the planner walks the sort index. */
  unindexed: Sql | undefined;
  /** The matches' rids in rid order, when the search already has them in memory. */
  rids: readonly number[] | null;
  total: number;
  documents: number;
  sort: readonly SortKey[];
  /** ORDER BY terms: the sort keys, then the rid. */
  order: readonly string[];
  limit: number;
  offset: number;
}

/** Below this share of the documents, matches known by rid are sorted by themselves. */
const FEW_KNOWN = 0.02;
/** Below this share, a SQL filter's own indexes find its matches sooner than a walk of the sort index. */
const FEW_FILTERED = 0.1;

export function documentsPage(prepare: Prepare, layout: Layout, page: PageRequest): number[] {
  const docs: Sql = { text: `${layout.docs} d`, args: [] };
  const select = (from: Sql, conditions: (Sql | undefined)[]) => {
    const present = conditions.filter((c): c is Sql => c !== undefined);
    const where = present.length ? ` WHERE ${present.map((c) => c.text).join(' AND ')}` : '';
    // LIMIT and OFFSET are literals, not bound: SQLite plans a bound LIMIT for any size, which costs more
    // than a small query itself. Both are integers checked by normalizeSearch.
    return prepare(
      `SELECT d.rid FROM ${from.text}${where} ORDER BY ${page.order.join(', ')} LIMIT ${page.limit} OFFSET ${page.offset}`,
      'pluck',
    ).all(...from.args, ...present.flatMap((c) => c.args)) as number[];
  };
  const [first] = page.sort;

  if (page.rids && !first) return page.rids.slice(page.offset, page.offset + page.limit);
  if (page.rids && page.total < Math.max(1000, page.documents * FEW_KNOWN)) {
    const known = {
      text: `json_each(?) j CROSS JOIN ${docs.text} ON d.rid = j.value`,
      args: [JSON.stringify(page.rids)],
    };
    return select(known, []);
  }
  if (!first) return select(docs, [page.where]);
  if (!page.rids && page.where && page.total < page.documents * FEW_FILTERED)
    return select(docs, [page.where]);

  const column = `d.${layout.columns.get(first.field)!}`;
  const boundary = prepare(
    `SELECT ${column} FROM ${docs.text} WHERE ${page.unindexed ? `${page.unindexed.text} AND ` : ''}${column} IS NOT NULL
     ORDER BY ${column} ${first.order === 'desc' ? 'DESC' : 'ASC'} LIMIT 1 OFFSET ${page.offset + page.limit - 1}`,
    'pluck',
  ).get(...(page.unindexed?.args ?? [])) as string | number | undefined;
  // Fewer documents hold the attribute than the page reaches: it runs into those without, which sort last.
  if (boundary === undefined) return select(docs, [page.unindexed]);
  const within: Sql = { text: `${column} ${first.order === 'desc' ? '>=' : '<='} ?`, args: [boundary] };
  return select(docs, [page.unindexed, within]);
}
