import type { FacetDistribution } from '../port.js';
import type { DocumentRow, Layout, Scalar } from './layout.js';
import type { Prepare } from './prepare.js';

/**
 * The filterable attributes of one index's documents, held in this process's memory by document rid, so
 * that filtering by status and city and counting facets over tens of thousands of documents are loops over
 * typed arrays (a few nanoseconds a document) instead of index lookups and GROUP BYs joined back to the
 * tables (one to three microseconds a document: a tenth of a second for a list page over 40k needs).
 * Values are dictionary-coded per attribute: one Int32Array for a scalar, a small list of codes per
 * document for an array.
 *
 * An attribute is read from the tables the first time a search needs it (grouped by value: marshalling
 * 100k rows one by one costs ten times as much). This connection's own writes are applied once they commit
 * (`apply`). A commit by another connection makes the columns stale; they are read again at most once per
 * RELOAD_INTERVAL_MS, and in between `snapshot` answers null so that the search filters and counts in SQL.
 */

/** One document as a committed write left it: its columns and array values, or null when deleted. */
export interface WrittenDocument {
  rid: number;
  row: Pick<DocumentRow, 'columns' | 'values'> | null;
}

const RELOAD_INTERVAL_MS = 1000;

/** Codes for values; code 0 is "no value". Numbers and strings stay apart, as SQLite compares them. */
export interface Dictionary {
  codeOf: Map<string, number>;
  values: Scalar[];
}

export interface ScalarColumn extends Dictionary {
  kind: 'scalar';
  codes: Int32Array;
}

export interface ArrayColumn extends Dictionary {
  kind: 'array';
  codes: (number[] | undefined)[];
}

export type Column = ScalarColumn | ArrayColumn;

export const typedKey = (value: Scalar) => (typeof value === 'number' ? `n${value}` : `s${value}`);

function codeFor(dictionary: Dictionary, value: Scalar): number {
  const key = typedKey(value);
  let code = dictionary.codeOf.get(key);
  if (code === undefined) {
    code = dictionary.values.length;
    dictionary.values.push(value);
    dictionary.codeOf.set(key, code);
  }
  return code;
}

