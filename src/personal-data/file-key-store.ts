import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type KeyStore, SUBJECT_KEY_BYTES, SubjectKeyDestroyedError } from './key-store.js';

export const KEY_FILE = 'personal-data.keys';
const LOCK_FILE = 'personal-data.keys.lock';

/** The file: keys in base64 by subject, and the tombstones of destroyed keys with when they were destroyed. */
interface KeyFile {
  version: 1;
  keys: Record<string, string>;
  destroyed: Record<string, string>;
}

/** How long a process trusts its copy before looking whether another process changed the file. */
const FRESH_MS = 1000;

export interface FileKeyStoreOptions {
  now?: () => Date;
}

/**
 * Subject keys in `<dir>/personal-data.keys` (mode 600; the directory, when made here, 700). Every change is written to a
 * temp file, synced, renamed over the file and the directory synced, so a crash leaves the old file or the
 * new one. Several processes share the file (the server, the `project` worker, `seed` and `import`): a
 * change rereads the file under an exclusive SQLite lock on `personal-data.keys.lock`, which the operating
 * system drops when a holder dies, so no process overwrites a key another one just made. Reads use a copy
 * in memory, checked against the file at most once a second, so a key destroyed in another process stops
 * decrypting here within a second. A destroyed key leaves the file; a rename does not wipe the old file's
 * blocks on disk, so the keys dir belongs on an encrypted volume (docs/operations.md).
 */
export function openFileKeyStore(dir: string, options: FileKeyStoreOptions = {}): KeyStore {
  const now = options.now ?? (() => new Date());
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, KEY_FILE);
  let copy = readKeyFile(path);
  let seen = fileIdentity(path);
  let checkedAt = Date.now();

  function refresh(force: boolean): KeyFile {
    if (!force && Date.now() - checkedAt < FRESH_MS) return copy;
    checkedAt = Date.now();
    const identity = fileIdentity(path);
    if (identity !== seen) {
      copy = readKeyFile(path);
      seen = identity;
    }
    return copy;
  }

  function change(edit: (file: KeyFile) => void): KeyFile {
    const lockPath = join(dir, LOCK_FILE);
    // Made 600 before SQLite opens it, as everything in the keys dir.
    closeSync(openSync(lockPath, 'a', 0o600));
    const lock = new Database(lockPath, { timeout: 10_000 });
    try {
      lock
        .transaction(() => {
          const file = readKeyFile(path);
          edit(file);
          writeAtomically(dir, path, `${JSON.stringify(file)}\n`);
          copy = file;
          seen = fileIdentity(path);
          checkedAt = Date.now();
        })
        .exclusive();
    } finally {
      lock.close();
    }
    return copy;
  }

  // One Buffer per key while the file is unchanged: the cipher caches what it derives from it by identity.
  const buffers = new WeakMap<KeyFile, Map<string, Buffer>>();
  const cached = (file: KeyFile, subject: string): Buffer | null => {
    const byFile = buffers.get(file) ?? new Map<string, Buffer>();
    buffers.set(file, byFile);
    const known = byFile.get(subject);
    if (known) return known;
    const stored = file.keys[subject];
    if (stored === undefined) return null;
    const key = Buffer.from(stored, 'base64');
    byFile.set(subject, key);
    return key;
  };

  return {
    async keyFor(subject) {
      // A miss forces a look: another process may have made the key a moment ago.
      return cached(refresh(false), subject) ?? cached(refresh(true), subject);
    },
    async createKey(subject) {
      const known = cached(refresh(false), subject);
      if (known) return known;
      const file = change((file) => {
        if (file.destroyed[subject] !== undefined) return;
        file.keys[subject] ??= randomBytes(SUBJECT_KEY_BYTES).toString('base64');
      });
      const key = cached(file, subject);
      if (!key) throw new SubjectKeyDestroyedError(subject);
      return key;
    },
    async destroyKey(subject) {
      change((file) => {
        delete file.keys[subject];
        file.destroyed[subject] ??= now().toISOString();
      });
    },
    async isDestroyed(subject) {
      return refresh(true).destroyed[subject] !== undefined;
    },
  };
}

function readKeyFile(path: string): KeyFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, keys: {}, destroyed: {} };
    throw error;
  }
  const file = JSON.parse(text) as KeyFile;
  if (file.version !== 1 || typeof file.keys !== 'object' || typeof file.destroyed !== 'object') {
    throw new Error(`${path} is not a personal-data key file (version 1)`);
  }
  return file;
}

/** Changes whenever the file is replaced: a rename gives it a new inode. */
function fileIdentity(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'absent';
  }
}

function writeAtomically(dir: string, path: string, text: string): void {
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(temp, 0o600);
  renameSync(temp, path);
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
