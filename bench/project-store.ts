import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import { matchListsOf } from '../src/matching/match-lists.js';
import type { Projection } from '../src/projections/projection.js';
import { Projector } from '../src/projections/projector.js';
import { loadDefinitions } from '../src/search/definitions.js';
import { openSqliteSearchIndex } from '../src/search/sqlite/sqlite-search-index.js';

export interface ProjectionRun {
  /** Events the projector went through (from its checkpoint to the head). */
  events: number;
  seconds: number;
  cpuSeconds: number;
}

const PROGRESS_EVERY_MS = 5000;

/** Removes the search index of a data folder, so that the next projection starts from the first event. */
export function removeSearchIndex(dir: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `search.db${suffix}`), { force: true });
}

/**
 * Runs the product's projector (every index, as `yunsupei serve` does inline, unless `projections` names
 * fewer) over the data folder's event store until its checkpoints reach the head, into `search.db` beside it.
 */
export async function projectToHead(
  dir: string,
  onProgress: (done: number, total: number) => void = () => undefined,
  projections?: Projection[],
): Promise<ProjectionRun> {
  const logger = pino({ level: 'warn' });
  const store = openSqliteEventStore({ path: join(dir, 'events.db'), synchronous: 'NORMAL' });
  const search = openSqliteSearchIndex({ path: join(dir, 'search.db'), logger });
  try {
    for (const definition of loadDefinitions().values()) await search.applySettings(definition);
    const head = await store.headPosition();
    const projector = new Projector({ store, search, logger, projections });
    const started = performance.now();
    const cpu = process.cpuUsage();
    await projector.start();
    // Positions start at 1; -1 means nothing projected yet.
    const from = (await projector.position()) < 0n ? 0n : await projector.position();
    const timer = setInterval(async () => {
      onProgress(Number((await projector.position()) - from), Number(head - from));
    }, PROGRESS_EVERY_MS);
    await projector.waitFor(head, 24 * 3_600_000);
    // Match lists are ranked once the projector has caught up (a rescoring pass): wait for them too.
    await matchListsOf(search, logger).idle();
    clearInterval(timer);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    await projector.stop();
    onProgress(Number(head - from), Number(head - from));
    return { events: Number(head - from), seconds, cpuSeconds: (used.user + used.system) / 1e6 };
  } finally {
    await search.close();
    await store.close();
  }
}
