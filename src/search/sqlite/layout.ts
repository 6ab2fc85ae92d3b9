import { randomBytes } from 'node:crypto';
import type { IndexDefinition } from '../definitions.js';
import { InvalidDocumentError, type SearchDocument } from '../port.js';
import { searchableStrings } from '../searchable.js';
import { searchTokens } from '../tokenizer.js';

/**
 * How one index lives in SQLite. Per index `<uid>`:
 * - `s_<uid>_docs`: id, revision and one column (indexed) per scalar filterable or sortable attribute: narrow
 *   rows, so that counting facets over thousands of documents reads few pages;
 * - `s_<uid>_json`: the documents themselves, read only for the page of hits;
 * - `s_<uid>_values`: (field, value, rid) for the elements of array attributes, so a filter on
 *   technologies matches any element and facets count each value once per document;
 * - `s_<uid>_fts`: a contentless FTS5 table over the pre-segmented searchable attributes (space-joined
 *   tokens, read by `unicode61`; an attribute of taxonomy codes as the words of its labels), ranked by bm25
 *   with weights from the attributes' order.
 * Table names come from validated uids and attribute names, never from a request.
 */
export interface Layout {
  uid: string;
  docs: string;
  json: string;
  values: string;
  fts: string;
  /** Scalar attribute → quoted column name. */
  columns: ReadonlyMap<string, string>;
  arrays: ReadonlySet<string>;
  searchable: readonly string[];
  /** Per searchable attribute of codes, the words each code is indexed as. */
  labels: Readonly<Record<string, Record<string, string[]>>>;
  /** bm25 weight per searchable attribute: each counts twice the one after it. */
  weights: readonly number[];
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

export function layoutOf(uid: string, definition: IndexDefinition): Layout {
  const arrays = new Set(definition.arrayAttributes);
  const scalars = [...new Set([...definition.filterableAttributes, ...definition.sortableAttributes])].filter(
    (a) => !arrays.has(a),
  );
  const n = definition.searchableAttributes.length;
  return {
    uid,
    docs: quote(`s_${uid}_docs`),
    json: quote(`s_${uid}_json`),
    values: quote(`s_${uid}_values`),
    fts: quote(`s_${uid}_fts`),
    columns: new Map(scalars.map((a) => [a, quote(`a:${a}`)])),
    arrays,
    searchable: definition.searchableAttributes,
    labels: definition.labels,
    weights: definition.searchableAttributes.map((_, i) => 2 ** (n - 1 - i)),
  };
}

/** DDL creating the index's tables. Index names carry a random tag so a renamed copy never clashes. */
export function createStatements(layout: Layout): string[] {
  const tag = randomBytes(4).toString('hex');
  const columns = [...layout.columns.values()];
  const ftsColumns = layout.searchable.map((_, i) => `c${i}`).join(', ');
  const ftsName = layout.fts;
  return [
    `CREATE TABLE ${layout.docs} (
      rid INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      revision NUMERIC NOT NULL${columns.map((c) => `,\n      ${c}`).join('')}
    )`,
    `CREATE TABLE ${layout.json} (rid INTEGER PRIMARY KEY, doc TEXT NOT NULL)`,
    ...columns.map((c, i) => `CREATE INDEX ${quote(`ix_${tag}_${i}`)} ON ${layout.docs} (${c})`),
    `CREATE TABLE ${layout.values} (
      field TEXT NOT NULL,
      value NOT NULL,
      rid INTEGER NOT NULL,
      PRIMARY KEY (field, value, rid)
    ) WITHOUT ROWID`,
    `CREATE INDEX ${quote(`ix_${tag}_rid`)} ON ${layout.values} (rid, field, value)`,
    `CREATE VIRTUAL TABLE ${ftsName} USING fts5(${ftsColumns}, content='', contentless_delete=1, tokenize='unicode61')`,
    `INSERT INTO ${ftsName} (${ftsName}, rank) VALUES ('rank', 'bm25(${layout.weights.join(', ')})')`,
  ];
}

export function dropStatements(layout: Layout): string[] {
  return [layout.docs, layout.json, layout.values, layout.fts].map(
    (table) => `DROP TABLE IF EXISTS ${table}`,
  );
}

export function renameStatements(from: Layout, to: Layout): string[] {
  return (['docs', 'json', 'values', 'fts'] as const).map((t) => `ALTER TABLE ${from[t]} RENAME TO ${to[t]}`);
}

export type Scalar = string | number;

/**
 * What one document puts into the docs, json and values tables. Its text for the FTS table is segmented
 * apart (documentText), since that is the costly part and an update that leaves the text alone skips it.
 */
export interface DocumentRow {
  id: string;
  revision: number;
  json: string;
  /** In the order of `layout.columns`. */
  columns: (Scalar | null)[];
  values: [field: string, value: Scalar][];
}

export function valueAt(document: unknown, path: string): unknown {
  let value = document;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Booleans are stored as 'true'/'false', as Meilisearch filters and facets treat them. */
function scalarOf(value: unknown): Scalar | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

export function documentRow(layout: Layout, document: unknown): DocumentRow {
  const fail = (message: string): never => {
    throw new InvalidDocumentError(layout.uid, message);
  };
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    fail('a document is an object');
  const doc = document as SearchDocument;
  if (typeof doc.id !== 'string' || doc.id === '') fail('a document needs a non-empty string id');
  if (typeof doc.revision !== 'number' || !Number.isFinite(doc.revision)) {
    fail(`document ${doc.id} needs a numeric revision`);
  }
  let json = '';
  try {
    json = JSON.stringify(doc);
  } catch (error) {
    fail(`document ${doc.id} is not JSON: ${(error as Error).message}`);
  }
  const columns = [...layout.columns.keys()].map((attribute) => {
    const scalar = scalarOf(valueAt(doc, attribute));
    if (scalar === undefined) {
      return fail(
        `document ${doc.id}: ${attribute} must be a string, number or boolean (arrays go in arrayAttributes)`,
      );
    }
    return scalar;
  });
  const values: [string, Scalar][] = [];
  for (const attribute of layout.arrays) {
    const raw = valueAt(doc, attribute);
    const elements = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
    const seen = new Set<Scalar>();
    for (const element of elements) {
      const scalar = scalarOf(element);
      if (scalar === undefined)
        fail(`document ${doc.id}: ${attribute} must hold strings, numbers or booleans`);
      if (scalar !== null && scalar !== undefined && !seen.has(scalar)) {
        seen.add(scalar);
        values.push([attribute, scalar]);
      }
    }
  }
  return { id: doc.id, revision: doc.revision, json, columns, values };
}

/** Space-joined tokens per searchable attribute, in the order of `layout.searchable`. */
export function documentText(layout: Layout, document: unknown, stopWords: ReadonlySet<string>): string[] {
  return layout.searchable.map((attribute) =>
    searchableStrings(valueAt(document, attribute), layout.labels[attribute])
      .flatMap((text) => searchTokens(text, stopWords))
      .join(' '),
  );
}

/** Whether two versions of a document hold the same searchable attributes, so the same FTS row. */
export function sameText(layout: Layout, a: unknown, b: unknown): boolean {
  return layout.searchable.every(
    (attribute) => JSON.stringify(valueAt(a, attribute)) === JSON.stringify(valueAt(b, attribute)),
  );
}
