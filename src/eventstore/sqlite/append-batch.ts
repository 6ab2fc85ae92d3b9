import type Database from 'better-sqlite3';
import type { Clock } from '../../domain/shared/ids.js';
import { uuidv7 } from '../../domain/shared/ids.js';
import type { ActualRevision, AppendResult, ExpectedRevision } from '../port.js';
import { satisfiesExpected, WrongExpectedVersionError } from '../port.js';
import { chainMac, GENESIS } from './chain.js';
import type { Outcome } from './group-commit.js';

/** An append as queued: JSON already serialized, so that bad input fails in `append`, not in the batch. */
export interface PendingAppend {
  stream: string;
  expectedRevision: ExpectedRevision;
  events: { id: string | undefined; type: string; data: string; metadata: string }[];
}

export interface BatchStats {
  appends: number;
  failed: number;
  events: number;
  durationMs: number;
}

interface StreamRow {
  revision: bigint;
  position: bigint;
}

/** Where the next row goes: the last position handed out and the MAC of the last row. */
interface ChainHead {
  position: bigint;
  mac: Buffer;
}

/** Thrown out of a batch written without savepoints when an append failed after writing part of itself. */
class NeedsSavepoints extends Error {}

/**
 * Returns the function that writes a batch of appends in one IMMEDIATE transaction. Each append checks
 * its expected revision against the file as it stands inside the transaction (earlier appends of the
 * batch included, and appends from other processes, since the write lock is held), so a conflicting
 * append fails alone and the others commit.
 *
 * A revision conflict is found before anything is written, so batches go without savepoints (two
 * statements fewer per append). Any other failure (a reused event id, a broken UNIQUE(stream, revision))
 * may strike after part of an append is written: the batch is then rolled back and written again with
 * one SAVEPOINT per append, so that the failing append is taken back alone.
 *
 * With a key, each row is sealed with its chain MAC in the same INSERT (chain.ts). The MAC covers the
 * row's position, so positions are handed out here as AUTOINCREMENT would (one past the highest ever
 * used, from sqlite_sequence), read once per batch under the write lock: another process may have
 * appended since our last batch.
 */
export function createBatchWriter(
  db: Database.Database,
  clock: Clock,
  key: Buffer | undefined,
  onCommit: (stats: BatchStats) => void,
): (appends: PendingAppend[]) => Outcome<AppendResult>[] {
  const streamOf = db.prepare<[string], StreamRow>('SELECT revision, position FROM streams WHERE stream = ?');
  const headOf = db.prepare<[], { position: bigint | null; mac: Buffer | null }>(
    `SELECT (SELECT seq FROM sqlite_sequence WHERE name = 'events') AS position,
            (SELECT mac FROM events ORDER BY position DESC LIMIT 1) AS mac`,
  );
  const insertEvent = db.prepare<
    [bigint, string, string, bigint, string, string, string, number, Buffer | null]
  >(
    `INSERT INTO events (position, id, stream, revision, type, data, metadata, time, mac)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const saveStream = db.prepare<[string, bigint, bigint]>(
    `INSERT INTO streams (stream, revision, position) VALUES (?, ?, ?)
     ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, position = excluded.position`,
  );
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const savepoint = db.prepare('SAVEPOINT append');
  const release = db.prepare('RELEASE append');
  const rollbackToSavepoint = db.prepare('ROLLBACK TO append');

  const readHead = (): ChainHead => {
    const row = headOf.get()!;
    return { position: row.position ?? 0n, mac: row.mac ?? GENESIS };
  };

  /** Writes one append after `head`; returns where the chain then stands, for the next append. */
  const writeOne = (append: PendingAppend, now: Date, head: ChainHead): [AppendResult, ChainHead] => {
    const current = streamOf.get(append.stream);
    const actual: ActualRevision = current ? current.revision : 'no_stream';
    if (!satisfiesExpected(append.expectedRevision, actual)) {
      throw new WrongExpectedVersionError(append.stream, append.expectedRevision, actual);
    }
    if (append.events.length === 0) {
      return [{ nextExpectedRevision: current?.revision ?? -1n, position: current?.position ?? -1n }, head];
    }
    let revision = current ? current.revision : -1n;
    let { position, mac } = head;
    const time = now.getTime();
    for (const event of append.events) {
      revision += 1n;
      position += 1n;
      const row = {
        position,
        id: event.id ?? uuidv7(time),
        stream: append.stream,
        revision,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        time,
      };
      const sealed = key ? chainMac(key, mac, row) : null;
      insertEvent.run(position, row.id, row.stream, revision, row.type, row.data, row.metadata, time, sealed);
      if (sealed) mac = sealed;
    }
    saveStream.run(append.stream, revision, position);
    return [
      { nextExpectedRevision: revision, position },
      { position, mac },
    ];
  };

  const writeBatch = (appends: PendingAppend[], now: Date, guarded: boolean): Outcome<AppendResult>[] => {
    begin.run();
    try {
      let head = readHead();
      const outcomes = appends.map((append): Outcome<AppendResult> => {
        if (guarded) savepoint.run();
        try {
          const [value, next] = writeOne(append, now, head);
          head = next;
          if (guarded) release.run();
          return { ok: true, value };
        } catch (error) {
          if (!(error instanceof WrongExpectedVersionError)) {
            if (!guarded) throw new NeedsSavepoints();
            rollbackToSavepoint.run();
          }
          if (guarded) release.run();
          return { ok: false, error };
        }
      });
      commit.run();
      return outcomes;
    } catch (error) {
      if (db.inTransaction) rollback.run();
      throw error;
    }
  };

  return (appends) => {
    const started = performance.now();
    const now = clock();
    let outcomes: Outcome<AppendResult>[];
    try {
      outcomes = writeBatch(appends, now, false);
    } catch (error) {
      if (!(error instanceof NeedsSavepoints)) throw error;
      outcomes = writeBatch(appends, now, true);
    }
    let appended = 0;
    let events = 0;
    appends.forEach((append, i) => {
      if (!outcomes[i]!.ok) return;
      appended += 1;
      events += append.events.length;
    });
    onCommit({
      appends: appended,
      failed: appends.length - appended,
      events,
      durationMs: performance.now() - started,
    });
    return outcomes;
  };
}
