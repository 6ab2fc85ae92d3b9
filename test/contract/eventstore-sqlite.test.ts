import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AllSubscription, EventStore } from '../../src/eventstore/port.js';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../../src/eventstore/port.js';
import type { BatchStats } from '../../src/eventstore/sqlite/append-batch.js';
import { SCHEMA_VERSION } from '../../src/eventstore/sqlite/schema.js';
import type { SqliteEventStoreOptions } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { spawnAppender } from '../fault/spawn-appender.js';
import { runEventStoreContract } from './eventstore.contract.js';

runEventStoreContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'yunsupei-es-'));
  const path = join(dir, 'events.db');
  const opened: EventStore[] = [];
  const openOne = () => {
    const store = openSqliteEventStore({ path, pollIntervalMs: 50 });
    opened.push(store);
    return store;
  };
  return {
    store: openOne(),
    reopen: async () => openOne(),
    cleanup: async () => {
      for (const store of opened) await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite event store', () => {
  let dir: string;
  let path: string;
  const toClose: { close(): unknown }[] = [];
  const open = (options: Partial<SqliteEventStoreOptions> = {}) => {
    const store = openSqliteEventStore({ path, pollIntervalMs: 50, ...options });
    toClose.push(store);
    return store;
  };
  const raw = () => {
    const db = new Database(path);
    db.defaultSafeIntegers(true);
    toClose.push(db);
    return db;
  };
  const one = (n: number) => [{ type: 'Numbered', data: { n } }];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yunsupei-es-'));
    path = join(dir, 'nested', 'events.db');
  });
  afterEach(async () => {
    for (const item of toClose.splice(0).reverse()) await item.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates its folder, uses WAL and records the schema version', async () => {
    const store = open();
    expect(await store.headPosition()).toBe(-1n);
    const db = raw();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(BigInt(SCHEMA_VERSION));
  });

  it('refuses a file written by a newer schema, naming the file', async () => {
    await open().close();
    raw().pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    expect(() => openSqliteEventStore({ path })).toThrow(EventStoreUnavailableError);
    expect(() => openSqliteEventStore({ path })).toThrow(path);
  });

  it('commits appends that arrive together in one transaction', async () => {
    const batches: BatchStats[] = [];
    const store = open({ onCommit: (stats) => batches.push(stats) });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        store.append(`group-${i}`, one(i), { expectedRevision: 'no_stream' }),
      ),
    );
    expect(batches).toEqual([{ appends: 100, failed: 0, events: 100, durationMs: expect.any(Number) }]);
    expect(results.map((r) => r.position)).toEqual(Array.from({ length: 100 }, (_, i) => BigInt(i + 1)));
    expect(await store.headPosition()).toBe(100n);
  });

  it('fails a conflicting append of a batch alone, judging each against those before it', async () => {
    const batches: BatchStats[] = [];
    const store = open({ onCommit: (stats) => batches.push(stats) });
    const taken = await store.append('taken', one(0));
    batches.length = 0;
    const takenId = (await store.readStream('taken'))[0]!.id;

    const outcomes = await Promise.allSettled([
      store.append('a', one(1), { expectedRevision: 'no_stream' }),
      store.append('b', one(2), { expectedRevision: 'no_stream' }),
      store.append('a', one(3), { expectedRevision: 'no_stream' }),
      store.append('c', one(4), { expectedRevision: 0n }),
      store.append('b', one(5), { expectedRevision: 0n }),
      // Its second event reuses an id: the savepoint must take back its first event too.
      store.append('d', [
        { type: 'Numbered', data: { n: 6 } },
        { id: takenId, type: 'Numbered', data: { n: 7 } },
      ]),
      store.append('a', one(8), { expectedRevision: 0n }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const reasons = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(reasons[0]).toMatchObject({ stream: 'a', expected: 'no_stream', actual: 0n });
    expect(reasons[1]).toMatchObject({ stream: 'c', expected: 0n, actual: 'no_stream' });
    expect(reasons[1]).toBeInstanceOf(WrongExpectedVersionError);
    expect(reasons[2]).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(batches).toEqual([{ appends: 4, failed: 3, events: 4, durationMs: expect.any(Number) }]);

    const all = await store.readAll({ fromPosition: taken.position + 1n });
    expect(all.map((e) => [e.stream, e.revision, e.data.n])).toEqual([
      ['a', 0n, 1],
      ['b', 0n, 2],
      ['b', 1n, 5],
      ['a', 1n, 8],
    ]);
    expect(await store.readStream('d')).toEqual([]);
  });

  it('keeps UNIQUE(stream, revision) as the last line of defence', async () => {
    const store = open();
    await store.append('guarded', [...one(1), ...one(2)]);
    const db = raw();
    expect(() =>
      db
        .prepare(
          `INSERT INTO events (id, stream, revision, type, data, metadata, time)
           VALUES ('0190a000-0000-7000-8000-000000000000', 'guarded', 1, 'Forged', '{}', '{}', 0)`,
        )
        .run(),
    ).toThrow(/UNIQUE constraint failed: events.stream, events.revision/);

    // A streams row that lags behind its events must not let an append overwrite history.
    db.prepare(`UPDATE streams SET revision = 0 WHERE stream = 'guarded'`).run();
    const [forged, bystander] = await Promise.allSettled([
      store.append('guarded', one(3), { expectedRevision: 0n }),
      store.append('bystander', one(4)),
    ]);
    expect(forged).toMatchObject({ status: 'rejected', reason: { code: 'SQLITE_CONSTRAINT_UNIQUE' } });
    expect(bystander.status).toBe('fulfilled');
    expect((await store.readStream('guarded')).map((e) => e.data.n)).toEqual([1, 2]);
  });

  it('reports the position of the last event on an append of no events, or -1n for no stream', async () => {
    const store = open();
    const written = await store.append('s', [...one(1), ...one(2)]);
    await store.append('other', one(3));
    expect(await store.append('s', [], { expectedRevision: 1n })).toEqual(written);
    expect(await store.append('none', [], { expectedRevision: 'no_stream' })).toEqual({
      nextExpectedRevision: -1n,
      position: -1n,
    });
  });

  it('rejects bad input in append without touching the batch it would have joined', async () => {
    const store = open();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const outcomes = await Promise.allSettled([
      store.append('', one(1)),
      store.append('s', [{ type: '', data: {} }]),
      store.append('s', [{ type: 'Cyclic', data: cyclic as never }]),
      store.append('s', [{ id: 'not-a-uuid', type: 'Numbered', data: { n: 3 } }]),
      store.append('s', [{ type: 'Numbered', data: null as never }]),
      store.append('s', one(2)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect(outcomes.slice(0, 5).map((o) => o.status === 'rejected' && o.reason instanceof TypeError)).toEqual(
      [true, true, true, true, true],
    );
    expect((await store.readAll()).map((e) => e.data.n)).toEqual([2]);
  });

  it('fails a whole batch as unavailable when the write lock cannot be had, then recovers', async () => {
    const store = open({ busyTimeoutMs: 50 });
    await store.append('s', one(1));
    const blocker = raw();
    blocker.exec('BEGIN IMMEDIATE');
    const outcomes = await Promise.allSettled([store.append('s', one(2)), store.append('t', one(3))]);
    expect(
      outcomes.map((o) => o.status === 'rejected' && o.reason instanceof EventStoreUnavailableError),
    ).toEqual([true, true]);
    blocker.exec('ROLLBACK');
    expect((await store.append('s', one(4), { expectedRevision: 0n })).nextExpectedRevision).toBe(1n);
    expect((await store.readAll()).map((e) => e.data.n)).toEqual([1, 4]);
  });

  it('checks expected revisions across connections to the same file', async () => {
    const first = open();
    const second = open();
    await first.append('shared', one(0));
    const outcomes = await Promise.allSettled([
      first.append('shared', one(1), { expectedRevision: 0n }),
      second.append('shared', one(2), { expectedRevision: 0n }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { actual: 1n } });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? first : second).append('shared', one(10 + i))),
    );
    expect((await second.readStream('shared')).map((e) => e.revision)).toEqual(
      Array.from({ length: 22 }, (_, i) => BigInt(i)),
    );
  });

  it('catches up across many pages, filtered or not', async () => {
    const store = open();
    await Promise.all(
      Array.from({ length: 1200 }, (_, i) =>
        store.append(`page-${i % 3}`, [{ type: i % 100 === 0 ? 'Rare' : 'Common', data: { n: i } }]),
      ),
    );
    const everything = store.subscribeToAll();
    const rare = store.subscribeToAll({ filter: { eventTypes: ['Rare'] } });
    const take = async (subscription: AllSubscription, count: number) => {
      const iterator = subscription[Symbol.asyncIterator]();
      const numbers: unknown[] = [];
      while (numbers.length < count) numbers.push((await iterator.next()).value?.data.n);
      return numbers;
    };
    expect(await take(everything, 1200)).toEqual(Array.from({ length: 1200 }, (_, i) => i));
    expect(await take(rare, 12)).toEqual(Array.from({ length: 12 }, (_, i) => i * 100));
  });

  it('wakes a waiting subscription on a commit or a close, not at the next poll', async () => {
    const store = open({ pollIntervalMs: 60_000 });
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    const started = Date.now();
    const first = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.append('s', one(1));
    expect((await first).value).toMatchObject({ data: { n: 1 } });
    const waiting = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.close();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('delivers to a subscription the events another connection appends to the file', async () => {
    const watcher = open();
    const writer = open();
    const subscription = watcher.subscribeToAll({ filter: { streamPrefixes: ['elsewhere-'] } });
    const iterator = subscription[Symbol.asyncIterator]();
    const waiting = iterator.next();
    await writer.append('elsewhere-1', one(1));
    expect((await waiting).value).toMatchObject({ stream: 'elsewhere-1', data: { n: 1 } });
    await subscription.close();
  });

  it('delivers to a subscription the events another process appends to the file', async () => {
    const watcher = open();
    const checkpoint = await watcher.append('local', one(0));
    const subscription = watcher.subscribeToAll({ fromPosition: checkpoint.position });
    const iterator = subscription[Symbol.asyncIterator]();
    const child = spawnAppender(path, 'remote-', { writers: 2, appendsPerWriter: 3 });
    const received = [];
    for (let i = 0; i < 6; i++) {
      const result = await iterator.next();
      if (result.done) break;
      received.push(result.value);
    }
    const exit = await child.exited;
    expect(exit).toMatchObject({ code: 0 });
    await subscription.close();
    expect(received.map((e) => [e.stream, e.revision, e.position])).toEqual(
      [...child.acks]
        .sort((a, b) => (a.position < b.position ? -1 : 1))
        .map((a) => [a.stream, a.revision, a.position]),
    );
  });
});
