import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '../../logger.js';
import { baseUidOf, type IndexDefinition, parseDefinition, rebuildUidOf } from '../definitions.js';
import {
  type DocumentBatch,
  IndexNotFoundError,
  InvalidDocumentError,
  type SearchDocument,
  type SearchIndex,
  type SearchParams,
  SearchUnavailableError,
} from '../port.js';
import { createCountCache } from './count-cache.js';
import {
  createStatements,
  documentRow,
  dropStatements,
  type Layout,
  layoutOf,
  renameStatements,
} from './layout.js';
import { synonymLookup } from './query.js';
import { HITS_TABLE, type IndexState, type Prepare, searchDocuments } from './search.js';

export interface SqliteSearchIndexOptions {
  /** The database file, e.g. `$YUNSUPEI_DATA_DIR/search.db`; its folder is created when missing. */
  path: string;
  logger?: Logger;
  /** How long a write waits for another process holding the file's write lock. */
  busyTimeoutMs?: number;
}

interface StoredRow {
  rid: number;
  revision: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS _indexes (uid TEXT PRIMARY KEY, definition TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS _checkpoints (uid TEXT PRIMARY KEY, position TEXT NOT NULL) WITHOUT ROWID;
`;

/** The settings alone, re-parsed so that key order and defaults never make an unchanged definition differ. */
function storedForm(definition: IndexDefinition): string {
  const { uid, ...settings } = definition;
  const { uid: _, ...canonical } = parseDefinition(uid, settings);
  return JSON.stringify(canonical);
}

const MAX_CACHED_STATEMENTS = 500;
const REINDEX_PROGRESS_EVERY = 10_000;

/**
 * The embedded SearchIndex: SQLite FTS5 over text pre-segmented by the shared Chinese tokenizer, filters,
 * facets and sort in SQL with bound parameters. Several processes may share the file (WAL): a swap renames
 * tables inside one transaction, so a reader sees either the old or the new copy.
 */
export function openSqliteSearchIndex(options: SqliteSearchIndexOptions): SearchIndex {
  let db: Database.Database;
  try {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    db = new Database(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(SCHEMA);
    db.exec(HITS_TABLE);
  } catch (error) {
    throw new SearchUnavailableError(
      `cannot open search index ${options.path}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }

  const statements = new Map<string, Database.Statement>();
  const prepared: Prepare = (sql, shape = 'object') => {
    const key = `${shape}:${sql}`;
    let statement = statements.get(key);
    if (!statement) {
      if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
      statement = db.prepare(sql);
      if (shape === 'pluck') statement.pluck();
      if (shape === 'raw') statement.raw();
      statements.set(key, statement);
    }
    return statement;
  };

  // data_version moves when another connection commits; our own commits are counted here.
  let ownWrites = 0;
  const counts = createCountCache();
  const version = () => `${db.pragma('data_version', { simple: true })}:${ownWrites}`;

  const states = new Map<string, IndexState>();
  const stateOf = (uid: string, definition: IndexDefinition, stored: string): IndexState => {
    const stopWords = new Set(definition.stopWords);
    return {
      definition,
      stored,
      layout: layoutOf(uid, definition),
      stopWords,
      synonyms: synonymLookup(definition.synonyms, stopWords),
    };
  };
  /** The index as stored in the file, which another process may have created or swapped. */
  const resolve = (index: string): IndexState => {
    const row = prepared('SELECT definition FROM _indexes WHERE uid = ?').get(index) as
      | { definition: string }
      | undefined;
    if (!row) throw new IndexNotFoundError(index);
    const cached = states.get(index);
    if (cached?.stored === row.definition) return cached;
    const definition = parseDefinition(baseUidOf(index), JSON.parse(row.definition));
    const state = stateOf(index, definition, row.definition);
    states.set(index, state);
    return state;
  };

  const createTables = (uid: string, definition: IndexDefinition) => {
    ownWrites++;
    const layout = layoutOf(uid, definition);
    for (const sql of [...dropStatements(layout), ...createStatements(layout)]) db.exec(sql);
    prepared('INSERT OR REPLACE INTO _indexes (uid, definition) VALUES (?, ?)').run(
      uid,
      storedForm(definition),
    );
    states.delete(uid);
  };

