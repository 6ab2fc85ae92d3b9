import Database from 'better-sqlite3';
import { type ChainedRow, chainMac, GENESIS, keyCheck } from './chain.js';

/** Where a row sits in the store, to name it. */
export interface RowPlace {
  position: bigint;
  stream: string;
  revision: bigint;
}

export type ChainBreak =
  /** The file has no chain yet: no process opened it with a key. */
  | { kind: 'unchained' }
  | { kind: 'wrong-key' }
  /** The row's content or MAC is not what was sealed. */
  | { kind: 'altered'; row: RowPlace }
  /** The row has no MAC although rows before it do. */
  | { kind: 'unsealed'; row: RowPlace }
  /** Positions from..to are gone; `before` is the first row after them, null when they were the newest. */
  | { kind: 'missing'; from: bigint; to: bigint; before: RowPlace | null };

export type ChainVerdict =
  | {
      intact: true;
      events: number;
      sealedThrough: bigint;
      started: Date;
      /** The newest row and its MAC: written down elsewhere, it lets a later check find the end cut off. */
      head: { position: bigint; mac: Buffer } | null;
    }
  | { intact: false; events: number; problem: ChainBreak };

interface VerifiedRow extends ChainedRow {
  mac: Buffer | null;
}

const PROGRESS_EVERY = 1000;

function checkRow(row: VerifiedRow, expected: bigint, previous: Buffer, key: Buffer): ChainBreak | null {
  const place = { position: row.position, stream: row.stream, revision: row.revision };
  if (row.position !== expected)
    return { kind: 'missing', from: expected, to: row.position - 1n, before: place };
  if (!row.mac) return { kind: 'unsealed', row: place };
  if (!chainMac(key, previous, row).equals(row.mac)) return { kind: 'altered', row: place };
  return null;
}

/**
 * Walks the events of the file at `path` in position order and recomputes every MAC of the audit chain
 * (chain.ts), in one read transaction, so a store in use is checked as of one moment. `events` counts
 * the rows found intact before the first break. Positions are handed out one after another and never
 * reused, so a missing position is a removed row; removing the newest rows shows as the sequence having
 * gone past the last row.
 */
export function verifyChain(
  path: string,
  key: Buffer,
  onProgress: (checked: number, total: number) => void = () => {},
): ChainVerdict {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.defaultSafeIntegers(true);
    db.exec('BEGIN');
    const hasChain = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'chain'").get();
    const chain = hasChain
      ? db
          .prepare<[], { key_check: Buffer; sealed_through: bigint; started: bigint }>(
            'SELECT key_check, sealed_through, started FROM chain WHERE id = 1',
          )
          .get()
      : undefined;
    if (!chain) return { intact: false, events: 0, problem: { kind: 'unchained' } };
    if (!chain.key_check.equals(keyCheck(key))) {
      return { intact: false, events: 0, problem: { kind: 'wrong-key' } };
    }
    const highest =
      db.prepare<[], bigint | null>("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck().get() ??
      0n;
    const total = Number(highest);
    const rows = db
      .prepare<[], VerifiedRow>(
        'SELECT position, id, stream, revision, type, data, metadata, time, mac FROM events ORDER BY position',
      )
      .iterate();
    let previous = GENESIS;
    let expected = 1n;
    let events = 0;
    for (const row of rows) {
      const problem = checkRow(row, expected, previous, key);
      if (problem) {
        rows.return?.();
        return { intact: false, events, problem };
      }
      previous = row.mac!;
      expected += 1n;
      events += 1;
      if (events % PROGRESS_EVERY === 0) onProgress(events, total);
    }
    if (expected <= highest) {
      return {
        intact: false,
        events,
        problem: { kind: 'missing', from: expected, to: highest, before: null },
      };
    }
    onProgress(events, total);
    return {
      intact: true,
      events,
      sealedThrough: chain.sealed_through,
      started: new Date(Number(chain.started)),
      head: events > 0 ? { position: expected - 1n, mac: previous } : null,
    };
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
    db.close();
  }
}
