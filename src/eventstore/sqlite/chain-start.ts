import type Database from 'better-sqlite3';
import { assertChainKey, type ChainedRow, chainMac, GENESIS, keyCheck } from './chain.js';

interface ChainRow {
  key_check: Buffer;
  sealed_through: bigint;
}

const SEAL_PAGE = 1000;

/**
 * Makes the file ready for appends with `key` (or without one), or refuses it with the reason:
 * - a chained file opened with another key would append rows that break the chain;
 * - a chained file whose newest row has no MAC was written without the key or altered.
 * Returns whether the file may take appends: a chained file opened without a key is for reading only
 * (tests and tools read a store the server wrote), since its appends would break the chain.
 * A file opened with a key for the first time has its rows sealed now, in position order, in one
 * transaction, and the chain records up to where that was: those rows' MACs prove nothing about what
 * happened to them before.
 */
export function startChain(db: Database.Database, key: Buffer | undefined, now: () => Date): boolean {
  const chainOf = db.prepare<[], ChainRow>('SELECT key_check, sealed_through FROM chain WHERE id = 1');
  if (!key) return !chainOf.get();
  assertChainKey(key);
  db.transaction(() => {
    const chain = chainOf.get();
    if (chain) return assertSameKey(db, chain, key);
    sealExisting(db, key);
    db.prepare<[Buffer, number]>(
      `INSERT INTO chain (id, key_check, sealed_through, started)
       VALUES (1, ?, coalesce((SELECT max(position) FROM events), 0), ?)`,
    ).run(keyCheck(key), now().getTime());
  }).immediate();
  return true;
}

function assertSameKey(db: Database.Database, chain: ChainRow, key: Buffer): void {
  if (!chain.key_check.equals(keyCheck(key))) {
    throw new Error(
      'the audit key (YUNSUPEI_KEY_DIR/audit.key) is not the key this file was sealed with: ' +
        'restore the keys dir from its backup',
    );
  }
  const head = db
    .prepare<[], { position: bigint; sealed: bigint }>(
      'SELECT position, mac IS NOT NULL AS sealed FROM events ORDER BY position DESC LIMIT 1',
    )
    .get();
  if (head && !head.sealed) {
    throw new Error(
      `the newest event (position ${head.position}) has no audit MAC: it was written without the key ` +
        'or altered; run yunsupei audit verify',
    );
  }
}

function sealExisting(db: Database.Database, key: Buffer): void {
  const page = db.prepare<[bigint, number], ChainedRow>(
    `SELECT position, id, stream, revision, type, data, metadata, time FROM events
     WHERE position > ? ORDER BY position LIMIT ?`,
  );
  const seal = db.prepare<[Buffer, bigint]>('UPDATE events SET mac = ? WHERE position = ?');
  let previous = GENESIS;
  let after = 0n;
  for (let rows = page.all(after, SEAL_PAGE); rows.length > 0; rows = page.all(after, SEAL_PAGE)) {
    for (const row of rows) {
      previous = chainMac(key, previous, row);
      seal.run(previous, row.position);
      after = row.position;
    }
  }
}
