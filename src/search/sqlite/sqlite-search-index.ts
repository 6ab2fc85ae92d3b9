import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { Logger } from '../../logger.js';
import { makePrivateDir } from '../../private-files.js';
import { baseUidOf, type IndexDefinition, parseDefinition, rebuildUidOf } from '../definitions.js';
import {
  type DocumentBatch,
  IndexNotFoundError,
  InvalidDocumentError,
  type SearchDocument,
  type SearchIndex,
  type SearchParams,
  type SearchResult,
  SearchUnavailableError,
} from '../port.js';
import { createCountCache } from './count-cache.js';
import { deleteDocument, writeDocument } from './documents.js';
import type { IndexState } from './index-state.js';
import { createStatements, dropStatements, layoutOf, renameStatements } from './layout.js';
import { createMatchCache } from './match-cache.js';
import { createMemoryColumns, type WrittenDocument } from './memory-columns.js';
import { openOrSetAside } from './open-file.js';
import type { Prepare } from './prepare.js';
import { synonymLookup } from './query.js';
import { HITS_TABLE, IN_RESULT, searchDocuments } from './search.js';

export interface SqliteSearchIndexOptions {
  /** The database file, e.g. `$YUNSUPEI_DATA_DIR/search.db`; its folder is created when missing. */
  path: string;
  logger?: Logger;
  /** How long a write waits for another process holding the file's write lock. */
  busyTimeoutMs?: number;
  /**
   * Keep each index's filterable attributes in memory to filter keyword searches and lists and count facets
   * (default true); false does all of it in SQL, slower on large lists, for a process that must stay small.
   */
  inMemoryColumns?: boolean;
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
    if (options.path !== ':memory:') makePrivateDir(dirname(options.path));
    db = openOrSetAside(options, (file) => {
      file.pragma('journal_mode = WAL');
      file.pragma('synchronous = NORMAL');
      // Searches and the projector's writes read rows scattered over the file; mapped, a row read that misses
      // SQLite's page cache costs no system call.
      file.pragma('mmap_size = 1073741824');
      file.exec(SCHEMA);
      file.exec(HITS_TABLE);
    });
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

  // data_version moves when another connection commits; our own commits are counted here, in all and per
  // index, so that writing one index (the match lists, a list at a time) leaves what was read of another.
  let ownWrites = 0;
  const ownWritesTo = new Map<string, number>();
  const wrote = (index: string) => {
    ownWrites++;
    ownWritesTo.set(index, (ownWritesTo.get(index) ?? 0) + 1);
  };
  let tablesChanged = 0;
  const counts = createCountCache();
  const matches = createMatchCache();
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const version = () => `${dataVersion.get()}:${ownWrites}`;
  /** Moves with each commit to `index`, and with any other connection's: what is cached of it holds till then. */
  const versionOf = (index: string) => `${dataVersion.get()}:${tablesChanged}:${ownWritesTo.get(index) ?? 0}`;

  const states = new Map<string, IndexState>();
  const stateOf = (uid: string, definition: IndexDefinition, stored: string): IndexState => {
    const stopWords = new Set(definition.stopWords);
    const layout = layoutOf(uid, definition);
    return {
      definition,
      stored,
      layout,
      stopWords,
      synonyms: synonymLookup(definition.synonyms, stopWords),
      related: synonymLookup(definition.relatedTerms, stopWords),
      memory: createMemoryColumns(layout),
    };
  };
  /** The file's version each index state was last read at: unchanged file, unchanged index. */
  const checkedAt = new Map<string, string>();
  /** The index as stored in the file, which another process may have created or swapped. */
  const resolve = (index: string): IndexState => {
    const now = version();
    const cached = states.get(index);
    if (cached && checkedAt.get(index) === now) return cached;
    const row = prepared('SELECT definition FROM _indexes WHERE uid = ?').get(index) as
      | { definition: string }
      | undefined;
    if (!row) throw new IndexNotFoundError(index);
    checkedAt.set(index, now);
    if (cached?.stored === row.definition) return cached;
    const definition = parseDefinition(baseUidOf(index), JSON.parse(row.definition));
    const state = stateOf(index, definition, row.definition);
    states.set(index, state);
    return state;
  };

  const createTables = (uid: string, definition: IndexDefinition) => {
    ownWrites++;
    tablesChanged++;
    const layout = layoutOf(uid, definition);
    for (const sql of [...dropStatements(layout), ...createStatements(layout)]) db.exec(sql);
    prepared('INSERT OR REPLACE INTO _indexes (uid, definition) VALUES (?, ?)').run(
      uid,
      storedForm(definition),
    );
    states.delete(uid);
  };

  const applyBatchInTransaction = db.transaction(
    (index: string, batch: DocumentBatch<SearchDocument>, checkpoint: bigint | undefined) => {
      wrote(index);
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
      const written = [
        ...deletes.map((id) => deleteDocument(prepared, state.layout, id)),
        ...upserts.map((document) => writeDocument(prepared, state, document)),
      ].filter((w): w is WrittenDocument => w !== null);
      if (checkpoint !== undefined) {
        prepared('INSERT OR REPLACE INTO _checkpoints (uid, position) VALUES (?, ?)').run(
          index,
          checkpoint.toString(),
        );
      }
      return { state, written };
    },
  );
  // The facet index learns of a batch once it has committed: a batch rolled back never reaches it. The write
  // lock is taken first (IMMEDIATE): a transaction that read before another process committed cannot write,
  // and SQLite refuses it at once instead of waiting (`yunsupei rebuild` beside a server's projector).
  const applyBatch = (
    index: string,
    batch: DocumentBatch<SearchDocument>,
    checkpoint: bigint | undefined,
  ) => {
    const { state, written } = applyBatchInTransaction.immediate(index, batch, checkpoint);
    state.memory.apply(written);
  };

  const reindex = (uid: string, definition: IndexDefinition) => {
    const previous = resolve(uid);
    const rows = db.prepare(`SELECT doc FROM ${previous.layout.json} ORDER BY rid`).pluck().all() as string[];
    createTables(uid, definition);
    const state = resolve(uid);
    rows.forEach((json, i) => {
      writeDocument(prepared, state, JSON.parse(json) as SearchDocument);
      if ((i + 1) % REINDEX_PROGRESS_EVERY === 0) {
        options.logger?.info({ index: uid, done: i + 1, total: rows.length }, 'reindexing search documents');
      }
    });
  };

  // The result set a search computed in memory, read by its statements through IN_RESULT(rid).
  let result: Uint8Array = new Uint8Array(0);
  db.function(IN_RESULT, { deterministic: false }, (rid) => result[rid as number] ?? 0);
  const useResult = (bits: Uint8Array) => {
    result = bits;
  };
  const inMemory = options.inMemoryColumns ?? true;

  // One read transaction, so that count, page and facets see the same snapshot of the file.
  const searchInSnapshot = db.transaction((index: string, params: SearchParams) => {
    const state = resolve(index);
    const memory = () => (inMemory ? state.memory.snapshot(prepared, dataVersion.get() as number) : null);
    return searchDocuments(prepared, state, params, {
      cache: counts,
      matches,
      version: versionOf(index),
      memory,
      useResult,
    });
  });

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
    search: <D extends SearchDocument>(index: string, params: SearchParams = {}) =>
      run(() => searchInSnapshot(index, params) as SearchResult<D>),
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
            tablesChanged++;
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
