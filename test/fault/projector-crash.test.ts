import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, uuidv7 } from '../../src/domain/shared/ids.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { Projector } from '../../src/projections/projector.js';
import { systemContext } from '../../src/runtime.js';
import { loadDefinitions } from '../../src/search/definitions.js';
import type { SearchIndex } from '../../src/search/port.js';
import { openSqliteSearchIndex } from '../../src/search/sqlite/sqlite-search-index.js';
import { datasetSlice, demoDataset } from '../../src/seed/demo-dataset.js';
import { seedDemo } from '../../src/seed/demo-seed.js';
import { comparable, compareDataDir, indexContents, integrityCheck } from './converge.js';
import { seedPanelsAndSignIns } from './panels-and-sign-ins.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const silent = pino({ level: 'silent' });
const BATCH_SIZE = 10;

interface ProjectorRun {
  /** Index → the last checkpoint the child reported committed. */
  committed: Map<string, bigint>;
  batches: number;
  exit: { code: number | null; signal: NodeJS.Signals | null; caughtUp: boolean; errors: string[] };
}

/** Runs test/fault/projector.ts; with `killAfter`, SIGKILLs it as soon as it has reported that many batches. */
function runProjector(dataDir: string, killAfter?: number): Promise<ProjectorRun> {
  const child = spawn(
    process.execPath,
    ['bin/run-ts.js', 'test/fault/projector.ts', dataDir, String(BATCH_SIZE)],
    {
      cwd: repoRoot,
      // stdout carries the child's batch protocol; info logs (match-list rescoring passes) would read as errors.
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const committed = new Map<string, bigint>();
  const errors: string[] = [];
  let batches = 0;
  let caughtUp = false;
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      const [tag, index, checkpoint] = line.split(' ');
      if (tag === 'batch' && index && checkpoint) {
        committed.set(index, BigInt(checkpoint));
        if (++batches === killAfter) child.kill('SIGKILL');
      } else if (line === 'caught-up') caughtUp = true;
      else if (line.trim()) errors.push(line);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => errors.push(chunk));
  return new Promise((resolve) =>
    child.on('close', (code, signal) =>
      resolve({ committed, batches, exit: { code, signal, caughtUp, errors } }),
    ),
  );
}

function storedCheckpoints(dataDir: string): Map<string, bigint | null> {
  const db = new Database(join(dataDir, 'search.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT uid, position FROM _checkpoints').all() as {
      uid: string;
      position: string;
    }[];
    return new Map(rows.map((r) => [r.uid, BigInt(r.position)]));
  } finally {
    db.close();
  }
}

/**
 * Rows per table of each index: a document written twice, or a stray FTS or value row left by a batch
 * half-applied, shows as a count apart from the documents'.
 */
function rowCounts(dataDir: string) {
  const db = new Database(join(dataDir, 'search.db'), { readonly: true });
  try {
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    return [...loadDefinitions().keys()].map((uid) => ({
      uid,
      documents: count(`SELECT count(*) FROM "s_${uid}_docs"`),
      ids: count(`SELECT count(DISTINCT id) FROM "s_${uid}_docs"`),
      json: count(`SELECT count(*) FROM "s_${uid}_json"`),
      fts: count(`SELECT count(*) FROM "s_${uid}_fts"`),
      strayValues: count(
        `SELECT count(*) FROM "s_${uid}_values" WHERE rid NOT IN (SELECT rid FROM "s_${uid}_docs")`,
      ),
    }));
  } finally {
    db.close();
  }
}

/** How far the indexes got, all together: grows with every committed batch. */
const progress = (checkpoints: Map<string, bigint | null>) =>
  [...checkpoints.values()].reduce<bigint>((sum, c) => sum + (c ?? -1n), 0n);

describe('the projector killed between a batch and its checkpoint', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yunsupei-projector-crash-'));
    // Organizations, needs, solutions, a campaign, engagements in every state and cases, then review panels
    // and sign-ins for the security log: every index (~850 events).
    const store = openSqliteEventStore({ path: join(dir, 'events.db'), synchronous: 'NORMAL' });
    const deps = { store, clock: systemClock, newId: () => uuidv7(), logger: silent };
    const staff = systemContext('fault-test');
    const password = 'demo-password-1';
    const demo = await seedDemo(deps, staff, { password, dataset: datasetSlice(demoDataset, 15) });
    await seedPanelsAndSignIns(deps, staff, demo, password);
    await store.close();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loses and duplicates nothing over repeated SIGKILLs mid-stream', async () => {
    let previous = -1n;
    for (const killAfter of [5, 40, 17, 60]) {
      const run = await runProjector(dir, killAfter);
      expect(run.exit.signal, run.exit.errors.join('\n')).toBe('SIGKILL');
      expect(run.exit.caughtUp).toBe(false);
      const stored = storedCheckpoints(dir);
      for (const [index, checkpoint] of run.committed) {
        // What the child reported committed survived the kill.
        expect(stored.get(index)! >= checkpoint, index).toBe(true);
      }
      // Each run picked up from the checkpoints the previous one left and got further.
      expect(progress(stored) > previous).toBe(true);
      previous = progress(stored);
    }
    const last = await runProjector(dir);
    expect(last.exit, last.exit.errors.join('\n')).toMatchObject({ code: 0, caughtUp: true, errors: [] });

    expect(integrityCheck(join(dir, 'search.db'))).toBe('ok');
    for (const { documents, ...counts } of rowCounts(dir)) {
      expect(counts).toEqual({
        uid: counts.uid,
        ids: documents,
        json: documents,
        fts: documents,
        strayValues: 0,
      });
    }
    const { indexed, reference } = await compareDataDir(dir);
    // The demo runs no 云速配 match round, sends no invitation and saves no search; every other index has
    // documents to lose or duplicate.
    const seeded = Object.entries(indexed).filter(
      ([index]) => !['match_rounds', 'invitations', 'subscriptions'].includes(index),
    );
    expect(
      seeded.filter(([, documents]) => Object.keys(documents).length === 0).map(([index]) => index),
    ).toEqual([]);
    for (const index of Object.keys(reference)) expect(indexed[index], index).toEqual(reference[index]);
  });

  it('converges when a backend tears a batch: documents written, checkpoint not', async () => {
    // The SQLite adapter commits a batch and its checkpoint together; a backend that cannot (two requests)
    // fails between them. The projector must resume from the old checkpoint and rewrite the same documents.
    const store = openSqliteEventStore({ path: join(dir, 'events.db') });
    const inner = openSqliteSearchIndex({ path: ':memory:' });
    for (const definition of loadDefinitions().values()) await inner.applySettings(definition);
    let calls = 0;
    let torn = 0;
    const tearing: SearchIndex = {
      ...inner,
      async applyBatch(index, batch, checkpoint) {
        calls += 1;
        if (calls % 11 !== 0 || torn >= 3) return inner.applyBatch(index, batch, checkpoint);
        torn += 1;
        if (batch.deletes?.length) await inner.delete(index, batch.deletes);
        if (batch.upserts?.length) await inner.upsert(index, batch.upserts);
        throw new Error(`torn batch ${torn} on ${index}`);
      },
    };
    const logs: Record<string, unknown>[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => logs.push(JSON.parse(line)) });
    const projector = new Projector({ store, search: tearing, logger, batchSize: 50 });
    await projector.start();
    try {
      expect(await projector.waitFor(await store.headPosition(), 30_000)).toBe(true);
      expect(torn).toBe(3);
      expect(logs.map((l) => l.msg)).toEqual(Array(3).fill('projector failed; resubscribing'));
      const { reference } = await compareDataDir(dir);
      expect(comparable(await indexContents(inner))).toEqual(reference);
    } finally {
      await projector.stop();
      await inner.close();
      await store.close();
    }
  });
});
