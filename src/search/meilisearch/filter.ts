import type { Filter, FilterValue } from '../filter.js';

/**
 * A value as a Meilisearch filter literal. Strings are double-quoted with `\` and `"` escaped, which
 * Meilisearch's filter parser undoes (filter-parser value.rs: `\"` first, then every escape through the
 * `unescaper` crate, `\\` included), so no value can close its quotes and add conditions of its own, and a
 * backslash in a value (`a\nb`, or one at the end) reaches the server as a backslash.
 */
export function filterLiteral(value: FilterValue): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * A range bound as Meilisearch compares it. Meilisearch stores string facet values normalized (NFKD,
 * trimmed, lower case: milli's normalize_facet) and, from v1.15 to v1.42, compared range bounds with them
 * as given, so `publishedAt >= "2025-03-01T08:00:00.000Z"` compared an upper-case `T` with stored lower-case
 * ones. Normalizing the bound the same way compares like with like on every version (v1.43 and later
 * normalize it themselves; normalizing twice changes nothing).
 */
function rangeBound(value: string | number): string {
  return typeof value === 'number'
    ? String(value)
    : filterLiteral(value.trim().normalize('NFKD').toLowerCase());
}

/**
 * The filter AST (already validated against the index definition, so fields are known attribute names) as a
 * Meilisearch filter expression, fully parenthesized. `exists` also excludes null and empty values, to
 * mean what the embedded index means by it.
 */
export function compileFilter(filter: Filter): string {
  if ('and' in filter) return `(${filter.and.map(compileFilter).join(' AND ')})`;
  if ('or' in filter) return `(${filter.or.map(compileFilter).join(' OR ')})`;
  if ('not' in filter) return `(NOT ${compileFilter(filter.not)})`;
  const { field } = filter;
  switch (filter.op) {
    case 'eq':
      return `${field} = ${filterLiteral(filter.value)}`;
    case 'in':
      return `${field} IN [${filter.value.map(filterLiteral).join(', ')}]`;
    case 'gte':
      return `${field} >= ${rangeBound(filter.value)}`;
    case 'lte':
      return `${field} <= ${rangeBound(filter.value)}`;
    case 'exists':
      return `(${field} EXISTS AND NOT ${field} IS NULL AND NOT ${field} IS EMPTY)`;
  }
}
