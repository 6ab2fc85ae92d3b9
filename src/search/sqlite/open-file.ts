import { existsSync, renameSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Logger } from '../../logger.js';
import { createPrivateFile } from '../../private-files.js';

export interface OpenFileOptions {
  path: string;
  busyTimeoutMs?: number;
  logger?: Logger;
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/** What PRAGMA quick_check found wrong with the file. */
class DamagedFileError extends Error {}

/**
 * A file damaged past its header opens and may even answer, wrongly, until a query reaches the damaged
 * pages. quick_check reads every page once (b-trees and the full-text indexes' own structure), so damage is
 * found at start and not in the middle of the projector's work.
 */
function checkIntegrity(db: Database.Database): void {
  let rows: { quick_check: string }[];
  try {
    rows = db.pragma('quick_check') as { quick_check: string }[];
  } catch (error) {
    // A damaged full-text index fails its own check with an error rather than a row.
    throw new DamagedFileError((error as Error).message, { cause: error });
  }
  const problems = rows.map((row) => row.quick_check).filter((result) => result !== 'ok');
  if (problems.length > 0) throw new DamagedFileError(problems.slice(0, 3).join('; '));
}

function open(options: OpenFileOptions, setUp: (db: Database.Database) => void): Database.Database {
  if (options.path !== ':memory:') createPrivateFile(options.path);
  const db = new Database(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    if (options.path !== ':memory:') checkIntegrity(db);
    setUp(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

const isDamage = (error: unknown) => {
  const code = (error as { code?: unknown }).code;
  return error instanceof DamagedFileError || (typeof code === 'string' && CORRUPT_CODES.has(code));
};

/**
 * Opens the search index's file and runs `setUp` (pragmas, schema) on it. The index only holds what the
 * projections derive from the store, so a file SQLite cannot read (garbage, a damaged first page) or that
 * fails its integrity check is moved aside for inspection and a fresh one created: the projector then
 * finds no checkpoints and replays the store from the start.
 */
export function openOrSetAside(
  options: OpenFileOptions,
  setUp: (db: Database.Database) => void,
): Database.Database {
  try {
    return open(options, setUp);
  } catch (error) {
    if (options.path === ':memory:' || !isDamage(error)) throw error;
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
