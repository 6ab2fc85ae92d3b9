import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { type Ack, spawnAppender } from './spawn-appender.js';

/** Lets a writer run until it has acknowledged `acks` appends, then SIGKILLs it mid-write. */
async function killAfter(path: string, prefix: string, acks: number): Promise<Ack[]> {
  const appender = spawnAppender(path, prefix, {
    writers: 8,
    appendsPerWriter: 0,
    onAck: (_, total) => {
      if (total === acks) appender.child.kill('SIGKILL');
    },
  });
  const deadline = setTimeout(() => appender.child.kill('SIGKILL'), 8000);
  const exit = await appender.exited;
  clearTimeout(deadline);
  // A writer that died by itself shows why on stderr.
  expect(exit.signal, exit.stderr).toBe('SIGKILL');
  expect(appender.acks.length, exit.stderr).toBeGreaterThanOrEqual(acks);
  return appender.acks;
}

describe('SQLite event store under SIGKILL', () => {
  let dir: string;
  let path: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yunsupei-crash-'));
    path = join(dir, 'events.db');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged append, twice in a row, with the file intact', async () => {
    // The second writer starts on the file the first one left behind mid-transaction.
    const acks = [...(await killAfter(path, 'first-', 1000)), ...(await killAfter(path, 'second-', 1000))];

    const store = openSqliteEventStore({ path });
    const all = await store.readAll();
    const recorded = new Map(all.map((e) => [`${e.stream}@${e.revision}`, e.position]));
    const lost = acks.filter((a) => recorded.get(`${a.stream}@${a.revision}`) !== a.position);
    expect(lost).toEqual([]);

    for (let i = 1; i < all.length; i++) expect(all[i]!.position > all[i - 1]!.position).toBe(true);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    const streams = new Set(all.map((e) => e.stream));
    expect(streams.size).toBe(16);
    for (const stream of streams) {
      const events = await store.readStream(stream);
      // Each writer appended n = revision; an append in flight at the kill is either whole or absent.
      expect(events.map((e) => e.data.n)).toEqual(events.map((_, i) => i));
      expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => BigInt(i)));
      // The streams table agrees with the events: the next exact revision is accepted.
      const last = events.at(-1)!.revision;
      expect(
        (
          await store.append(stream, [{ type: 'Appended', data: { n: Number(last) + 1 } }], {
            expectedRevision: last,
          })
        ).nextExpectedRevision,
      ).toBe(last + 1n);
    }
    await store.close();

    const db = new Database(path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
