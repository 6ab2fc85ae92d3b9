import type { Filter, FilterValue } from '../filter.js';

/**
 * A value as a Meilisearch filter literal. Strings are double-quoted with `\` and `"` escaped, which
 * Meilisearch's filter parser undoes, so no value can close its quotes and add conditions of its own.
 */
export function filterLiteral(value: FilterValue): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
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
      return `${field} >= ${filterLiteral(filter.value)}`;
    case 'lte':
      return `${field} <= ${filterLiteral(filter.value)}`;
    case 'exists':
      return `(${field} EXISTS AND NOT ${field} IS NULL AND NOT ${field} IS EMPTY)`;
  }
}
