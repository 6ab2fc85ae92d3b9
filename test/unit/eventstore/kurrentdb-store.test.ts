import { describe, expect, it } from 'vitest';
import { kurrentDbEventStore } from '../../../src/eventstore/kurrentdb/kurrentdb-event-store.js';
import type { EventStore } from '../../../src/eventstore/port.js';
import { runEventStoreContract } from '../../contract/eventstore.contract.js';
import { FakeKurrentDb } from './fake-kurrentdb.js';

// The adapter's own logic (mapping, paging past system events, resubscription, lifecycle) against the
// shared contract; the server's side is an in-memory stand-in. The real server runs it in
// test/contract/eventstore-kurrentdb.test.ts when KURRENTDB_URL is set.
runEventStoreContract('kurrentdb adapter over an in-memory server', async () => {
  const server = new FakeKurrentDb();
  const opened: EventStore[] = [];
  const openOne = async () => {
    const store = kurrentDbEventStore(server.client(), 'kurrentdb://fake:2113?tls=false', undefined);
    opened.push(store);
    return store;
  };
  return {
    store: await openOne(),
    reopen: openOne,
    cleanup: async () => {
      for (const store of opened) await store.close();
    },
  };
});

describe('KurrentDB adapter over an in-memory server', () => {
  it('finds the head position behind a tail of system events, and -1n before any of ours', async () => {
    const store = kurrentDbEventStore(new FakeKurrentDb().client(), 'kurrentdb://fake', undefined);
    expect(await store.headPosition()).toBe(-1n);
    expect(await store.readAll()).toEqual([]);
    const written = await store.append('need-1', [{ type: 'NeedSubmitted', data: {} }]);
    expect(await store.headPosition()).toBe(written.position);
    await store.close();
  });

  it('pages through $all when system events thin a page', async () => {
    const store = kurrentDbEventStore(new FakeKurrentDb().client(), 'kurrentdb://fake', undefined);
    for (let n = 0; n < 150; n++) await store.append(`need-${n}`, [{ type: 'NeedSubmitted', data: { n } }]);
    const page = await store.readAll({ maxCount: 120 });
    expect(page.map((e) => e.data.n)).toEqual(Array.from({ length: 120 }, (_, n) => n));
    const rest = await store.readAll({ fromPosition: page.at(-1)!.position + 1n });
    expect(rest.map((e) => e.data.n)).toEqual(Array.from({ length: 30 }, (_, n) => 120 + n));
    await store.close();
  });
});
