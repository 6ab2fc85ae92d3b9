import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../private-files.js';
import { CHAIN_KEY_BYTES } from './sqlite/chain.js';

const KEY_FILE = 'audit.key';

export class AuditKeyError extends Error {
  override name = 'AuditKeyError';
}

const isWithin = (dir: string, parent: string) => {
  const path = relative(resolve(parent), resolve(dir));
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
};

/**
 * The audit chain's key, `<keyDir>/audit.key`: 32 random bytes made on first start (dir 700, file 600).
 * Whoever holds the key can forge the chain, so it must not sit in the data dir, where a copy or a
 * thief of the data would take it along: a key dir inside the data dir is refused. Processes starting
 * together race on the first start: the key is written aside and hard-linked into place, which only one
 * of them can do.
 */
export function loadAuditKey(keyDir: string, dataDir: string): Buffer {
  if (isWithin(keyDir, dataDir)) {
    throw new AuditKeyError(
      `YUNSUPEI_KEY_DIR (${keyDir}) is inside YUNSUPEI_DATA_DIR (${dataDir}): keep the keys apart from the data`,
    );
  }
  makePrivateDir(keyDir);
  const path = auditKeyPath(keyDir);
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, randomBytes(CHAIN_KEY_BYTES), { mode: PRIVATE_FILE_MODE });
  try {
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  return readAuditKey(path);
}

export const auditKeyPath = (keyDir: string) => join(keyDir, KEY_FILE);

/** The key as it is, never made: a checker must not invent the key it checks with. */
export function readAuditKey(path: string): Buffer {
  const key = readFileSync(path);
  if (key.length !== CHAIN_KEY_BYTES) {
    throw new AuditKeyError(
      `${path} holds ${key.length} bytes, not ${CHAIN_KEY_BYTES}: restore it from its backup`,
    );
  }
  return key;
}
