import type { Filter, FilterValue } from '../filter.js';
import type { Scalar } from './layout.js';
import { type Column, type MemorySnapshot, typedKey } from './memory-columns.js';

const bindable = (value: FilterValue): Scalar => (typeof value === 'boolean' ? String(value) : value);

/** 1 at every rid whose value (any element, for an array) has a code that `wanted` marks. */
function holding(column: Column, wanted: Uint8Array, size: number): Uint8Array {
  const bits = new Uint8Array(size);
  if (column.kind === 'scalar') {
    const { codes } = column;
    // Code 0 (no value) is never wanted.
    for (let rid = Math.min(size, codes.length) - 1; rid >= 0; rid--) bits[rid] = wanted[codes[rid]!]!;
    return bits;
  }
  column.codes.forEach((list, rid) => {
    if (rid < size && list?.some((code) => wanted[code] === 1)) bits[rid] = 1;
  });
  return bits;
}

/**
 * How SQLite orders two stored values of columns without affinity (layout.ts): numbers by value, before any
 * text; text byte by byte in UTF-8 (BINARY), which is not always JavaScript's UTF-16 order.
 */
function sqliteOrder(a: Scalar, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * The filter as a bitmap over rids (1: the document satisfies it), computed a condition at a time over the
 * in-memory columns, with the SQL compilation's semantics (query.ts): equality between values of the same
 * type only (a number never equals a string), booleans as the strings 'true'/'false', `exists` for a present
 * non-empty value, an array matching when any element does, `not` also selecting documents without the
 * attribute, ranges in SQLite's order of stored values (`sqliteOrder`). Bits past the documents
 * (`memory.present`) may be set; callers intersect with it.
 */
export function filterBits(filter: Filter, memory: MemorySnapshot): Uint8Array {
  const size = memory.present.length;
  if ('and' in filter || 'or' in filter) {
    const children = ('and' in filter ? filter.and : filter.or).map((f) => filterBits(f, memory));
    const [first, ...rest] = children;
    const bits = first!;
    for (const other of rest) {
      if ('and' in filter) for (let rid = 0; rid < size; rid++) bits[rid] = bits[rid]! & other[rid]!;
      else for (let rid = 0; rid < size; rid++) bits[rid] = bits[rid]! | other[rid]!;
    }
    return bits;
  }
  if ('not' in filter) {
    const bits = filterBits(filter.not, memory);
    for (let rid = 0; rid < size; rid++) bits[rid] = bits[rid]! ^ 1;
    return bits;
  }
  const column = memory.column(filter.field);
  const wanted = new Uint8Array(column.values.length);
  if (filter.op === 'gte' || filter.op === 'lte') {
    const sign = filter.op === 'gte' ? 1 : -1;
    for (let code = 1; code < column.values.length; code++)
      wanted[code] = sign * sqliteOrder(column.values[code]!, filter.value) >= 0 ? 1 : 0;
  } else if (filter.op === 'exists') {
    for (let code = 1; code < column.values.length; code++) wanted[code] = column.values[code] === '' ? 0 : 1;
  } else {
    const values: FilterValue[] = filter.op === 'in' ? filter.value : [filter.value];
    for (const value of values) {
      const code = column.codeOf.get(typedKey(bindable(value)));
      if (code !== undefined) wanted[code] = 1;
    }
  }
  return holding(column, wanted, size);
}
