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

/** A word as the index holds it: the word itself or all its parts, or only its pieces when not indexed. */
const termMatch = ({ term, parts, indexed }: QueryTerm) => {
  const whole = parts.length > 1 ? `(${parts.map(ftsString).join(' AND ')})` : undefined;
  if (!indexed) return whole ?? ftsString(parts[0] ?? term);
  return whole ? `(${ftsString(term)} OR ${whole})` : ftsString(term);
};

const anyOf = (alternatives: string[]) =>
  alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`;

const allOf = (terms: readonly QueryTerm[]) =>
  terms.length === 1 ? termMatch(terms[0]!) : `(${terms.map(termMatch).join(' AND ')})`;

export type SynonymLookup = ReadonlyMap<string, readonly QueryTerm[][]>;

/** Definition synonyms (or related terms) keyed by their normalized word, each alternative segmented. */
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
  return anyOf([termMatch(term), ...(synonyms.get(term.term) ?? []).map(allOf)]);
}

/**
 * What finds a query term through related terms only: any word related to it, or its parts each as
 * itself or a word related to the part (智慧养老 → 智能 and 老人). Null when nothing is related.
 */
export function relatedExpression(term: QueryTerm, related: SynonymLookup): string | null {
  const alternatives = (related.get(term.term) ?? []).map(allOf);
  const partsRelated = term.parts.length > 1 && term.parts.some((part) => related.has(part));
  if (partsRelated) {
    alternatives.push(
      `(${term.parts.map((part) => anyOf([ftsString(part), ...(related.get(part) ?? []).map(allOf)])).join(' AND ')})`,
    );
  }
  return alternatives.length ? anyOf(alternatives) : null;
}

/** A query term and what else may stand for it: the word and its synonyms, then its related terms. */
export interface TermQuery {
  term: QueryTerm;
  exact: string;
  related: string | null;
}

export function termQuery(term: QueryTerm, synonyms: SynonymLookup, related: SynonymLookup): TermQuery {
  return { term, exact: termExpression(term, synonyms), related: relatedExpression(term, related) };
}

/** The expression matching a term either way. */
export const eitherWay = ({ exact, related }: TermQuery) => (related ? `(${exact} OR ${related})` : exact);

/** The words to mark in highlights: each term, its parts, its synonyms and its related terms. */
export function highlightNeedles(
  terms: readonly QueryTerm[],
  synonyms: SynonymLookup,
  related: SynonymLookup = new Map(),
): string[] {
  // The single characters a word unknown to the dictionary is matched by would mark every one of them.
  const words = (t: QueryTerm) => (t.indexed ? [t.term, ...t.parts] : [t.term]);
  const others = (t: QueryTerm) =>
    [...(synonyms.get(t.term) ?? []), ...(related.get(t.term) ?? [])].flat().flatMap(words);
  return terms.flatMap((t) => [...words(t), ...others(t)]);
}
