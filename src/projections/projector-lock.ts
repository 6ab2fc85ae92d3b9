import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createPrivateFile, makePrivateDir, PRIVATE_FILE_MODE } from '../private-files.js';

/** Another process already projects into the data directory. */
export class ProjectorLockedError extends Error {}

export interface ProjectorLock {
  release(): void;
}

const LOCK_FILE = 'projector.lock';
const HOLDER_FILE = 'projector.pid';

const isBusy = (error: unknown) => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
};

/**
 * Makes this process the only projector of `dataDir`. Two projectors writing one search index fight over
 * its write lock and each undoes the other's checkpoints. The lock is SQLite's own on a small database in
 * exclusive locking mode: after one write the connection keeps its exclusive lock until it closes, and the
 * operating system drops it when the process dies, even by SIGKILL, so a crashed holder never blocks a
 * restart. Nobody can read a database locked that way, so the holder's pid is written beside it, only
 * ever by the holder, for the refusal to name it.
 */
export function lockProjector(dataDir: string): ProjectorLock {
  makePrivateDir(dataDir);
  createPrivateFile(join(dataDir, LOCK_FILE));
  const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL)');
    db.transaction(() => {
      db.exec('DELETE FROM holder');
      db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
    }).exclusive();
  } catch (error) {
    db.close();
    if (!isBusy(error)) throw error;
    throw new ProjectorLockedError(
      `another projector (pid ${holderOf(dataDir)}) already projects into ${dataDir}: ` +
        'stop it, or start this process with YUNSUPEI_PROJECTOR=external and leave projecting to it',
    );
  }
  writeFileSync(join(dataDir, HOLDER_FILE), `${process.pid}\n`, { mode: PRIVATE_FILE_MODE });
  return {
    release() {
      if (db.open) db.close();
    },
  };
}

function holderOf(dataDir: string): string {
  try {
    return readFileSync(join(dataDir, HOLDER_FILE), 'utf8').trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}
