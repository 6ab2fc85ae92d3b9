/**
 * Filters are a structured AST, never a user string: each adapter compiles it itself (SQL with bound
 * parameters, or a Meilisearch filter string with quoted, escaped values), so a value is only ever a value.
 *
 * Semantics follow Meilisearch: a condition on an array attribute holds when any element satisfies it;
 * `not` also selects documents that lack the attribute; `exists` holds for a present, non-null, non-empty
 * value. Strings compare as they are stored (codes are lower case); gte/lte compare numbers with numbers and
 * strings (ISO dates) with strings.
 */
import type { IndexDefinition } from './definitions.js';
import { InvalidFilterError } from './errors.js';

export { InvalidFilterError };

export type FilterValue = string | number | boolean;

export type Condition =
  | { field: string; op: 'eq'; value: FilterValue }
  | { field: string; op: 'in'; value: FilterValue[] }
  | { field: string; op: 'gte' | 'lte'; value: string | number }
  | { field: string; op: 'exists' };

export type Filter = Condition | { and: Filter[] } | { or: Filter[] } | { not: Filter };

/** The conditions given, joined with `and`; undefined when there are none (no filter at all). */
export function allOf(...filters: (Filter | undefined)[]): Filter | undefined {
  const present = filters.filter((f): f is Filter => f !== undefined);
  if (present.length <= 1) return present[0];
  return { and: present };
}

const isScalar = (value: unknown): value is FilterValue =>
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

/**
 * Checks the shape of a filter that may come from anywhere, and that it only names filterable attributes;
 * throws InvalidFilterError naming the first problem.
 */
export function validateFilter(filter: unknown, definition: IndexDefinition): asserts filter is Filter {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new InvalidFilterError('a filter is an object');
  }
  const node = filter as Record<string, unknown>;
  if ('and' in node || 'or' in node) {
    const key = 'and' in node ? 'and' : 'or';
    const children = node[key];
    if (Object.keys(node).length !== 1 || !Array.isArray(children) || children.length === 0) {
      throw new InvalidFilterError(`${key} takes a non-empty list of filters and nothing else`);
    }
    for (const child of children) validateFilter(child, definition);
    return;
  }
  if ('not' in node) {
    if (Object.keys(node).length !== 1) throw new InvalidFilterError('not takes one filter and nothing else');
    validateFilter(node.not, definition);
    return;
  }
  const { field, op, value } = node;
  if (typeof field !== 'string' || !definition.filterableAttributes.includes(field)) {
    throw new InvalidFilterError(
      `${String(field)} is not a filterable attribute of ${definition.uid}`,
      typeof field === 'string' ? field : undefined,
    );
  }
  const keys = Object.keys(node).sort().join(',');
  switch (op) {
    case 'eq':
      if (keys !== 'field,op,value' || !isScalar(value)) {
        throw new InvalidFilterError(`eq on ${field} takes a string, number or boolean value`, field);
      }
      return;
    case 'in':
      if (
        keys !== 'field,op,value' ||
        !Array.isArray(value) ||
        value.length === 0 ||
        !value.every(isScalar)
      ) {
        throw new InvalidFilterError(`in on ${field} takes a non-empty list of values`, field);
      }
      return;
    case 'gte':
    case 'lte':
      if (
        keys !== 'field,op,value' ||
        !(typeof value === 'string' || (isScalar(value) && typeof value === 'number'))
      ) {
        throw new InvalidFilterError(`${op} on ${field} takes a number or a string`, field);
      }
      return;
    case 'exists':
      if (keys !== 'field,op') throw new InvalidFilterError(`exists on ${field} takes no value`, field);
      return;
    default:
      throw new InvalidFilterError(`unknown filter operator ${String(op)}`, field);
  }
}
