import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  closeCampaign,
  enterCampaignItem,
  getCampaign,
  getCampaignList,
  openCampaign,
  publishCampaignList,
} from '../../../src/application/campaign-service.js';
import type { RequestContext } from '../../../src/application/deps.js';
import {
  createNeed,
  getNeed,
  rejectNeed,
  submitNeed,
  withdrawNeed,
} from '../../../src/application/need-service.js';
import type { NeedListItem } from '../../../src/domain/campaign/events.js';
import { DomainError } from '../../../src/domain/shared/errors.js';
import type { EventStore } from '../../../src/eventstore/port.js';
import { createMarketplace, DAY, needInput, staff } from './marketplace.js';

type Marketplace = ReturnType<typeof createMarketplace>;

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

/** A store whose appends to one stream fail until `heal()`, as when the process dies in the middle. */
function failingOn(stream: () => string | null) {
  return (store: EventStore): EventStore =>
    Object.create(store, {
      append: {
        value: (...args: Parameters<EventStore['append']>) =>
          args[0] === stream() ? Promise.reject(new Error('disk I/O error')) : store.append(...args),
      },
    });
}

describe('campaign service on the SQLite store', () => {
  let failingStream: string | null;
  let market: Marketplace;
  let demander: RequestContext;
  let vendor: RequestContext;

  beforeEach(async () => {
    failingStream = null;
    market = createMarketplace(failingOn(() => failingStream));
    demander = await market.verifiedOrg('淄博鲁中精工汽车零部件有限公司', 'demander', 'zibo');
    vendor = await market.verifiedOrg('青岛视微智能装备有限公司', 'vendor', 'qingdao');
  });
  afterEach(() => market.close());

  async function openNow(kind: 'needs' | 'solutions' | 'both' = 'both') {
    const now = market.deps.clock().getTime();
    return openCampaign(market.deps, staff, {
      title: '2025年第一批数字化应用场景征集',
      kind,
      opensAt: new Date(now).toISOString(),
      closesAt: new Date(now + 30 * DAY).toISOString(),
    });
  }

  /** Three approved needs and a rejected one submitted into the campaign, a published solution, then closed. */
  async function collected(campaignId: string) {
    const needs = [];
    for (const title of ['冲压件表面缺陷检测', '设备预测性维护', '仓储物流数字孪生']) {
      market.advance(1000);
      needs.push(await market.approvedNeed(demander, { title, campaignId }));
    }
    const rejected = await createNeed(market.deps, demander, {
      ...needInput,
      title: '待完善的需求',
      campaignId,
    });
    await submitNeed(market.deps, demander, rejected.id);
    await rejectNeed(market.deps, staff, rejected.id, { reason: '描述不够具体' });
    const solution = await market.publishedSolution(vendor, { campaignId });
    await closeCampaign(market.deps, staff, campaignId);
    return { needs, rejected: rejected.id, solution };
  }

  it('opens, collects, closes and publishes numbered lists, publishing the approved needs', async () => {
    const campaign = await openNow();
    expect(campaign.state).toMatchObject({
      status: 'open',
      kind: 'both',
      title: '2025年第一批数字化应用场景征集',
    });
    const { needs, rejected, solution } = await collected(campaign.id);
    const entered = (await getCampaign(market.deps, campaign.id)).state.items;
    expect(entered.needs).toEqual([...needs.map((n) => n.id), rejected]);
    expect(entered.solutions).toEqual([solution.id]);
    for (const need of needs) expect((await getNeed(market.deps, need.id)).state.status).toBe('approved');

    const published = await publishCampaignList(market.deps, staff, campaign.id);
    expect(published.state.status).toBe('published');
    const list = await getCampaignList(market.deps, campaign.id, 'needs');
    expect(list).toMatchObject({
      campaignId: campaign.id,
      version: 1,
      versions: [1],
      kind: 'needs',
      note: null,
    });
    expect(list.items.map((item) => [item.seq, item.id])).toEqual(needs.map((need, i) => [i + 1, need.id]));
    expect(list.items[0]).toMatchObject({
      title: '冲压件表面缺陷检测',
      orgName: '淄博鲁中精工汽车零部件有限公司',
      industry: 'high-end-equipment',
      city: 'zibo',
      scenarioType: 'production',
      budgetWan: { min: 50, max: 120 },
    });
    const solutions = await getCampaignList(market.deps, campaign.id, 'solutions');
    expect(solutions.items).toMatchObject([
      { seq: 1, id: solution.id, orgName: '青岛视微智能装备有限公司', city: 'qingdao' },
    ]);
    for (const need of needs) {
      expect((await getNeed(market.deps, need.id)).state).toMatchObject({
        status: 'published',
        listVersion: 1,
      });
    }
    // The response position covers the needs published after the list, for read-your-writes.
    expect(published.position).toBe(await market.store.headPosition());
  });

  it('adds no version when published again unchanged', async () => {
    const campaign = await openNow();
    await collected(campaign.id);
    const first = await publishCampaignList(market.deps, staff, campaign.id);
    const again = await publishCampaignList(market.deps, staff, campaign.id);
    expect(again.revision).toBe(first.revision);
    expect((await getCampaignList(market.deps, campaign.id, 'needs')).versions).toEqual([1]);
  });

  it('publishes a correction as a new version and keeps the old one readable', async () => {
    const campaign = await openNow();
    const { needs } = await collected(campaign.id);
    await publishCampaignList(market.deps, staff, campaign.id);
    await withdrawNeed(market.deps, demander, needs[1]!.id);

    expect(await rejection(publishCampaignList(market.deps, staff, campaign.id))).toBe(
      'campaign.correction_note_required',
    );
    await publishCampaignList(market.deps, staff, campaign.id, { note: '“设备预测性维护”已由需求方撤回' });

    const corrected = await getCampaignList(market.deps, campaign.id, 'needs');
    expect(corrected).toMatchObject({ version: 2, versions: [1, 2], note: '“设备预测性维护”已由需求方撤回' });
    expect(corrected.items.map((item) => [item.seq, item.id])).toEqual([
      [1, needs[0]!.id],
      [2, needs[2]!.id],
    ]);
    const original = await getCampaignList(market.deps, campaign.id, 'needs', 1);
    expect(original.items.map((item) => item.id)).toEqual(needs.map((n) => n.id));
    expect((original.items[1] as NeedListItem).title).toBe('设备预测性维护');
    expect((await getCampaignList(market.deps, campaign.id, 'solutions')).versions).toEqual([1]);
  });

  it('finishes a publication that failed half-way when it is run again', async () => {
    const campaign = await openNow();
    const { needs } = await collected(campaign.id);
    failingStream = `need-${needs[1]!.id}`;
    await expect(publishCampaignList(market.deps, staff, campaign.id)).rejects.toThrow('disk I/O error');
    expect((await getCampaignList(market.deps, campaign.id, 'needs')).version).toBe(1);
    expect((await getNeed(market.deps, needs[0]!.id)).state.status).toBe('published');
    expect((await getNeed(market.deps, needs[1]!.id)).state.status).toBe('approved');

    failingStream = null;
    await publishCampaignList(market.deps, staff, campaign.id);
    expect((await getCampaignList(market.deps, campaign.id, 'needs')).versions).toEqual([1]);
    for (const need of needs) {
      expect((await getNeed(market.deps, need.id)).state).toMatchObject({
        status: 'published',
        listVersion: 1,
      });
    }
  });

  it('enters items only while open, inside the window, and of a kind it collects', async () => {
    const campaign = await openNow('needs');
    const solutionId = market.deps.newId();
    expect(
      await rejection(
        enterCampaignItem(market.deps, vendor, campaign.id, { itemKind: 'solution', itemId: solutionId }),
      ),
    ).toBe('campaign.kind_not_accepted');
    market.advance(30 * DAY);
    expect(
      await rejection(
        enterCampaignItem(market.deps, demander, campaign.id, { itemKind: 'need', itemId: solutionId }),
      ),
    ).toBe('campaign.window_passed');
    await closeCampaign(market.deps, staff, campaign.id);
    expect(
      await rejection(
        enterCampaignItem(market.deps, demander, campaign.id, { itemKind: 'need', itemId: solutionId }),
      ),
    ).toBe('campaign.not_open');
    expect(await rejection(closeCampaign(market.deps, staff, campaign.id))).toBe('campaign.not_open');
  });

  it('answers 404 for an unknown campaign or an unpublished list', async () => {
    expect(await rejection(getCampaign(market.deps, market.deps.newId()))).toBe('campaign.not_found');
    const campaign = await openNow();
    expect(await rejection(getCampaignList(market.deps, campaign.id, 'needs'))).toBe(
      'campaign.list_not_published',
    );
    await closeCampaign(market.deps, staff, campaign.id);
    await publishCampaignList(market.deps, staff, campaign.id);
    expect(await rejection(getCampaignList(market.deps, campaign.id, 'needs', 2))).toBe(
      'campaign.list_not_published',
    );
  });

  it('keeps every item entered by many submissions racing into one campaign', async () => {
    const campaign = await openNow();
    const ids = Array.from({ length: 20 }, () => market.deps.newId());
    const conflictsBefore = market.conflicts();
    await Promise.all(
      ids.map((itemId) =>
        enterCampaignItem(market.deps, demander, campaign.id, { itemKind: 'need', itemId }),
      ),
    );
    expect(market.conflicts()).toBeGreaterThan(conflictsBefore);
    expect([...(await getCampaign(market.deps, campaign.id)).state.items.needs].sort()).toEqual(
      [...ids].sort(),
    );
  });
});
