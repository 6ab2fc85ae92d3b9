import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openKurrentDbEventStore } from '../../src/eventstore/kurrentdb/kurrentdb-event-store.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { EventStoreUnavailableError } from '../../src/eventstore/port.js';
import { runEventStoreContract } from './eventstore.contract.js';

const url = process.env.KURRENTDB_URL;

// Without a server (no Docker here) the contract is listed as skipped rather than silently absent.
describe.skipIf(!url)('KurrentDB (KURRENTDB_URL)', () => {
  runEventStoreContract('kurrentdb', async () => {
    const opened: EventStore[] = [];
    const openOne = async () => {
      const store = await openKurrentDbEventStore({ connectionString: url! });
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
});

describe('KurrentDB event store start-up', () => {
  const failure = async (connectionString: string, connectTimeoutMs?: number) => {
    const started = Date.now();
    const error = await openKurrentDbEventStore({ connectionString, connectTimeoutMs }).then(
      () => expect.unreachable('opening should fail'),
      (error: unknown) => error,
    );
    return { error, elapsedMs: Date.now() - started };
  };

  it('fails within 5 s with one line naming the URL when nothing listens there', async () => {
    const { error, elapsedMs } = await failure('kurrentdb://127.0.0.1:1?tls=false');
    expect(elapsedMs).toBeLessThan(5000);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    const { message } = error as Error;
    expect(message).toMatch(/^KurrentDB at kurrentdb:\/\/127\.0\.0\.1:1\?tls=false is unreachable: \S/);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('\n');
  });

  it('fails within 5 s when the host name does not resolve, and keeps the password out of the message', async () => {
    const { error, elapsedMs } = await failure('kurrentdb://admin:s3cret@kurrentdb.invalid:2113?tls=false');
    expect(elapsedMs).toBeLessThan(5000);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).toContain(
      'KurrentDB at kurrentdb://admin:***@kurrentdb.invalid:2113?tls=false',
    );
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('gives up on a server that accepts connections but never answers', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket)).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as AddressInfo;
    try {
      const { error, elapsedMs } = await failure(`kurrentdb://127.0.0.1:${port}?tls=false`, 500);
      expect(elapsedMs).toBeLessThan(2000);
      expect((error as Error).message).toBe(
        `KurrentDB at kurrentdb://127.0.0.1:${port}?tls=false is unreachable: no answer within 500 ms`,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('names the connection string when it cannot be parsed', async () => {
    const { error } = await failure('http://not-a-kurrentdb-url');
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).toContain('http://not-a-kurrentdb-url');
  });
});
