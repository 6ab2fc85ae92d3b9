import type { SearchDocument } from '../port.js';
import type { IndexState } from './index-state.js';
import { type DocumentRow, documentRow, documentText, type Layout, sameText } from './layout.js';
import type { WrittenDocument } from './memory-columns.js';
import type { Prepare } from './prepare.js';

interface StoredRow {
  rid: number;
  revision: number;
  doc: string;
}

function writeText(prepare: Prepare, state: IndexState, rid: number, document: SearchDocument) {
  const { layout } = state;
  const text = documentText(layout, document, state.stopWords);
  const columns = text.map((_, i) => `c${i}`);
  prepare(
    `INSERT INTO ${layout.fts} (rowid, ${columns.join(', ')}) VALUES (?${', ?'.repeat(columns.length)})`,
  ).run(rid, ...text);
}

function writeValues(prepare: Prepare, layout: Layout, rid: number, values: DocumentRow['values']) {
  const insert = prepare(`INSERT INTO ${layout.values} (field, value, rid) VALUES (?, ?, ?)`);
  for (const [field, value] of values) insert.run(field, value, rid);
}

/**
 * Replaces a document's array values by writing only the difference: a vendor profile gains a technology or
 * two when a solution is published, and rewriting its dozens of rows would cost most of the update.
 */
function updateValues(
  prepare: Prepare,
  layout: Layout,
  rid: number,
  before: DocumentRow['values'],
  after: DocumentRow['values'],
) {
  // typeof keeps 1 and '1' apart, as the values table does.
  const key = ([field, value]: DocumentRow['values'][number]) =>
    `${field}\u0000${typeof value}\u0000${value}`;
  const kept = new Set(after.map(key));
  const old = new Set(before.map(key));
  const remove = prepare(`DELETE FROM ${layout.values} WHERE field = ? AND value = ? AND rid = ?`);
  for (const row of before) if (!kept.has(key(row))) remove.run(row[0], row[1], rid);
  writeValues(
    prepare,
    layout,
    rid,
    after.filter((row) => !old.has(key(row))),
  );
}

/**
 * Adds or replaces one document, unless the stored one has a higher revision. Projections rewrite a
 * document at every event of its entity, mostly to change a status or a count, so only what changed is
 * written: the columns that differ, and the text (segmented again and re-indexed, the costly part) and
 * array values only when they changed.
 */
export function writeDocument(
  prepare: Prepare,
  state: IndexState,
  document: SearchDocument,
): WrittenDocument | null {
  const { layout } = state;
  const row = documentRow(layout, document);
  const stored = prepare(
    `SELECT d.rid, d.revision, j.doc FROM ${layout.docs} d JOIN ${layout.json} j ON j.rid = d.rid WHERE d.id = ?`,
  ).get(row.id) as StoredRow | undefined;
  if (stored && stored.revision > row.revision) return null;
  const columnNames = [...layout.columns.values()];
  if (!stored) {
    const names = ['id', 'revision', ...columnNames];
    const result = prepare(
      `INSERT INTO ${layout.docs} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    ).run(row.id, row.revision, ...row.columns);
    const rid = Number(result.lastInsertRowid);
    prepare(`INSERT INTO ${layout.json} (rid, doc) VALUES (?, ?)`).run(rid, row.json);
    writeText(prepare, state, rid, document);
    writeValues(prepare, layout, rid, row.values);
    return { rid, row };
  }
  if (stored.doc === row.json) return null;
  const { rid } = stored;
  const before = JSON.parse(stored.doc) as SearchDocument;
  const previous = documentRow(layout, before);
  const changed = columnNames.flatMap((name, i) =>
    previous.columns[i] === row.columns[i] ? [] : [{ name, value: row.columns[i] }],
  );
  prepare(
    `UPDATE ${layout.docs} SET revision = ?${changed.map((c) => `, ${c.name} = ?`).join('')} WHERE rid = ?`,
  ).run(row.revision, ...changed.map((c) => c.value), rid);
  prepare(`UPDATE ${layout.json} SET doc = ? WHERE rid = ?`).run(row.json, rid);
  if (!sameText(layout, before, document)) {
    prepare(`DELETE FROM ${layout.fts} WHERE rowid = ?`).run(rid);
    writeText(prepare, state, rid, document);
  }
  if (JSON.stringify(previous.values) !== JSON.stringify(row.values)) {
    updateValues(prepare, layout, rid, previous.values, row.values);
  }
  return { rid, row };
}

/** Removes one document; an id that is absent is ignored. */
export function deleteDocument(prepare: Prepare, layout: Layout, id: string): WrittenDocument | null {
  const stored = prepare(`SELECT rid FROM ${layout.docs} WHERE id = ?`).get(id) as
    | { rid: number }
    | undefined;
  if (!stored) return null;
  for (const table of [layout.fts, layout.values, layout.docs, layout.json]) {
    const key = table === layout.fts ? 'rowid' : 'rid';
    prepare(`DELETE FROM ${table} WHERE ${key} = ?`).run(stored.rid);
  }
  return { rid: stored.rid, row: null };
}