  const writeDocument = (state: IndexState, document: SearchDocument) => {
    const { layout } = state;
    const row = documentRow(layout, document, state.stopWords);
    const stored = prepared(`SELECT rid, revision FROM ${layout.docs} WHERE id = ?`).get(row.id) as
      | StoredRow
      | undefined;
    if (stored && stored.revision > row.revision) return;
    const columnNames = [...layout.columns.values()];
    let rid: number;
    if (stored) {
      rid = stored.rid;
      prepared(
        `UPDATE ${layout.docs} SET revision = ?${columnNames.map((c) => `, ${c} = ?`).join('')} WHERE rid = ?`,
      ).run(row.revision, ...row.columns, rid);
      prepared(`UPDATE ${layout.json} SET doc = ? WHERE rid = ?`).run(row.json, rid);
      prepared(`DELETE FROM ${layout.fts} WHERE rowid = ?`).run(rid);
      prepared(`DELETE FROM ${layout.values} WHERE rid = ?`).run(rid);
    } else {
      const names = ['id', 'revision', ...columnNames];
      const result = prepared(
        `INSERT INTO ${layout.docs} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
      ).run(row.id, row.revision, ...row.columns);
      rid = Number(result.lastInsertRowid);
      prepared(`INSERT INTO ${layout.json} (rid, doc) VALUES (?, ?)`).run(rid, row.json);
    }
    const ftsColumns = row.text.map((_, i) => `c${i}`);
    prepared(
      `INSERT INTO ${layout.fts} (rowid, ${ftsColumns.join(', ')}) VALUES (?${', ?'.repeat(ftsColumns.length)})`,
    ).run(rid, ...row.text);
    const insertValue = prepared(`INSERT INTO ${layout.values} (field, value, rid) VALUES (?, ?, ?)`);
    for (const [field, value] of row.values) insertValue.run(field, value, rid);
  };

  const deleteDocument = (layout: Layout, id: string) => {
    const stored = prepared(`SELECT rid FROM ${layout.docs} WHERE id = ?`).get(id) as StoredRow | undefined;
    if (!stored) return;
    prepared(`DELETE FROM ${layout.fts} WHERE rowid = ?`).run(stored.rid);
    prepared(`DELETE FROM ${layout.values} WHERE rid = ?`).run(stored.rid);
    prepared(`DELETE FROM ${layout.docs} WHERE rid = ?`).run(stored.rid);
    prepared(`DELETE FROM ${layout.json} WHERE rid = ?`).run(stored.rid);
  };

  const applyBatch = db.transaction(
    (index: string, batch: DocumentBatch<SearchDocument>, checkpoint: bigint | undefined) => {
      ownWrites++;
      const state = resolve(index);
      const upserts = batch.upserts ?? [];
      const deletes = batch.deletes ?? [];
      const ids = new Set(deletes);
      if (ids.size < deletes.length || upserts.some((d) => ids.has(d?.id))) {
        throw new InvalidDocumentError(
          index,
          'an id appears twice across the deletes and upserts of one batch',
        );
      }
      for (const id of deletes) deleteDocument(state.layout, id);
      for (const document of upserts) writeDocument(state, document);
      if (checkpoint !== undefined) {
        prepared('INSERT OR REPLACE INTO _checkpoints (uid, position) VALUES (?, ?)').run(
          index,
          checkpoint.toString(),
        );
      }
    },
  );

  const reindex = (uid: string, definition: IndexDefinition) => {
    const previous = resolve(uid);
    const rows = db.prepare(`SELECT doc FROM ${previous.layout.json} ORDER BY rid`).pluck().all() as string[];
    createTables(uid, definition);
    const state = resolve(uid);
    rows.forEach((json, i) => {
      writeDocument(state, JSON.parse(json) as SearchDocument);
      if ((i + 1) % REINDEX_PROGRESS_EVERY === 0) {
        options.logger?.info({ index: uid, done: i + 1, total: rows.length }, 'reindexing search documents');
      }
    });
  };

  const run = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error);
    }
  };

  return {
    applySettings: (definition) =>
      run(() =>
        db
          .transaction(() => {
            const stored = prepared('SELECT definition FROM _indexes WHERE uid = ?', 'pluck').get(
              definition.uid,
            ) as string | undefined;
            if (stored === storedForm(definition)) return;
            if (stored === undefined) createTables(definition.uid, definition);
            else reindex(definition.uid, definition);
          })
          .immediate(),
      ),
    upsert: (index, documents) => run(() => applyBatch(index, { upserts: documents }, undefined)),
    delete: (index, ids) => run(() => applyBatch(index, { deletes: ids }, undefined)),
    applyBatch: (index, batch, checkpoint) => run(() => applyBatch(index, batch, checkpoint)),
    getCheckpoint: (index) =>
      run(() => {
        resolve(index);
        const position = prepared('SELECT position FROM _checkpoints WHERE uid = ?', 'pluck').get(index) as
          | string
          | undefined;
        return position === undefined ? null : BigInt(position);
      }),
    get: <D extends SearchDocument>(index: string, id: string) =>
      run(() => {
        const { layout } = resolve(index);
        const sql = `SELECT j.doc FROM ${layout.docs} d JOIN ${layout.json} j ON j.rid = d.rid WHERE d.id = ?`;
        const json = prepared(sql, 'pluck').get(id) as string | undefined;
        return json === undefined ? null : (JSON.parse(json) as D);
      }),
    // One read transaction, so that count, page and facets see the same snapshot of the file.
    search: <D extends SearchDocument>(index: string, params: SearchParams = {}) =>
      run(() =>
        db.transaction(() =>
          searchDocuments<D>(prepared, resolve(index), params, { cache: counts, version: version() }),
        )(),
      ),
    prepareRebuild: (index) =>
      run(() =>
        db
          .transaction(() => {
            const { definition } = resolve(index);
            const copy = rebuildUidOf(index);
            createTables(copy, definition);
            prepared('DELETE FROM _checkpoints WHERE uid = ?').run(copy);
            return copy;
          })
          .immediate(),
      ),
    swap: (index) =>
      run(() =>
        db
          .transaction(() => {
            ownWrites++;
            const copy = rebuildUidOf(index);
            const current = resolve(index);
            const fresh = resolve(copy);
            for (const sql of [
              ...dropStatements(current.layout),
              ...renameStatements(fresh.layout, current.layout),
            ]) {
              db.exec(sql);
            }
            prepared(
              'UPDATE _indexes SET definition = (SELECT definition FROM _indexes WHERE uid = ?) WHERE uid = ?',
            ).run(copy, index);
            prepared('DELETE FROM _indexes WHERE uid = ?').run(copy);
            prepared('DELETE FROM _checkpoints WHERE uid = ?').run(index);
            prepared('UPDATE _checkpoints SET uid = ? WHERE uid = ?').run(index, copy);
            states.delete(index);
            states.delete(copy);
          })
          .immediate(),
      ),
    ping: () =>
      run(() => {
        try {
          db.prepare('SELECT 1').get();
        } catch (error) {
          throw new SearchUnavailableError(`search index ${options.path}: ${(error as Error).message}`, {
            cause: error,
          });
        }
      }),
    close: () =>
      run(() => {
        statements.clear();
        if (db.open) db.close();
      }),
  };
}
