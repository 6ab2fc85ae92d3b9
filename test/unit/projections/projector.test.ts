import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { applyToNeed, shortlistEngagement } from '../../../src/application/engagement-service.js';
import { suspendOrganization } from '../../../src/application/organization-service.js';
import { retireSolution } from '../../../src/application/solution-service.js';
import { allProjections } from '../../../src/projections/all-projections.js';
import { Projector } from '../../../src/projections/projector.js';
import { rebuildIndex } from '../../../src/projections/rebuild.js';
import { vendorsProjection } from '../../../src/projections/vendors-projection.js';
import { loadDefinitions } from '../../../src/search/definitions.js';
import type { SearchIndex } from '../../../src/search/port.js';
import { openSqliteSearchIndex } from '../../../src/search/sqlite/sqlite-search-index.js';
import { createMarketplace, staff } from '../application/marketplace.js';

const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });

async function openSearch(): Promise<SearchIndex> {
  const search = openSqliteSearchIndex({ path: ':memory:', logger });
  for (const definition of loadDefinitions().values()) await search.applySettings(definition);
  return search;
}

describe('projector', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup() {
    const market = createMarketplace();
    const search = await openSearch();
    const projector = new Projector({ store: market.store, search, logger });
    await projector.start();
    cleanups.push(async () => {
      await projector.stop();
      await search.close();
      await market.close();
    });
    const caughtUp = async () => {
      const head = await market.store.headPosition();
      expect(await projector.waitFor(head, 5000)).toBe(true);
    };
    return { market, search, projector, caughtUp };
  }

  it('projects a published need so that a Chinese keyword finds it, with its organization name', async () => {
    const { market, search, caughtUp } = await setup();
    const demander = await market.verifiedOrg('淄博鲁中精工汽车零部件有限公司', 'demander', 'zibo');
    const need = await market.approvedNeed(demander);
    await caughtUp();

    const result = await search.search('needs', {
      q: '视觉检测',
      filter: { field: 'status', op: 'eq', value: 'published' },
    });
    expect(result.hits.map((h) => h.id)).toEqual([need.id]);
    expect(result.hits[0]).toMatchObject({
      orgName: '淄博鲁中精工汽车零部件有限公司',
      city: 'zibo',
      engagementCount: 0,
    });
    expect(result.hits[0]).not.toHaveProperty('contact');
  });

  it('keeps vendor profiles, solutions and engagements in step with what happens to them', async () => {
    const { market, search, caughtUp } = await setup();
    const demander = await market.verifiedOrg('需求方', 'demander', 'zibo');
    const vendor = await market.verifiedOrg('济南智衡工业软件有限公司', 'vendor', 'jinan');
    const need = await market.approvedNeed(demander);
    const solution = await market.publishedSolution(vendor);
    const engagement = await applyToNeed(market.deps, vendor, need.id, {
      solutionId: solution.id,
      proposal: '我们已在多家冲压件工厂部署视觉检测系统，可三个月上线。',
      quoteWan: 80,
    });
    await shortlistEngagement(market.deps, demander, engagement.id);
    await caughtUp();

    expect(await search.get('engagements', engagement.id)).toMatchObject({
      status: 'shortlisted',
      needTitle: need.title,
      vendorName: '济南智衡工业软件有限公司',
    });
    expect(await search.get('needs', need.id)).toMatchObject({ engagementCount: 1 });
    expect(await search.get('vendors', vendor.actor.orgId!)).toMatchObject({
      name: '济南智衡工业软件有限公司',
      solutionCount: 1,
      technologies: ['ai'],
      citiesServed: ['*'],
      engagementsByStatus: { shortlisted: 1 },
    });

    await suspendOrganization(market.deps, staff, vendor.actor.orgId!, { reason: '资质材料过期，暂停服务' });
    await retireSolution(market.deps, vendor, solution.id).catch(() => undefined);
    await caughtUp();
    expect(await search.get('solutions', solution.id)).toMatchObject({ vendorStatus: 'suspended' });
    expect(await search.get('vendors', vendor.actor.orgId!)).toMatchObject({ status: 'suspended' });
  });

  it('resumes from its checkpoints after a restart without duplicating documents', async () => {
    const { market, search, projector, caughtUp } = await setup();
    const demander = await market.verifiedOrg('需求方', 'demander', 'zibo');
    await market.approvedNeed(demander);
    await caughtUp();
    await projector.stop();

    await market.approvedNeed(demander, { title: '冷链物流温度监测与追溯' });
    const restarted = new Projector({ store: market.store, search, logger });
    await restarted.start();
    cleanups.push(() => restarted.stop());
    expect(await restarted.waitFor(await market.store.headPosition(), 5000)).toBe(true);

    const all = await search.search('needs', {});
    expect(all.total).toBe(2);
    expect((await search.search('needs', { q: '冷链' })).total).toBe(1);
  });

  it('rebuilds an index into a fresh copy and swaps it in with the same documents', async () => {
    const { market, search, caughtUp } = await setup();
    const vendor = await market.verifiedOrg('服务商甲', 'vendor', 'jinan');
    await market.publishedSolution(vendor);
    await market.publishedSolution(vendor, { title: '设备预测性维护平台' });
    await caughtUp();
    const before = await search.get('vendors', vendor.actor.orgId!);

    const progress = await rebuildIndex(market.store, search, vendorsProjection);
    expect(progress.position).toBe(await market.store.headPosition());
    const after = await search.get('vendors', vendor.actor.orgId!);
    expect({ ...after, revision: 0 }).toEqual({ ...before, revision: 0 });
  });

  it('reports how far it is behind the store', async () => {
    const { market, projector, caughtUp } = await setup();
    await market.verifiedOrg('需求方', 'demander', 'zibo');
    await caughtUp();
    expect(await projector.lag()).toEqual({ positions: 0n, seconds: 0 });
    expect(allProjections.map((p) => p.index)).toEqual([
      'campaigns',
      'cases',
      'engagements',
      'solutions',
      'needs',
      'vendors',
      'match_rounds',
      'organizations',
      'need_matches',
      'solution_matches',
      'invitations',
      'ranking_facts',
      'subscriptions',
      'activity',
      'panels',
      'security_log',
    ]);
  });
});
