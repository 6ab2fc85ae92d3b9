import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../../../src/eventstore/port.js';
import { verifyChain } from '../../../src/eventstore/sqlite/chain-verify.js';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite/sqlite-event-store.js';

describe('the audit chain of the SQLite event store', () => {
  let dir: string;
  let path: string;
  const key = randomBytes(32);
  const opened: EventStore[] = [];
  /** With `null`, as tests and tools open it: no key, no chain. */
  const open = (chainKey: Buffer | null = key) => {
    const store = openSqliteEventStore({ path, chainKey: chainKey ?? undefined });
    opened.push(store);
    return store;
  };
  /** Three streams, written in several appends: positions 1..7. */
  const fill = async (store: EventStore) => {
    await store.append('need-a', [{ type: 'NeedDrafted', data: { title: '智慧园区' } }]);
    await store.append('need-b', [
      { type: 'NeedDrafted', data: { title: '能耗监测' } },
      { type: 'NeedPublished', data: {} },
    ]);
    await store.append('need-a', [{ type: 'NeedPublished', data: {} }], { expectedRevision: 0n });
    await Promise.all([
      store.append('user-1', [{ type: 'UserSignedIn', data: { ip: '10.0.0.1' } }]),
      store.append('user-1', [{ type: 'UserSignedIn', data: { ip: '10.0.0.2' } }]),
      store.append('need-b', [{ type: 'NeedClosed', data: {} }], { expectedRevision: 1n }),
    ]);
  };
  const raw = (sql: string) => {
    const db = new Database(path);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  };
  const closeAll = async () => {
    for (const store of opened.splice(0)) await store.close();
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'yunsupei-chain-'));
    path = join(dir, 'events.db');
  });
  afterEach(async () => {
    await closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given an intact store, verify counts every event', async () => {
    await fill(open());
    await closeAll();
    expect(verifyChain(path, key)).toMatchObject({ intact: true, events: 7, sealedThrough: 0n });
  });

  it('given two processes appending to one file in turn, the chain runs through both', async () => {
    const first = open();
    const second = open();
    for (let n = 0; n < 5; n++) {
      await first.append('need-a', [{ type: 'NeedEdited', data: { n } }]);
      await second.append('need-b', [{ type: 'NeedEdited', data: { n } }]);
    }
    await closeAll();
    expect(verifyChain(path, key)).toMatchObject({ intact: true, events: 10 });
  });

  it('given one event whose data was changed with SQL, verify names that event', async () => {
    await fill(open());
    await closeAll();
    raw(`UPDATE events SET data = '{"title":"能耗监测（改）"}' WHERE stream = 'need-b' AND revision = 0`);
    expect(verifyChain(path, key)).toEqual({
      intact: false,
      events: 1,
      problem: { kind: 'altered', row: { position: 2n, stream: 'need-b', revision: 0n } },
    });
  });

  it('given an event whose time was changed, verify names it', async () => {
    await fill(open());
    await closeAll();
    raw('UPDATE events SET time = time - 86400000 WHERE position = 5');
    expect(verifyChain(path, key)).toMatchObject({
      intact: false,
      problem: { kind: 'altered', row: { position: 5n } },
    });
  });

  it('given one event removed from the middle, verify names the gap and the record after it', async () => {
    await fill(open());
    await closeAll();
    raw('DELETE FROM events WHERE position = 4');
    expect(verifyChain(path, key)).toEqual({
      intact: false,
      events: 3,
      problem: {
        kind: 'missing',
        from: 4n,
        to: 4n,
        before: { position: 5n, stream: expect.any(String), revision: expect.any(BigInt) },
      },
    });
  });

  it('given the newest event removed, verify says the end is missing', async () => {
    await fill(open());
    await closeAll();
    raw('DELETE FROM events WHERE position = 7');
    expect(verifyChain(path, key)).toEqual({
      intact: false,
      events: 6,
      problem: { kind: 'missing', from: 7n, to: 7n, before: null },
    });
  });

  it('given a row removed and the later ones renumbered, verify names the first renumbered one', async () => {
    await fill(open());
    await closeAll();
    raw(
      'DELETE FROM events WHERE position = 3; UPDATE events SET position = position - 1 WHERE position > 3',
    );
    expect(verifyChain(path, key)).toMatchObject({
      intact: false,
      problem: { kind: 'altered', row: { position: 3n } },
    });
  });

  it('given another key, verify says the key is wrong and the store refuses to open', async () => {
    await fill(open());
    await closeAll();
    const other = randomBytes(32);
    expect(verifyChain(path, other)).toEqual({ intact: false, events: 0, problem: { kind: 'wrong-key' } });
    expect(() => open(other)).toThrow(/not the key this file was sealed with/);
  });

  it('given a chained store opened without the key, it reads but refuses appends', async () => {
    await fill(open());
    await closeAll();
    const store = open(null);
    expect(await store.headPosition()).toBe(7n);
    await expect(store.append('need-x', [{ type: 'NeedDrafted', data: {} }])).rejects.toThrow(
      /appends need its key/,
    );
    await closeAll();
    expect(verifyChain(path, key)).toMatchObject({ intact: true, events: 7 });
  });

  it('given events written before the chain existed, the first open with a key seals them once', async () => {
    await fill(open(null));
    await closeAll();
    expect(verifyChain(path, key)).toEqual({ intact: false, events: 0, problem: { kind: 'unchained' } });

    const store = open();
    await store.append('need-c', [{ type: 'NeedDrafted', data: { title: '视觉质检' } }]);
    await closeAll();
    expect(verifyChain(path, key)).toMatchObject({ intact: true, events: 8, sealedThrough: 7n });

    // Sealing is once: a row whose MAC is taken away later is reported, never sealed again.
    raw('UPDATE events SET mac = NULL WHERE position = 8');
    expect(() => open()).toThrow(/newest event \(position 8\) has no audit MAC/);
    expect(verifyChain(path, key)).toMatchObject({
      intact: false,
      problem: { kind: 'unsealed', row: { position: 8n } },
    });
  });

  it('given events sealed, the events themselves are not rewritten by sealing', async () => {
    const stored = () => {
      const db = new Database(path);
      try {
        return db
          .prepare('SELECT position, id, stream, revision, type, data, metadata, time FROM events')
          .all();
      } finally {
        db.close();
      }
    };
    await fill(open(null));
    await closeAll();
    const before = stored();
    open();
    await closeAll();
    expect(stored()).toEqual(before);
  });
});
