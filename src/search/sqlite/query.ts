import type { Filter, FilterValue } from '../filter.js';
import type { SortKey } from '../search-params.js';
import { normalize, type QueryTerm, queryTerms } from '../tokenizer.js';
import type { Layout } from './layout.js';

/** A piece of SQL and the values bound to its `?`, in order. */
export interface Sql {
  text: string;
  args: unknown[];
}

const bindable = (value: FilterValue) => (typeof value === 'boolean' ? String(value) : value);

/**
 * The filter as a WHERE condition on the docs table aliased `d`. Every condition yields 0 or 1, never NULL,
 * so `not` also selects documents that lack the attribute, as in Meilisearch. `indexed: false` keeps SQLite
 * from driving the query by the filter's column indexes (unary +), so that it walks a sort index instead.
 */
export function compileFilter(filter: Filter, layout: Layout, indexed = true): Sql {
  if ('and' in filter || 'or' in filter) {
    const [joiner, children] = 'and' in filter ? ['AND', filter.and] : ['OR', filter.or];
    const parts = children.map((child) => compileFilter(child, layout, indexed));
    return { text: `(${parts.map((p) => p.text).join(` ${joiner} `)})`, args: parts.flatMap((p) => p.args) };
  }
  if ('not' in filter) {
    const inner = compileFilter(filter.not, layout, indexed);
    return { text: `(NOT ${inner.text})`, args: inner.args };
  }
  let test: Sql;
  switch (filter.op) {
    case 'eq':
      test = { text: '= ?', args: [bindable(filter.value)] };
      break;
    case 'in':
      test = { text: `IN (${filter.value.map(() => '?').join(', ')})`, args: filter.value.map(bindable) };
      break;
    case 'gte':
      test = { text: '>= ?', args: [filter.value] };
      break;
    case 'lte':
      test = { text: '<= ?', args: [filter.value] };
      break;
    case 'exists':
      test = { text: "<> ''", args: [] };
      break;
  }
  if (layout.arrays.has(filter.field)) {
    return {
      text: `d.rid IN (SELECT rid FROM ${layout.values} WHERE field = ? AND value ${test.text})`,
      args: [filter.field, ...test.args],
    };
  }
  const column = `${indexed ? '' : '+'}d.${layout.columns.get(filter.field)!}`;
  return { text: `(${column} IS NOT NULL AND ${column} ${test.text})`, args: test.args };
}

export function orderBy(sort: readonly SortKey[], layout: Layout): string[] {
  return sort.map(({ field, order }) => `d.${layout.columns.get(field)!} ${order.toUpperCase()} NULLS LAST`);
}

/** A literal FTS5 string: inside double quotes only the double quote needs doubling. */
const ftsString = (word: string) => `"${word.replaceAll('"', '""')}"`;

const termMatch = ({ term, parts }: QueryTerm) =>
  parts.length > 1 ? `(${ftsString(term)} OR (${parts.map(ftsString).join(' AND ')}))` : ftsString(term);

export type SynonymLookup = ReadonlyMap<string, readonly QueryTerm[][]>;

/** Definition synonyms keyed by their normalized word, each alternative already segmented. */
export function synonymLookup(
  synonyms: Record<string, string[]>,
  stopWords: ReadonlySet<string>,
): SynonymLookup {
  const lookup = new Map<string, QueryTerm[][]>();
  for (const [word, alternatives] of Object.entries(synonyms)) {
    const segmented = alternatives.map((a) => queryTerms(a, stopWords)).filter((terms) => terms.length > 0);
    lookup.set(normalize(word), [...(lookup.get(normalize(word)) ?? []), ...segmented]);
  }
  return lookup;
}

/** A query term as an FTS5 expression: the word, or all its parts, or any of its synonyms. */
export function termExpression(term: QueryTerm, synonyms: SynonymLookup): string {
  const alternatives = [
    termMatch(term),
    ...(synonyms.get(term.term) ?? []).map((terms) =>
      terms.length === 1 ? termMatch(terms[0]!) : `(${terms.map(termMatch).join(' AND ')})`,
    ),
  ];
  return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;
}

/** The words to mark in highlights: each term, its parts and its synonyms. */
export function highlightNeedles(terms: readonly QueryTerm[], synonyms: SynonymLookup): string[] {
  const words = (t: QueryTerm) => [t.term, ...t.parts];
  return terms.flatMap((t) => [...words(t), ...(synonyms.get(t.term) ?? []).flat().flatMap(words)]);
}
