import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readMatchDataset } from '../../../bench/match-real-path.js';
import type { RequestContext } from '../../../src/application/deps.js';
import {
  applyToNeed,
  confirmDelivery,
  rateEngagement,
  scheduleMeeting,
  shortlistEngagement,
  signEngagement,
} from '../../../src/application/engagement-service.js';
import { loadNeed, loadSolution } from '../../../src/application/listing-loader.js';
import { createMatchingService } from '../../../src/application/matching-service.js';
import { withdrawNeed } from '../../../src/application/need-service.js';
import { reinstateOrganization, suspendOrganization } from '../../../src/application/organization-service.js';
import { retireSolution } from '../../../src/application/solution-service.js';
import { defaultMatchingConfig } from '../../../src/matching/config.js';
import { isOfferable, isOpenNeed } from '../../../src/matching/eligibility.js';
import {
  type IndexRanking,
  needsForSolution,
  solutionsForNeed,
} from '../../../src/matching/index-ranking.js';
import { MatchLists, useMatchLists } from '../../../src/matching/match-lists.js';
import { vendorsById } from '../../../src/matching/retrieval.js';
import { analyzeListing } from '../../../src/matching/text-similarity.js';
import { needMatchedNotifier } from '../../../src/notifications/need-matched-notifier.js';
import { allResults } from '../../../src/projections/match-list-page.js';
import type { NeedMatchesDocument } from '../../../src/projections/need-matches-projection.js';
import { needMatchesProjection } from '../../../src/projections/need-matches-projection.js';
import type { NeedDocument } from '../../../src/projections/needs-projection.js';
import { Projector } from '../../../src/projections/projector.js';
import { readModel } from '../../../src/projections/read-models.js';
import { rebuildIndex } from '../../../src/projections/rebuild.js';
import type { SolutionMatchesDocument } from '../../../src/projections/solution-matches-projection.js';
import { solutionMatchesProjection } from '../../../src/projections/solution-matches-projection.js';
import type { SolutionDocument } from '../../../src/projections/solutions-projection.js';
import { loadDefinitions } from '../../../src/search/definitions.js';
import type { SearchIndex } from '../../../src/search/port.js';
import { openSqliteSearchIndex } from '../../../src/search/sqlite/sqlite-search-index.js';
import { indexTokens } from '../../../src/search/tokenizer.js';
import { createMarketplace, DAY, staff } from '../application/marketplace.js';

const logger = pino({ level: 'silent' });
const dataset = readMatchDataset('src/seed/match-dev.json');

async function all<T extends { id: string; revision: number }>(search: SearchIndex, index: string) {
  return (await search.search<T>(index, { pageSize: 1000 })).hits;
}

/**
 * The dev set through the real path (services, event store, projector, search index), with the match lists
 * kept by their projections: every stored list must give the top 10 that the on-demand pipeline gives with the
 * same statistics, at the moment the list says it was ranked, and must follow every kind of change.
 */
