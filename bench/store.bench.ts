/**
 * Group commit against its baseline: W concurrent writers append one small event at a time, each to its
 * own stream with an exact expected revision, into a fresh temp file with WAL and synchronous=FULL.
 * "naive" runs the same writers on raw better-sqlite3 with one IMMEDIATE transaction (one fsync) per append.
 * Run: npm run bench:store
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { uuidv7 } from '../src/domain/shared/ids.js';
import { migrate } from '../src/eventstore/sqlite/schema.js';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import { type Figure, report } from './results.js';

const WRITER_COUNTS = [1, 16, 64];
const REPETITIONS = 3;
const RUN_MS = 600;

type Append = (stream: string, expected: bigint | 'no_stream', n: number) => Promise<bigint>;

interface Subject {
  name: 'adapter' | 'naive';
  open(path: string): { append: Append; close(): Promise<void>; note(): string };
}

const payload = (n: number) => ({ n, title: '智慧园区能耗监测', city: '济南' });

const adapter: Subject = {
  name: 'adapter',
  open(path) {
    let batches = 0;
    let appends = 0;
    const store = openSqliteEventStore({
      path,
      synchronous: 'FULL',
      // As the runtime opens it: every row sealed with its audit chain MAC.
      chainKey: randomBytes(32),
      onCommit: (stats) => {
        batches += 1;
        appends += stats.appends;
      },
    });
    return {
      append: async (stream, expectedRevision, n) =>
        (await store.append(stream, [{ type: 'Measured', data: payload(n) }], { expectedRevision }))
          .nextExpectedRevision,
      close: () => store.close(),
      note: () => `${(appends / Math.max(batches, 1)).toFixed(1)} appends/commit`,
    };
  },
};

const naive: Subject = {
  name: 'naive',
  open(path) {
    const db = new Database(path, { timeout: 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.defaultSafeIntegers(true);
    migrate(db);
    const current = db.prepare<[string], bigint>('SELECT revision FROM streams WHERE stream = ?').pluck();
    const insert = db.prepare<[string, string, bigint, string, string, string, number], { position: bigint }>(
      `INSERT INTO events (id, stream, revision, type, data, metadata, time)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING position`,
    );
    const save = db.prepare<[string, bigint, bigint]>(
      `INSERT INTO streams (stream, revision, position) VALUES (?, ?, ?)
       ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, position = excluded.position`,
    );
    const appendOne = db.transaction((stream: string, expected: bigint | 'no_stream', n: number) => {
      const revision = current.get(stream) ?? 'no_stream';
      if (revision !== expected) throw new Error(`${stream}: expected ${expected}, found ${revision}`);
      const next = revision === 'no_stream' ? 0n : revision + 1n;
      const now = Date.now();
      const row = insert.get(uuidv7(now), stream, next, 'Measured', JSON.stringify(payload(n)), '{}', now)!;
      save.run(stream, next, row.position);
      return next;
    });
    return {
      append: async (stream, expected, n) => appendOne.immediate(stream, expected, n),
      close: async () => {
        db.close();
      },
      note: () => '1 append/commit',
    };
  },
};

async function run(subject: Subject, writers: number): Promise<{ perSecond: number; note: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'yunsupei-bench-'));
  const target = subject.open(join(dir, 'events.db'));
  let events = 0;
  const started = performance.now();
  const deadline = started + RUN_MS;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      let expected: bigint | 'no_stream' = 'no_stream';
      for (let n = 0; performance.now() < deadline; n++) {
        expected = await target.append(`bench-${w}`, expected, n);
        events += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const note = target.note();
  await target.close();
  rmSync(dir, { recursive: true, force: true });
  return { perSecond: events / elapsed, note };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const format = (perSecond: number) => Math.round(perSecond).toLocaleString('en-US').padStart(9);

const sqliteVersion =
  (new Database(':memory:').prepare('SELECT sqlite_version()').pluck().get() as string) ?? '?';
console.log(
  `store bench: node ${process.version}, SQLite ${sqliteVersion}, files in ${tmpdir()}, WAL + synchronous=FULL, ` +
    `${REPETITIONS} runs of ${RUN_MS} ms per cell`,
);

const rows: { writers: number; adapter: number; naive: number }[] = [];
const figures: Figure[] = [];
for (const writers of WRITER_COUNTS) {
  const results: Record<Subject['name'], number[]> = { adapter: [], naive: [] };
  for (let rep = 1; rep <= REPETITIONS; rep++) {
    // Alternate the order so that neither side always runs on a warmer disk cache.
    for (const subject of rep % 2 ? [adapter, naive] : [naive, adapter]) {
      const { perSecond, note } = await run(subject, writers);
      results[subject.name].push(perSecond);
      console.log(
        `  ${String(writers).padStart(2)} writers  ${subject.name.padEnd(7)} run ${rep}/${REPETITIONS}: ` +
          `${format(perSecond)} events/s  (${note})`,
      );
    }
  }
  rows.push({ writers, adapter: median(results.adapter), naive: median(results.naive) });
  figures.push({
    name: `append, ${writers} concurrent writer${writers > 1 ? 's' : ''}`,
    unit: 'events/s',
    runs: results.adapter.map(Math.round),
    baseline: { name: 'naive: one transaction per append', runs: results.naive.map(Math.round) },
    ...(writers === 64 ? { targets: [{ on: 'ratio' as const, op: '>=' as const, value: 5 }] } : {}),
  });
}

console.log('\nwriters | adapter events/s | naive events/s | ratio   (medians)');
console.log('--------|------------------|----------------|------');
for (const row of rows) {
  console.log(
    `${String(row.writers).padStart(7)} | ${format(row.adapter).padStart(16)} | ${format(row.naive).padStart(14)} | ` +
      `${(row.adapter / row.naive).toFixed(1)}x`,
  );
}
const at64 = rows.find((r) => r.writers === 64);
if (at64) {
  const ratio = at64.adapter / at64.naive;
  console.log(
    `\ntarget at 64 writers: adapter >= 5x naive -> ${ratio.toFixed(1)}x ${ratio >= 5 ? 'met' : 'NOT met'}`,
  );
}
report({
  bench: 'store',
  setup: `SQLite ${sqliteVersion}, WAL + synchronous=FULL, ${REPETITIONS} runs of ${RUN_MS} ms per writer count`,
  figures,
});
