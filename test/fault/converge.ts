import Database from 'better-sqlite3';
import { pino } from 'pino';
import type { EventStore } from '../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { streamId } from '../../src/projections/projection.js';
import { Projector } from '../../src/projections/projector.js';
import { loadDefinitions } from '../../src/search/definitions.js';
import { MAX_PAGE_SIZE, type SearchDocument, type SearchIndex } from '../../src/search/port.js';
import { openSqliteSearchIndex } from '../../src/search/sqlite/sqlite-search-index.js';

/** Index → document id → document. */
export type IndexContents = Record<string, Record<string, SearchDocument>>;

const silent = pino({ level: 'silent' });

/**
 * Every document of every index, read page by page. Throws when an index yields an id twice, so a
 * duplicated document cannot hide in the map.
 */
export async function indexContents(search: SearchIndex): Promise<IndexContents> {
  const contents: IndexContents = {};
  for (const index of loadDefinitions().keys()) {
    const documents: Record<string, SearchDocument> = {};
    for (let page = 1; ; page++) {
      const result = await search.search(index, { page, pageSize: MAX_PAGE_SIZE });
      for (const hit of result.hits) {
        if (documents[hit.id]) throw new Error(`${index}: document ${hit.id} appears twice`);
        documents[hit.id] = hit;
      }
      if (page * MAX_PAGE_SIZE >= result.total) break;
    }
    contents[index] = documents;
  }
  return contents;
}

/**
 * The contents as they must converge. A vendor profile is folded from several streams, so its revision is
 * the `$all` position of the batch that built it, which depends on where batches happened to end: it is
 * left out; every other attribute must match.
 */
export function comparable(contents: IndexContents): IndexContents {
  const vendors = Object.entries(contents.vendors ?? {}).map(([id, { revision: _, ...rest }]) => [id, rest]);
  // Match lists are ranked with corpus statistics taken when a refresh happened to run and carry the time
  // they were computed, so two runs over the same events agree only after a rescoring pass: they converge
  // by rebuild (test/unit/matching/match-lists.test.ts), not batch by batch, and are left out here.
  const { need_matches: _needLists, solution_matches: _solutionLists, ...rest } = contents;
  return { ...rest, vendors: Object.fromEntries(vendors) };
}

/** What the projections make of the whole store from nothing: a fresh projector into an in-memory index. */
export async function referenceContents(store: EventStore): Promise<IndexContents> {
  const search = openSqliteSearchIndex({ path: ':memory:' });
  for (const definition of loadDefinitions().values()) await search.applySettings(definition);
  const projector = new Projector({ store, search, logger: silent });
  await projector.start();
  try {
    if (!(await projector.waitFor(await store.headPosition(), 30_000))) throw new Error('reference lags');
    return await indexContents(search);
  } finally {
    await projector.stop();
    await search.close();
  }
}

/** The contents of a stopped server's search.db next to what its events.db says they must be. */
export async function compareDataDir(dataDir: string) {
  const store = openSqliteEventStore({ path: `${dataDir}/events.db` });
  const search = openSqliteSearchIndex({ path: `${dataDir}/search.db` });
  try {
    const events = await store.readAll();
    const needIds = new Set(events.map((e) => streamId(e.stream, 'need-')).filter((id) => id !== null));
    return {
      events,
      needIds: [...needIds].sort(),
      indexed: comparable(await indexContents(search)),
      reference: comparable(await referenceContents(store)),
    };
  } finally {
    await search.close();
    await store.close();
  }
}

/** SQLite's own check of a database file: 'ok' when intact. */
export function integrityCheck(path: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
}

/** Polls /readyz until the projections have caught up with the store. */
export async function projectionsCaughtUp(
  request: (method: string, path: string) => Promise<Response>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request('GET', '/readyz');
    const body = (await res.json()) as { checks: { name: string; projectionLag?: { positions: string } }[] };
    const lag = body.checks.find((c) => c.name === 'search')?.projectionLag?.positions;
    if (res.status === 200 && lag === '0') return;
    if (Date.now() > deadline) throw new Error(`projections still behind: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