describe('stored match lists', () => {
  let market: ReturnType<typeof createMarketplace>;
  let search: SearchIndex;
  let lists: MatchLists;
  let projector: Projector;
  const ids = new Map<string, string>();
  const vendors = new Map<string, RequestContext>();
  const demanders = new Map<string, RequestContext>();

  beforeEach(async () => {
    market = createMarketplace();
    search = openSqliteSearchIndex({ path: ':memory:', logger });
    for (const definition of loadDefinitions().values()) await search.applySettings(definition);
    lists = useMatchLists(new MatchLists({ search, clock: market.deps.clock, logger }));
    for (const need of dataset.needs) {
      const org = await market.verifiedOrg(need.orgName, 'demander', need.city);
      demanders.set(need.key, org);
      const { key, orgName: _name, orgKind: _kind, ...fields } = need;
      const loaded = await loadNeed(market.deps, market.deps.newId(), fields, {
        owner: org,
        reviewer: staff,
      });
      ids.set(key, loaded.id);
    }
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
    projector = new Projector({ store: market.store, search, logger });
    await projector.start();
    await settled();
    // Changes counted while catching up would have the statistics recomputed again during a test, and every
    // list ranked anew: start from fresh statistics so that a test sees lists follow changes on their own.
    await lists.refresh();
  }, 60_000);

  afterEach(async () => {
    await projector.stop();
    await search.close();
    await market.close();
  });

  async function settled() {
    expect(await projector.waitFor(await market.store.headPosition(), 30_000)).toBe(true);
    await lists.idle();
  }

  async function ranking(): Promise<IndexRanking> {
    const config = defaultMatchingConfig;
    return {
      search,
      config,
      statistics: await lists.statistics(),
      vendors: (vendorIds) => vendorsById(search, vendorIds),
      analyze: (listing) => analyzeListing(listing, indexTokens, config.text),
    };
  }

  /** Demanders suspended now, from the organizations index. */
  async function suspendedDemanders() {
    const { hits } = await readModel(search, 'organizations').search({
      filter: { field: 'status', op: 'eq', value: 'suspended' },
      pageSize: 1000,
    });
    return hits.filter((org) => org.kind === 'demander').map((org) => org.id);
  }

  /**
   * Every open need (of a demander not suspended) and offerable solution has a list equal to on-demand's top
   * 10, with the suspended demanders' needs left out; nothing else has one.
   */
  async function expectListsAsOnDemand() {
    const now = market.deps.clock();
    const on = await ranking();
    const suspended = await suspendedDemanders();
    let needLists = 0;
    for (const need of await all<NeedDocument>(search, 'needs')) {
      const list = await readModel(search, 'need_matches').get(need.id);
      if (!isOpenNeed(need, now) || suspended.includes(need.orgId)) {
        expect(list, `list of closed need ${need.title}`).toBeNull();
        continue;
      }
      expect(list, `list of ${need.title}`).not.toBeNull();
      expect(list!.statisticsAt).toBe((await lists.statistics()).computedAt);
      const onDemand = await solutionsForNeed(on, need, { now: new Date(list!.computedAt), limit: 10 });
      expect(list!.results.slice(0, 10), need.title).toEqual(onDemand.matches);
      needLists += 1;
    }
    const solutions = await all<SolutionDocument>(search, 'solutions');
    const directory = await vendorsById(
      search,
      solutions.map((s) => s.vendorId),
    );
    let solutionLists = 0;
    for (const solution of await all<SolutionDocument>(search, 'solutions')) {
      const list = await readModel(search, 'solution_matches').get(solution.id);
      const vendor = directory.get(solution.vendorId);
      if (!isOfferable(solution, vendor)) {
        expect(list, `list of unofferable ${solution.title}`).toBeNull();
        continue;
      }
      expect(list, `list of ${solution.title}`).not.toBeNull();
      const onDemand = await needsForSolution(on, solution, vendor, {
        now: new Date(list!.computedAt),
        limit: 10,
        exceptOrgIds: suspended,
      });
      expect(list!.results.slice(0, 10), solution.title).toEqual(onDemand.matches);
      solutionLists += 1;
    }
    return { needLists, solutionLists };
  }

  async function needListsHolding(solutionId: string) {
    return (await all<NeedMatchesDocument>(search, 'need_matches')).filter((l) =>
      l.solutionIds.includes(solutionId),
    );
  }

  it('gives exactly the top 10 of the on-demand matcher with the same statistics', async () => {
    const { needLists, solutionLists } = await expectListsAsOnDemand();
    expect(needLists).toBe(dataset.needs.length);
    expect(solutionLists).toBe(dataset.solutions.length);
    const list = await readModel(search, 'need_matches').get(ids.get(dataset.needs[0]!.key)!);
    // The first page as it is, the rest packed; the whole list is the top 50.
    expect(list!.results.length).toBe(10);
    expect(allResults(list!).length).toBeGreaterThan(10);
    expect(allResults(list!).length).toBeLessThanOrEqual(50);
    expect(allResults(list!).map((r) => r.solutionId)).toEqual(list!.solutionIds);
  }, 60_000);

  it('follows a solution published, a need withdrawn, a solution retired and a vendor suspended', async () => {
    // A second, newer copy of a dev solution from a vendor of its own: it ranks where its original does.
    const statisticsAt = (await lists.statistics()).computedAt;
    const original = dataset.solutions[0]!;
    const newcomer = await market.verifiedOrg('潍坊新晋智能科技有限公司', 'vendor', 'weifang');
    const { key: _key, vendor: _vendor, ...fields } = original;
    market.advance(DAY);
    const published = await loadSolution(market.deps, market.deps.newId(), fields, {
      owner: newcomer,
      reviewer: staff,
    });
    await settled();
    expect((await needListsHolding(published.id)).length).toBeGreaterThan(0);
    await expectListsAsOnDemand();

    const withdrawn = ids.get(dataset.needs[0]!.key)!;
    await withdrawNeed(market.deps, demanders.get(dataset.needs[0]!.key)!, withdrawn);
    await settled();
    expect(await readModel(search, 'need_matches').get(withdrawn)).toBeNull();
    for (const list of await all<SolutionMatchesDocument>(search, 'solution_matches'))
      expect(list.needIds).not.toContain(withdrawn);
    await expectListsAsOnDemand();

    await retireSolution(market.deps, newcomer, published.id);
    await settled();
    expect(await needListsHolding(published.id)).toEqual([]);
    expect(await readModel(search, 'solution_matches').get(published.id)).toBeNull();
    await expectListsAsOnDemand();

    const suspended = vendors.get(original.vendor)!.actor.orgId!;
    await suspendOrganization(market.deps, staff, suspended, { reason: '资质材料过期，暂停服务' });
    await settled();
    for (const list of await all<NeedMatchesDocument>(search, 'need_matches'))
      expect(list.vendorIds).not.toContain(suspended);
    await expectListsAsOnDemand();
    expect((await lists.statistics()).computedAt, 'no refresh of statistics in between').toBe(statisticsAt);
  }, 120_000);

  it('rebuilds every list from scratch, as the projector keeps them', async () => {
    const stored = await all<NeedMatchesDocument>(search, 'need_matches');
    await rebuildIndex(market.store, search, needMatchesProjection);
    await rebuildIndex(market.store, search, solutionMatchesProjection);
    const rebuilt = await all<NeedMatchesDocument>(search, 'need_matches');
    const results = (lists: NeedMatchesDocument[]) =>
      new Map(lists.map((l) => [l.id, allResults(l).map((r) => [r.solutionId, r.score])]));
    expect(results(rebuilt)).toEqual(results(stored));
    const { needLists, solutionLists } = await expectListsAsOnDemand();
    expect([needLists, solutionLists]).toEqual([dataset.needs.length, dataset.solutions.length]);
  }, 60_000);

  it('ranks every list into the rebuilt copy when the events it replays are long past, and says how far it is', async () => {
    const stored = await all<NeedMatchesDocument>(search, 'need_matches');
    const storedOffers = await all<SolutionMatchesDocument>(search, 'solution_matches');
    // An hour on: every event is one a catch-up leaves to the rescoring pass, which the rebuild runs itself.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3_600_000);
    const progress: { done: number; total: number }[] = [];
    try {
      await rebuildIndex(market.store, search, needMatchesProjection, (p) => {
        if (p.completed) progress.push({ ...p.completed });
      });
      await rebuildIndex(market.store, search, solutionMatchesProjection);
    } finally {
      vi.useRealTimers();
    }
    const rebuilt = await all<NeedMatchesDocument>(search, 'need_matches');
    const results = (lists: NeedMatchesDocument[]) =>
      new Map(lists.map((l) => [l.id, allResults(l).map((r) => [r.solutionId, r.score])]));
    expect(rebuilt).toHaveLength(stored.length);
    expect(results(rebuilt)).toEqual(results(stored));
    expect(progress.at(-1)).toEqual({ done: stored.length, total: stored.length });
    expect(progress.length).toBeGreaterThan(1);
    const offers = await all<SolutionMatchesDocument>(search, 'solution_matches');
    expect(offers.map((l) => l.id).sort()).toEqual(storedOffers.map((l) => l.id).sort());
  }, 60_000);

  it('tells each vendor with a solution in a newly published need’s top 10, and no other (need.matched)', async () => {
    const needId = ids.get(dataset.needs[2]!.key)!;
    const events = await market.store.readStream(`need-${needId}`);
    const published = events.find((e) => e.type === 'NeedPublished')!;
    const ctx = { store: market.store, search, clock: market.deps.clock };
    const drafts = await needMatchedNotifier(published, ctx);
    const list = (await readModel(search, 'need_matches').get(needId))!;
    const topVendors = [...new Set(list.results.slice(0, 10).map((r) => r.vendorId))];
    expect(drafts.map((d) => d.recipients.orgIds![0]).sort()).toEqual(topVendors.sort());
    const outside = allResults(list)
      .slice(10)
      .map((r) => r.vendorId)
      .filter((v) => !topVendors.includes(v));
    expect(outside.length).toBeGreaterThan(0);
    for (const draft of drafts) {
      expect(draft).toMatchObject({ type: 'need.matched', link: `/needs/${needId}` });
      expect(draft.body).toContain(dataset.needs[2]!.title);
    }
    expect(await needMatchedNotifier(events.find((e) => e.type === 'NeedApproved')!, ctx)).toEqual([]);
  }, 60_000);

  it('recomputes the statistics once enough listings changed, and ranks every list again with them', async () => {
    const before = await lists.statistics();
    lists = useMatchLists(
      new MatchLists({ search, clock: market.deps.clock, logger, refreshAtLeast: 1, refreshShare: 0 }),
    );
    await lists.statistics();
    market.advance(DAY);
    const { key: _key, vendor, ...fields } = dataset.solutions[1]!;
    await loadSolution(market.deps, market.deps.newId(), fields, {
      owner: vendors.get(vendor)!,
      reviewer: staff,
    });
    await settled();
    const after = await lists.statistics();
    expect(after.computedAt).not.toBe(before.computedAt);
    expect(after.solutions.words.documentCount).toBe(before.solutions.words.documentCount + 1);
    for (const list of await all<NeedMatchesDocument>(search, 'need_matches'))
      expect(list.statisticsAt).toBe(after.computedAt);
    for (const list of await all<SolutionMatchesDocument>(search, 'solution_matches'))
      expect(list.statisticsAt).toBe(after.computedAt);
    await expectListsAsOnDemand();
  }, 120_000);

  it('follows a vendor delivering and being rated, and the need leaving when it is taken up', async () => {
    const need = dataset.needs[1]!;
    const needId = ids.get(need.key)!;
    const demander = demanders.get(need.key)!;
    const before = await readModel(search, 'need_matches').get(needId);
    const chosen = before!.results[0]!;
    const vendor = [...vendors.values()].find((v) => v.actor.orgId === chosen.vendorId)!;
    const applied = await applyToNeed(market.deps, vendor, needId, {
      solutionId: chosen.solutionId,
      proposal: '三个月内完成部署与培训',
      quoteWan: 60,
    });
    await shortlistEngagement(market.deps, demander, applied.id);
    await scheduleMeeting(market.deps, vendor, applied.id, {
      at: new Date(market.deps.clock().getTime() + DAY).toISOString(),
      location: '需求方会议室',
    });
    await signEngagement(market.deps, vendor, applied.id, { amountWan: 60 });
    await signEngagement(market.deps, demander, applied.id, { amountWan: 60 });
    await settled();
    expect(await readModel(search, 'need_matches').get(needId)).toBeNull();
    market.advance(2 * DAY);
    await confirmDelivery(market.deps, demander, applied.id);
    await rateEngagement(market.deps, demander, applied.id, { score: 5, comment: '交付及时' });
    await settled();
    const trackRecord = (list: NeedMatchesDocument) =>
      allResults(list)
        .find((r) => r.vendorId === chosen.vendorId)
        ?.reasons.find((r) => r.factor === 'trackRecord')?.detail;
    const lists = await all<NeedMatchesDocument>(search, 'need_matches');
    const holding = lists.filter((l) => l.vendorIds.includes(chosen.vendorId));
    expect(holding.length).toBeGreaterThan(0);
    for (const list of holding) expect(trackRecord(list)).toContain('已交付1个项目');
    await expectListsAsOnDemand();
  }, 120_000);

  it('leaves a need out of every list once its deadline has passed, with no event saying so', async () => {
    const matching = createMatchingService({ search, clock: market.deps.clock, logger });
    const { key, orgName: _name, orgKind: _kind, ...fields } = dataset.needs[0]!;
    const need = await loadNeed(
      market.deps,
      market.deps.newId(),
      { ...fields, title: `${fields.title}（二期）`, deadline: '2025-03-10' },
      { owner: demanders.get(key)!, reviewer: staff },
    );
    await settled();
    const holding = (await all<SolutionMatchesDocument>(search, 'solution_matches')).filter((l) =>
      l.needIds.includes(need.id),
    );
    expect(holding.length).toBeGreaterThan(0);
    const shown = async (solutionId: string, limit?: number) =>
      (await matching.matchesForSolution(staff.actor, solutionId, { ...(limit ? { limit } : {}) })).results;
    for (const list of holding) expect((await shown(list.id, 50)).map((r) => r.needId)).toContain(need.id);
    expect((await matching.matchesForNeed(staff.actor, need.id)).results.length).toBeGreaterThan(0);

    market.advance(9 * DAY);
    for (const list of holding) {
      expect((await shown(list.id, 50)).map((r) => r.needId)).not.toContain(need.id);
      // A page the need was on is filled from the rest of the list.
      expect((await shown(list.id)).length).toBe(Math.min(10, list.needIds.length - 1));
    }
    expect((await matching.matchesForNeed(staff.actor, need.id)).results).toEqual([]);

    // The next rescoring pass drops it from the stored lists too.
    await lists.refresh();
    expect(await readModel(search, 'need_matches').get(need.id)).toBeNull();
    for (const list of await all<SolutionMatchesDocument>(search, 'solution_matches'))
      expect(list.needIds).not.toContain(need.id);
    await expectListsAsOnDemand();
  }, 120_000);

  it('takes a suspended demander’s needs out of every list, and puts them back when it is reinstated', async () => {
    const { key } = dataset.needs[0]!;
    const needId = ids.get(key)!;
    const demander = demanders.get(key)!.actor.orgId!;
    const holding = async () =>
      (await all<SolutionMatchesDocument>(search, 'solution_matches'))
        .filter((l) => l.needIds.includes(needId))
        .map((l) => l.id)
        .sort();
    const before = await holding();
    expect(before.length).toBeGreaterThan(0);
    expect(await readModel(search, 'need_matches').get(needId)).not.toBeNull();

    await suspendOrganization(market.deps, staff, demander, { reason: '资质材料过期，暂停服务' });
    await settled();
    expect(await readModel(search, 'need_matches').get(needId)).toBeNull();
    expect(await holding()).toEqual([]);
    await expectListsAsOnDemand();

    await reinstateOrganization(market.deps, staff, demander);
    await settled();
    expect(await readModel(search, 'need_matches').get(needId)).not.toBeNull();
    expect(await holding()).toEqual(before);
    await expectListsAsOnDemand();
  }, 120_000);
});
