import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { BARE_PATH, withBareEndpoint } from '../../../bench/bare-endpoint.js';
import { keywordRequests, rawSearch } from '../../../bench/search-workload.js';
import { syntheticCorpus } from '../../../bench/synthetic-corpus.js';
import { loadDefinitions } from '../../../src/search/definitions.js';
import { openSqliteSearchIndex } from '../../../src/search/sqlite/sqlite-search-index.js';
import { createTestApi } from '../../api/support.js';

const dir = mkdtempSync(join(tmpdir(), 'yunsupei-bare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bare FTS5 endpoint of the search HTTP benchmark', () => {
  it('answers beside the product app, whose pages answer any other path outside /api/ with a 404 page', async () => {
    const api = await createTestApi();
    const fetch = withBareEndpoint(api.app.fetch, (request) => ({ asked: request }));
    const bare = await fetch(new Request(`http://127.0.0.1${BARE_PATH}?q=冷链&city=370100`), {});
    expect(bare.status).toBe(200);
    expect(await bare.json()).toEqual({ asked: { q: '冷链', city: '370100' } });
    const product = await fetch(new Request('http://127.0.0.1/api/v1/needs?q=冷链'), {});
    expect(product.status).toBe(200);
  });

  it('runs raw FTS5 on the tables the adapter wrote and finds what the keywords name', async () => {
    const path = join(dir, 'search.db');
    const search = openSqliteSearchIndex({ path, logger: pino({ level: 'silent' }) });
    await search.applySettings(loadDefinitions().get('needs')!);
    await search.upsert('needs', syntheticCorpus({ needs: 300, solutions: 0, seed: 3 }).needs);
    const db = new Database(path, { readonly: true });
    const raw = rawSearch(db);
    const found = keywordRequests(40, 3).map((request) => raw.prepare(request)());
    expect(found.some((r) => r.total > 0)).toBe(true);
    for (const r of found) expect(r.hits.length).toBe(Math.min(20, r.total));
    db.close();
    await search.close();
  });
});
