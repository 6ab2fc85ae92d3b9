import { existsSync, renameSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Logger } from '../../logger.js';

export interface OpenFileOptions {
  path: string;
  busyTimeoutMs?: number;
  logger?: Logger;
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function open(options: OpenFileOptions, setUp: (db: Database.Database) => void): Database.Database {
  const db = new Database(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    setUp(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens the search index's file and runs `setUp` (pragmas, schema) on it. The index only holds what the
 * projections derive from the store, so a file SQLite cannot read (garbage, a damaged first page) is moved
 * aside for inspection and a fresh one created: the projector then finds no checkpoints and replays the
 * store from the start.
 */
export function openOrSetAside(
  options: OpenFileOptions,
  setUp: (db: Database.Database) => void,
): Database.Database {
  try {
    return open(options, setUp);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (options.path === ':memory:' || typeof code !== 'string' || !CORRUPT_CODES.has(code)) throw error;
    const aside = `${options.path}.corrupt-${Date.now()}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(options.path + suffix)) renameSync(options.path + suffix, aside + suffix);
    }
    options.logger?.warn(
      { path: options.path, movedTo: aside, reason: (error as Error).message },
      'search index file is corrupt: moved aside, starting a fresh index that the projector fills from the store',
    );
    return open(options, setUp);
  }
}
