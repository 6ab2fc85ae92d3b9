import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { readMatchDataset } from '../../../bench/match-real-path.js';
import { evaluateRealPath } from '../../../bench/match-real-systems.js';
import { loadNeed, loadSolution } from '../../../src/application/listing-loader.js';
import { Projector } from '../../../src/projections/projector.js';
import { loadDefinitions } from '../../../src/search/definitions.js';
import { openSqliteSearchIndex } from '../../../src/search/sqlite/sqlite-search-index.js';
import { createMarketplace, staff } from '../application/marketplace.js';

const logger = pino({ level: 'silent' });

/**
 * The dev-set targets through the real path, as `npm run eval:match` measures them: listings created, submitted
 * and approved through the services, projected into a search index, matched by retrieval and scoring.
 * Organizations are registered straight through their decider here (no password hashing), to stay fast.
 */
describe('matching quality through the real path', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('reaches nDCG@10 ≥ 0.95 on the dev set and never falls below bigram BM25', async () => {
    const dataset = readMatchDataset('src/seed/match-dev.json');
    const market = createMarketplace();
    const search = openSqliteSearchIndex({ path: ':memory:', logger });
    cleanups.push(async () => {
      await search.close();
      await market.close();
    });
    for (const definition of loadDefinitions().values()) await search.applySettings(definition);
    const ids = new Map<string, string>();
    for (const need of dataset.needs) {
      const org = await market.verifiedOrg(need.orgName, 'demander', need.city);
      const { key, orgName: _name, orgKind: _kind, ...fields } = need;
      ids.set(
        key,
        (await loadNeed(market.deps, market.deps.newId(), fields, { owner: org, reviewer: staff })).id,
      );
    }
    const vendors = new Map<string, Awaited<ReturnType<typeof market.verifiedOrg>>>();
    for (const vendor of dataset.vendors)
      vendors.set(vendor.key, await market.verifiedOrg(vendor.name, 'vendor', vendor.city));
    for (const solution of dataset.solutions) {
      const { key, vendor, ...fields } = solution;
      const owner = vendors.get(vendor)!;
      ids.set(
        key,
        (await loadSolution(market.deps, market.deps.newId(), fields, { owner, reviewer: staff })).id,
      );
    }
    const projector = new Projector({ store: market.store, search, logger });
    await projector.start();
    expect(await projector.waitFor(await market.store.headPosition(), 10_000)).toBe(true);
    await projector.stop();

    const judgments = new Map(dataset.needs.map((n) => [ids.get(n.key)!, new Map<string, number>()]));
    for (const { need, solution, grade } of dataset.qrels)
      judgments.get(ids.get(need)!)!.set(ids.get(solution)!, grade);
    const rows = await evaluateRealPath({
      deps: market.deps,
      search,
      needIds: [...judgments.keys()],
      judgments,
    });
    const matcher = rows.find((r) => r.system.startsWith('matcher'))!;
    const bigram = rows.find((r) => r.system.startsWith('bigram'))!;
    expect(matcher.ndcg10).toBeGreaterThanOrEqual(0.95);
    expect(matcher.ndcg10).toBeGreaterThanOrEqual(bigram.ndcg10);
  }, 30_000);
});