function grown<T extends Int32Array | Uint8Array>(array: T, index: number, make: (size: number) => T): T {
  if (index < array.length) return array;
  const bigger = make(Math.max(index + 1, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** The documents satisfying a filter: 1 at each one's rid, how many, and their rids in order. Read-only. */
export interface Selection {
  bits: Uint8Array;
  size: number;
  readonly rids: readonly number[];
}

/**
 * The documents of `present` that `wanted` marks (it is reused); their rids are listed only when first read:
 * a keyword search needs the bits alone.
 */
function selectionOf(wanted: Uint8Array, present: Uint8Array): Selection {
  let size = 0;
  for (let rid = 0; rid < wanted.length; rid++) {
    wanted[rid] = wanted[rid]! & (present[rid] ?? 0);
    size += wanted[rid]!;
  }
  let rids: readonly number[] | null = null;
  return {
    bits: wanted,
    size,
    get rids() {
      rids ??= ridsOf(wanted);
      return rids;
    },
  };
}

/** Filters remembered with the columns: a list page asks the same few (a city, the public statuses). */
const MAX_SELECTIONS = 64;

/** What a search reads: which rids hold a document, and the attributes, loaded on first use. */
export interface MemorySnapshot {
  /** 1 at the rid of every document; length may exceed the highest rid. */
  present: Uint8Array;
  column(attribute: string): Column;
  /**
   * The documents satisfying the filter `key` stands for, from the bits `select` sets (past the documents
   * too) the first time, then remembered until the columns change (any write, a reload).
   */
  selection(key: string, select: () => Uint8Array): Selection;
}

export function createMemoryColumns(layout: Layout) {
  const columns = new Map<string, Column>();
  const selections = new Map<string, Selection>();
  const scalarNames = [...layout.columns.keys()];
  let present: Uint8Array | null = null;
  let loadedAt: { dataVersion: number; time: number } | null = null;

  const ridsOf = (json: string) => JSON.parse(json) as number[];

  const loadPresent = (prepare: Prepare) => {
    const rids = ridsOf(prepare(`SELECT json_group_array(rid) FROM ${layout.docs}`, 'pluck').get() as string);
    let max = 0;
    for (const rid of rids) if (rid > max) max = rid;
    // Room for the documents the next writes add, so the arrays are not copied at every batch.
    const bits = new Uint8Array(max + 1024);
    for (const rid of rids) bits[rid] = 1;
    return bits;
  };

  const load = (prepare: Prepare, attribute: string, size: number): Column => {
    const dictionary: Dictionary = { codeOf: new Map(), values: [''] };
    if (layout.arrays.has(attribute)) {
      const groups = prepare(
        `SELECT value, json_group_array(rid) FROM ${layout.values} WHERE field = ? GROUP BY value`,
        'raw',
      ).all(attribute) as [Scalar, string][];
      const codes: (number[] | undefined)[] = [];
      for (const [value, rids] of groups) {
        const code = codeFor(dictionary, value);
        for (const rid of ridsOf(rids)) {
          const list = codes[rid];
          if (list) list.push(code);
          else codes[rid] = [code];
        }
      }
      return { kind: 'array', ...dictionary, codes };
    }
    const column = layout.columns.get(attribute)!;
    const groups = prepare(
      `SELECT ${column}, json_group_array(rid) FROM ${layout.docs} WHERE ${column} IS NOT NULL GROUP BY ${column}`,
      'raw',
    ).all() as [Scalar, string][];
    const codes = new Int32Array(size);
    for (const [value, rids] of groups) {
      const code = codeFor(dictionary, value);
      for (const rid of ridsOf(rids)) codes[rid] = code;
    }
    return { kind: 'scalar', ...dictionary, codes };
  };

  return {
    /** The columns for a search in the current read transaction, or null: filter and count in SQL. */
    snapshot(prepare: Prepare, dataVersion: number): MemorySnapshot | null {
      const now = Date.now();
      if (loadedAt && loadedAt.dataVersion !== dataVersion) {
        if (now - loadedAt.time < RELOAD_INTERVAL_MS) return null;
        columns.clear();
        selections.clear();
        present = null;
      }
      if (!present) {
        present = loadPresent(prepare);
        loadedAt = { dataVersion, time: now };
      }
      const bits = present;
      return {
        present: bits,
        column(attribute) {
          let column = columns.get(attribute);
          if (!column) {
            column = load(prepare, attribute, bits.length);
            columns.set(attribute, column);
          }
          return column;
        },
        selection(key, select) {
          if (selections.has(key)) return selections.get(key)!;
          const selected = selectionOf(select(), bits);
          if (selections.size >= MAX_SELECTIONS) selections.delete(selections.keys().next().value!);
          selections.set(key, selected);
          return selected;
        },
      };
    },

    /** Applies this connection's committed writes. */
    apply(written: readonly WrittenDocument[]): void {
      if (!present) return;
      selections.clear();
      for (const { rid, row } of written) {
        present = grown(present, rid, (n) => new Uint8Array(n));
        present[rid] = row ? 1 : 0;
      }
      for (const [attribute, column] of columns) {
        const position = scalarNames.indexOf(attribute);
        for (const { rid, row } of written) {
          if (column.kind === 'scalar') {
            column.codes = grown(column.codes, rid, (n) => new Int32Array(n));
            const value = row?.columns[position] ?? null;
            column.codes[rid] = value === null ? 0 : codeFor(column, value);
          } else {
            const values = (row?.values ?? []).filter(([field]) => field === attribute);
            column.codes[rid] = values.length ? values.map(([, value]) => codeFor(column, value)) : undefined;
          }
        }
      }
    },
  };
}

export type MemoryColumns = ReturnType<typeof createMemoryColumns>;

/** The rids whose bit is set, in order. */
export function ridsOf(bits: Uint8Array): number[] {
  const rids: number[] = [];
  for (let rid = 0; rid < bits.length; rid++) if (bits[rid]) rids.push(rid);
  return rids;
}

const byKey = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Facet counts over `rids`, keyed by the values as strings, as Meilisearch's facetDistribution has them. */
export function countFacets(
  memory: MemorySnapshot,
  rids: readonly number[],
  attributes: readonly string[],
): FacetDistribution {
  const distribution: FacetDistribution = {};
  for (const attribute of attributes) {
    const column = memory.column(attribute);
    const counts = new Int32Array(column.values.length);
    if (column.kind === 'scalar') {
      const { codes } = column;
      for (const rid of rids) counts[codes[rid] ?? 0]! += 1;
    } else {
      for (const rid of rids) {
        const codes = column.codes[rid];
        if (codes) for (const code of codes) counts[code]! += 1;
      }
    }
    const byString = new Map<string, number>();
    for (let code = 1; code < counts.length; code++) {
      if (counts[code]! > 0) {
        const key = String(column.values[code]);
        byString.set(key, (byString.get(key) ?? 0) + counts[code]!);
      }
    }
    distribution[attribute] = Object.fromEntries([...byString].sort(byKey));
  }
  return distribution;
}
