import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeCampaign,
  openCampaign,
  publishCampaignList,
} from '../../../src/application/campaign-service.js';
import { handleCommand } from '../../../src/application/command-handler.js';
import type { RequestContext } from '../../../src/application/deps.js';
import { planMatchRound } from '../../../src/application/match-round-plan.js';
import { createMatchRoundService, matchRoundStream } from '../../../src/application/match-round-service.js';
import { createMatchingService, type MatchingService } from '../../../src/application/matching-service.js';
import { matchRoundDecider } from '../../../src/domain/match-round/decider.js';
import type { MatchRoundEvent, MatchRoundStarted } from '../../../src/domain/match-round/events.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { defaultMatchingConfig } from '../../../src/matching/config.js';
import { Projector } from '../../../src/projections/projector.js';
import { loadDefinitions } from '../../../src/search/definitions.js';
import { openSqliteSearchIndex } from '../../../src/search/sqlite/sqlite-search-index.js';
import { createMarketplace, DAY, staff } from '../application/marketplace.js';

const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });

/** Variations on one scenario, so that every vendor fits every need and capacity decides who gets what. */
const needTitles = [
  '冲压件表面缺陷视觉检测',
  '铸件表面缺陷视觉检测',
  '注塑件表面缺陷视觉检测',
  '焊缝表面缺陷视觉检测',
];
const solutionTitles = ['工业视觉缺陷检测平台', '表面缺陷智能检测系统', '视觉质检一体机'];

