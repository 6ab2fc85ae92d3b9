import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCase, promoteCase, recordCaseReplication } from '../../../src/application/case-service.js';
import type { RequestContext } from '../../../src/application/deps.js';
import {
  applyToNeed,
  confirmDelivery,
  rateEngagement,
  scheduleMeeting,
  shortlistEngagement,
  signEngagement,
} from '../../../src/application/engagement-service.js';
import { DomainError } from '../../../src/domain/shared/errors.js';
import { createMarketplace, DAY, staff } from './marketplace.js';

type Marketplace = ReturnType<typeof createMarketplace>;

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

const summary = '以机器视觉替代人工目检，漏检率由3%降至0.3%，三个月收回投资，适合同类冲压产线复用。';

describe('case service on the SQLite store', () => {
  let market: Marketplace;
  let demander: RequestContext;
  let vendor: RequestContext;
  let engagementId: string;

  beforeEach(async () => {
    market = createMarketplace();
    demander = await market.verifiedOrg('淄博鲁中精工汽车零部件有限公司', 'demander', 'zibo');
    vendor = await market.verifiedOrg('青岛视微智能装备有限公司', 'vendor', 'qingdao');
    const need = await market.approvedNeed(demander);
    const solution = await market.publishedSolution(vendor);
    const applied = await applyToNeed(market.deps, vendor, need.id, {
      solutionId: solution.id,
      proposal: '三个月内完成三条产线的相机部署与模型训练',
      quoteWan: 90,
    });
    engagementId = applied.id;
    await shortlistEngagement(market.deps, demander, engagementId);
    const at = new Date(market.deps.clock().getTime() + DAY).toISOString();
    await scheduleMeeting(market.deps, demander, engagementId, { at, location: '淄博市张店区' });
    await signEngagement(market.deps, vendor, engagementId, { amountWan: 85 });
    await signEngagement(market.deps, demander, engagementId, { amountWan: 85 });
    market.advance(DAY); // past the meeting
  });

  async function deliveredAndRated() {
    await confirmDelivery(market.deps, demander, engagementId);
    await rateEngagement(market.deps, demander, engagementId, { score: 5, comment: '漏检率明显下降' });
    await rateEngagement(market.deps, vendor, engagementId, { score: 5, comment: '配合顺畅' });
  }
  afterEach(() => market.close());

  it('promotes a delivered engagement rated by both sides into a case that records where it was repeated', async () => {
    expect(await rejection(promoteCase(market.deps, staff, engagementId, { summary }))).toBe(
      'case.engagement_not_delivered',
    );
    await confirmDelivery(market.deps, demander, engagementId);
    expect(await rejection(promoteCase(market.deps, staff, engagementId, { summary }))).toBe(
      'case.engagement_not_rated',
    );
    await rateEngagement(market.deps, demander, engagementId, { score: 5, comment: '漏检率明显下降' });
    expect(await rejection(promoteCase(market.deps, staff, engagementId, { summary }))).toBe(
      'case.engagement_not_rated',
    );
    await rateEngagement(market.deps, vendor, engagementId, { score: 5, comment: '配合顺畅' });
    const promoted = await promoteCase(market.deps, staff, engagementId, { summary });
    expect(promoted.id).toBe(engagementId);
    expect(promoted.state).toMatchObject({
      status: 'promoted',
      engagementId,
      title: '汽车零部件表面缺陷视觉检测',
      summary,
      city: 'zibo',
      industry: 'high-end-equipment',
      scenarioType: 'production',
      technologies: ['ai'],
      vendorId: vendor.actor.orgId,
      amountWan: 85,
      replicatedTo: [],
    });

    await recordCaseReplication(market.deps, staff, engagementId, {
      city: 'weifang',
      note: '潍坊两家冲压厂复用',
    });
    expect(
      await rejection(recordCaseReplication(market.deps, staff, engagementId, { city: 'weifang' })),
    ).toBe('case.already_replicated');
    const { state } = await getCase(market.deps, engagementId);
    expect(state.replicatedTo).toMatchObject([{ city: 'weifang', note: '潍坊两家冲压厂复用' }]);
  });

  it('keeps staff alone in charge of cases', async () => {
    await deliveredAndRated();
    expect(await rejection(promoteCase(market.deps, demander, engagementId, { summary }))).toBe(
      'case.staff_only',
    );
  });

  it('answers 404 for an unknown engagement or case', async () => {
    const unknown = market.deps.newId();
    expect(await rejection(promoteCase(market.deps, staff, unknown, { summary }))).toBe(
      'engagement.not_found',
    );
    expect(await rejection(getCase(market.deps, unknown))).toBe('case.not_found');
  });

  describe('racing commands on one case', () => {
    it('makes one case of two simultaneous promotions', async () => {
      await deliveredAndRated();
      const conflictsBefore = market.conflicts();
      const outcomes = await Promise.allSettled([
        promoteCase(market.deps, staff, engagementId, { summary }),
        promoteCase(market.deps, staff, engagementId, { summary, title: '冲压件视觉质检' }),
      ]);
      expect(market.conflicts()).toBeGreaterThan(conflictsBefore);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(refused.map((o) => (o.reason as DomainError).code)).toEqual(['case.already_promoted']);
      expect(await market.store.readStream(`case-${engagementId}`)).toHaveLength(1);
    });

    it('keeps both cities when two replications are recorded at once', async () => {
      await deliveredAndRated();
      await promoteCase(market.deps, staff, engagementId, { summary });
      const conflictsBefore = market.conflicts();
      await Promise.all([
        recordCaseReplication(market.deps, staff, engagementId, { city: 'weifang' }),
        recordCaseReplication(market.deps, staff, engagementId, { city: 'binzhou' }),
      ]);
      expect(market.conflicts()).toBeGreaterThan(conflictsBefore);
      const { state } = await getCase(market.deps, engagementId);
      expect(state.replicatedTo.map((r) => r.city).sort()).toEqual(['binzhou', 'weifang']);
    });
  });
});