describe('match rounds', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function marketplaceWithCampaign() {
    const market = createMarketplace();
    const search = openSqliteSearchIndex({ path: ':memory:', logger });
    for (const definition of loadDefinitions().values()) await search.applySettings(definition);
    const projector = new Projector({ store: market.store, search, logger });
    await projector.start();
    cleanups.push(async () => {
      await projector.stop();
      await search.close();
      await market.close();
    });
    const now = market.deps.clock().getTime();
    const campaign = await openCampaign(market.deps, staff, {
      title: '2025年第一批数字化应用场景征集',
      kind: 'both',
      opensAt: new Date(now).toISOString(),
      closesAt: new Date(now + 30 * DAY).toISOString(),
    });
    const demander = await market.verifiedOrg('淄博鲁中精工汽车零部件有限公司', 'demander', 'zibo');
    const needs = [];
    for (const title of needTitles)
      needs.push(await market.approvedNeed(demander, { title, campaignId: campaign.id }));
    const vendors: RequestContext[] = [];
    const solutionIds: string[] = [];
    for (const [i, title] of solutionTitles.entries()) {
      const vendor = await market.verifiedOrg(`青岛视微智能装备有限公司${i + 1}`, 'vendor', 'qingdao');
      vendors.push(vendor);
      solutionIds.push((await market.publishedSolution(vendor, { title })).id);
    }
    await closeCampaign(market.deps, staff, campaign.id);
    await publishCampaignList(market.deps, staff, campaign.id);
    expect(await projector.waitFor(await market.store.headPosition(), 5000)).toBe(true);
    const matching = createMatchingService({ search, clock: market.deps.clock, logger });
    return { market, search, projector, campaignId: campaign.id, needs, vendors, solutionIds, matching };
  }

  function roundsFor(world: Awaited<ReturnType<typeof marketplaceWithCampaign>>, matching?: MatchingService) {
    return createMatchRoundService({
      app: world.market.deps,
      search: world.search,
      matching: matching ?? world.matching,
      projections: world.projector,
      progressEvery: 2,
    });
  }

  it('recommends at most topK vendors per need and never a vendor beyond its capacity, and records it all', async () => {
    const world = await marketplaceWithCampaign();
    const rounds = roundsFor(world);
    const started = await rounds.start(staff, world.campaignId, { topK: 2, capacityPerVendor: 2 });
    expect(started.state).toMatchObject({ status: 'running', topK: 2, capacityPerVendor: 2 });
    await rounds.idle();

    const { state } = await rounds.get(staff, started.id);
    expect(state.status).toBe('completed');
    expect(state.progress).toEqual({ done: 4, total: 4 });
    expect(state.results.map((r) => r.needId)).toEqual(world.needs.map((n) => n.id));
    const perVendor = new Map<string, number>();
    for (const { recommendations } of state.results) {
      expect(recommendations.length).toBeLessThanOrEqual(2);
      expect(new Set(recommendations.map((r) => r.vendorId)).size).toBe(recommendations.length);
      for (const r of recommendations) perVendor.set(r.vendorId, (perVendor.get(r.vendorId) ?? 0) + 1);
    }
    // Three vendors of capacity 2 for four needs of two each: capacity binds, every vendor is used to the full.
    expect([...perVendor.values()]).toEqual([2, 2, 2]);
    expect(state.totalScore).toBeGreaterThanOrEqual(state.greedyScore!);

    const events = await world.market.store.readStream(matchRoundStream(started.id));
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('MatchRoundStarted');
    expect(types).toContain('MatchRoundProgressed');
    expect(types).toContain('MatchRoundResultsRecorded');
    expect(types.at(-1)).toBe('MatchRoundCompleted');
    expect(events[0]!.metadata).toMatchObject({ actor: staff.actor });
    expect(events[0]!.data).toMatchObject({ startedBy: staff.actor.userId, topK: 2, capacityPerVendor: 2 });
  });

  it('is reproducible from its events: folded back, and re-run with the parameters it recorded', async () => {
    const world = await marketplaceWithCampaign();
    const rounds = roundsFor(world);
    const { id } = await rounds.start(staff, world.campaignId, { topK: 2, capacityPerVendor: 1 });
    await rounds.idle();
    const read = await rounds.get(staff, id);

    const events = await world.market.store.readStream(matchRoundStream(id));
    const domainEvents = events.map((e) => ({ type: e.type, data: e.data }) as MatchRoundEvent);
    expect(fold(matchRoundDecider, domainEvents)).toEqual(read.state);

    const { data } = domainEvents[0] as MatchRoundStarted;
    const replay = await planMatchRound(
      {
        search: world.search,
        matching: createMatchingService({ search: world.search, clock: () => new Date(), logger }),
      },
      {
        needIds: data.needIds,
        topK: data.topK,
        capacityPerVendor: data.capacityPerVendor,
        now: new Date(data.at),
        settings: defaultMatchingConfig.round,
      },
    );
    expect(replay.results).toEqual(read.state.results);
    expect(replay.totalScore).toBe(read.state.totalScore);
    expect(replay.greedyScore).toBe(read.state.greedyScore);
  });

  it('turns a chosen recommendation into a recommended engagement, once', async () => {
    const world = await marketplaceWithCampaign();
    const rounds = roundsFor(world);
    const { id } = await rounds.start(staff, world.campaignId, { topK: 1, capacityPerVendor: 5 });
    await rounds.idle();
    const { state } = await rounds.get(staff, id);
    const { needId, recommendations } = state.results[0]!;
    const { solutionId, vendorId } = recommendations[0]!;

    const engagement = await rounds.engage(staff, id, { needId, solutionId });
    expect(engagement.state).toMatchObject({ status: 'recommended', needId, solutionId, vendorId });
    expect((await rounds.get(staff, id)).state.engaged).toEqual([
      expect.objectContaining({ needId, solutionId, vendorId, engagementId: engagement.id }),
    ]);
    await expect(rounds.engage(staff, id, { needId, solutionId })).rejects.toMatchObject({
      code: 'matchRound.already_engaged',
    });
    const notRecommended = world.solutionIds.find((s) => s !== solutionId)!;
    await expect(rounds.engage(staff, id, { needId, solutionId: notRecommended })).rejects.toMatchObject({
      code: 'matchRound.not_recommended',
    });
  });

  it('is for staff only, and needs a campaign with published needs', async () => {
    const world = await marketplaceWithCampaign();
    const rounds = roundsFor(world);
    await expect(
      rounds.start(world.vendors[0]!, world.campaignId, { topK: 2, capacityPerVendor: 1 }),
    ).rejects.toMatchObject({
      code: 'matchRound.staff_only',
      status: 403,
    });
    await expect(
      rounds.start(staff, world.campaignId, { topK: 0, capacityPerVendor: 1 }),
    ).rejects.toMatchObject({
      code: 'validation',
    });
    const now = world.market.deps.clock().getTime();
    const empty = await openCampaign(world.market.deps, staff, {
      title: '2025年第二批数字化应用场景征集',
      kind: 'both',
      opensAt: new Date(now).toISOString(),
      closesAt: new Date(now + DAY).toISOString(),
    });
    await expect(rounds.start(staff, empty.id, { topK: 2, capacityPerVendor: 1 })).rejects.toMatchObject({
      code: 'matchRound.no_needs',
    });
  });

  it('fails a round whose matching throws, with the reason', async () => {
    const world = await marketplaceWithCampaign();
    const broken: MatchingService = {
      ...world.matching,
      rankSolutions: () => Promise.reject(new Error('search index unreachable')),
    };
    const rounds = roundsFor(world, broken);
    const { id } = await rounds.start(staff, world.campaignId, { topK: 2, capacityPerVendor: 1 });
    await rounds.idle();
    const { state } = await rounds.get(staff, id);
    expect(state.status).toBe('failed');
    expect(state.failureReason).toContain('search index unreachable');
  });

  it('marks a round left running by a process that died as failed once it has not moved for a while', async () => {
    const world = await marketplaceWithCampaign();
    const roundId = world.market.deps.newId();
    const now = world.market.deps.clock();
    // What a crashed process leaves behind: the start recorded, no runner anywhere.
    await handleCommand(
      world.market.store,
      matchRoundStream(roundId),
      matchRoundDecider,
      {
        type: 'StartMatchRound',
        data: {
          roundId,
          campaignId: world.campaignId,
          topK: 2,
          capacityPerVendor: 1,
          needIds: [world.needs[0]!.id],
        },
        context: { actor: staff.actor, now },
      },
      {
        metadata: { actor: staff.actor, at: now.toISOString(), correlationId: 'crashed', causationId: null },
      },
    );
    const rounds = roundsFor(world);
    expect((await rounds.get(staff, roundId)).state.status).toBe('running');
    world.market.advance(3 * 60_000);
    const { state } = await rounds.get(staff, roundId);
    expect(state.status).toBe('failed');
    expect(state.failureReason).toMatch(/中断/);
  });
});
