import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleCommand } from '../../../src/application/command-handler.js';
import type { RequestContext } from '../../../src/application/deps.js';
import { eventMetadata } from '../../../src/application/deps.js';
import {
  acceptRecommendation,
  applyToNeed,
  confirmDelivery,
  declineEngagement,
  getEngagement,
  rateEngagement,
  recommendSolution,
  scheduleMeeting,
  shortlistEngagement,
  signEngagement,
  withdrawEngagement,
  withdrawSignature,
} from '../../../src/application/engagement-service.js';
import { getNeed } from '../../../src/application/need-service.js';
import { engagementDecider } from '../../../src/domain/engagement/decider.js';
import { ABANDONED_RESERVATION_MS, slotDecider } from '../../../src/domain/engagement/slot.js';
import { DomainError, ValidationError } from '../../../src/domain/shared/errors.js';
import { WrongExpectedVersionError } from '../../../src/eventstore/port.js';
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

describe('engagement service on the SQLite store', () => {
  let market: Marketplace;
  let demander: RequestContext;
  let vendor: RequestContext;
  let needId: string;
  let solutionId: string;

  beforeEach(async () => {
    market = createMarketplace();
    demander = await market.verifiedOrg('淄博鲁中精工汽车零部件有限公司', 'demander', 'zibo');
    vendor = await market.verifiedOrg('青岛视微智能装备有限公司', 'vendor', 'qingdao');
    needId = (await market.approvedNeed(demander)).id;
    solutionId = (await market.publishedSolution(vendor)).id;
  });
  afterEach(() => market.close());

  const proposal = { proposal: '三个月内完成三条产线的相机部署与模型训练', quoteWan: 90 };

  async function untilMeeting() {
    const applied = await applyToNeed(market.deps, vendor, needId, { solutionId, ...proposal });
    await shortlistEngagement(market.deps, demander, applied.id);
    await scheduleMeeting(market.deps, vendor, applied.id, {
      at: new Date(market.deps.clock().getTime() + DAY).toISOString(),
      location: '淄博市张店区鲁中精工会议室',
    });
    return applied.id;
  }

  it('opens an applied engagement between the need owner and the vendor (揭榜)', async () => {
    const applied = await applyToNeed(market.deps, vendor, needId, { solutionId, ...proposal });
    expect(applied.state).toMatchObject({
      status: 'applied',
      origin: 'applied',
      needId,
      solutionId,
      needOrgId: demander.actor.orgId,
      vendorId: vendor.actor.orgId,
      quoteWan: 90,
    });
    expect(applied.revision).toBe(0n);
  });

  it('takes an engagement from signing to rated, moving the need along', async () => {
    const id = await untilMeeting();
    const first = await signEngagement(market.deps, vendor, id, { amountWan: 85 });
    expect(first.state.status).toBe('meeting_scheduled');
    expect((await getNeed(market.deps, needId)).state.status).toBe('published');

    const signed = await signEngagement(market.deps, demander, id, { amountWan: 85 });
    expect(signed.state).toMatchObject({ status: 'signed', amountWan: 85 });
    const inProgress = await getNeed(market.deps, needId);
    expect(inProgress.state).toMatchObject({ status: 'in_progress', engagementId: id });
    // The response position covers the need's follow-up event, for read-your-writes.
    const needEvents = await market.store.readStream(`need-${needId}`);
    expect(signed.position).toBe(needEvents.at(-1)!.position);

    expect(await rejection(confirmDelivery(market.deps, demander, id))).toBe(
      'engagement.delivery_before_meeting',
    );
    market.advance(DAY); // past the meeting
    const delivered = await confirmDelivery(market.deps, demander, id);
    expect(delivered.state.status).toBe('delivered');
    expect((await getNeed(market.deps, needId)).state.status).toBe('fulfilled');

    await rateEngagement(market.deps, demander, id, { score: 5, comment: '交付及时' });
    const rated = await rateEngagement(market.deps, vendor, id, { score: 4 });
    expect(rated.state.status).toBe('rated');
    expect(rated.state.ratings).toMatchObject({ demander: { score: 5 }, vendor: { score: 4, comment: '' } });
    expect(rated.state.history.map((h) => h.status)).toEqual([
      'applied',
      'shortlisted',
      'meeting_scheduled',
      'signed',
      'delivered',
      'rated',
    ]);
  });

  it('finishes a signature whose need follow-up did not run when the signature is repeated', async () => {
    const id = await untilMeeting();
    await signEngagement(market.deps, vendor, id, { amountWan: 85 });
    // As if the process died after the engagement was signed and before the need moved on.
    await handleCommand(
      market.store,
      `engagement-${id}`,
      engagementDecider,
      {
        type: 'SignEngagement',
        data: { amountWan: 85, need: { status: 'published' } },
        context: { actor: demander.actor, now: market.deps.clock() },
      },
      { metadata: eventMetadata(demander, market.deps.clock()) },
    );
    expect((await getNeed(market.deps, needId)).state.status).toBe('published');
    const retried = await signEngagement(market.deps, demander, id, { amountWan: 85 });
    expect(retried.state.status).toBe('signed');
    expect((await getNeed(market.deps, needId)).state.status).toBe('in_progress');
  });

  it('refuses a second signature with another amount and records nothing', async () => {
    const id = await untilMeeting();
    await signEngagement(market.deps, vendor, id, { amountWan: 85 });
    const before = await getEngagement(market.deps, id);
    expect(await rejection(signEngagement(market.deps, demander, id, { amountWan: 80 }))).toBe(
      'engagement.amount_mismatch',
    );
    expect((await getEngagement(market.deps, id)).revision).toBe(before.revision);
  });

  it('lets a side withdraw a mistyped amount and sign again until both match', async () => {
    const id = await untilMeeting();
    await signEngagement(market.deps, demander, id, { amountWan: 8.5 });
    expect(await rejection(signEngagement(market.deps, vendor, id, { amountWan: 85 }))).toBe(
      'engagement.amount_mismatch',
    );
    const withdrawn = await withdrawSignature(market.deps, demander, id);
    expect(withdrawn.state.signatures).toEqual({});
    await signEngagement(market.deps, vendor, id, { amountWan: 85 });
    const signed = await signEngagement(market.deps, demander, id, { amountWan: 85 });
    expect(signed.state).toMatchObject({ status: 'signed', amountWan: 85 });
    expect((await getNeed(market.deps, needId)).state.status).toBe('in_progress');
    expect(await rejection(withdrawSignature(market.deps, vendor, id))).toBe('engagement.already_signed');
  });

  it('keeps one open engagement per need and vendor, and frees it when declined', async () => {
    const second = (await market.publishedSolution(vendor, { title: '边缘计算质检一体机' })).id;
    const first = await applyToNeed(market.deps, vendor, needId, { solutionId, ...proposal });
    expect(
      await rejection(applyToNeed(market.deps, vendor, needId, { solutionId: second, ...proposal })),
    ).toBe('engagement.already_open');
    expect(await rejection(recommendSolution(market.deps, staff, needId, { solutionId: second }))).toBe(
      'engagement.already_open',
    );

    const declined = await declineEngagement(market.deps, demander, first.id, { reason: '预算超出' });
    expect(declined.state).toMatchObject({ status: 'declined', declineReason: '预算超出' });
    const again = await applyToNeed(market.deps, vendor, needId, { solutionId: second, ...proposal });
    expect(again.state.status).toBe('applied');
  });

  it('frees the slot when the vendor withdraws', async () => {
    const first = await applyToNeed(market.deps, vendor, needId, { solutionId, ...proposal });
    await withdrawEngagement(market.deps, vendor, first.id);
    const again = await applyToNeed(market.deps, vendor, needId, { solutionId, ...proposal });
    expect(again.id).not.toBe(first.id);
  });

  it('takes over a slot whose engagement was never written, once it is abandoned', async () => {
    const ghost = market.deps.newId();
    await handleCommand(
      market.store,
      `engagement-slot-${needId}-${vendor.actor.orgId}`,
      slotDecider,
      {
        type: 'ReserveEngagementSlot',
        data: { engagementId: ghost, needId, vendorId: vendor.actor.orgId!, holder: null },
        context: { actor: vendor.actor, now: market.deps.clock() },
      },
      { metadata: eventMetadata(vendor, market.deps.clock()) },
    );
    expect(await rejection(applyToNeed(market.deps, vendor, needId, { solutionId, ...proposal }))).toBe(
      'engagement.already_open',
    );
    market.advance(ABANDONED_RESERVATION_MS);
    expect((await applyToNeed(market.deps, vendor, needId, { solutionId, ...proposal })).state.status).toBe(
      'applied',
    );
  });

  it('lets the vendor accept a recommendation, or the need owner shortlist it directly', async () => {
    const recommended = await recommendSolution(market.deps, staff, needId, { solutionId });
    expect(recommended.state).toMatchObject({ status: 'recommended', origin: 'recommended', proposal: null });
    const accepted = await acceptRecommendation(market.deps, vendor, recommended.id, proposal);
    expect(accepted.state).toMatchObject({ status: 'applied', origin: 'recommended', quoteWan: 90 });

    const otherVendor = await market.verifiedOrg('济南智衡工业软件有限公司', 'vendor', 'jinan');
    const otherSolution = (await market.publishedSolution(otherVendor)).id;
    const direct = await recommendSolution(market.deps, staff, needId, { solutionId: otherSolution });
    expect((await shortlistEngagement(market.deps, demander, direct.id)).state.status).toBe('shortlisted');
  });

  it('writes nothing when the decider refuses an opening', async () => {
    const head = await market.store.headPosition();
    expect(await rejection(applyToNeed(market.deps, demander, needId, { solutionId, ...proposal }))).toBe(
      'engagement.vendors_only',
    );
    expect(await market.store.headPosition()).toBe(head);
  });

  it('validates input with field paths', async () => {
    const error = await applyToNeed(market.deps, vendor, needId, {
      solutionId,
      proposal: '短',
      quoteWan: -3,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.path).sort()).toEqual(['proposal', 'quoteWan']);
  });

  it('answers 404 for an unknown engagement, need or solution', async () => {
    const unknown = market.deps.newId();
    expect(await rejection(getEngagement(market.deps, unknown))).toBe('engagement.not_found');
    expect(await rejection(applyToNeed(market.deps, vendor, unknown, { solutionId, ...proposal }))).toBe(
      'need.not_found',
    );
    expect(
      await rejection(applyToNeed(market.deps, vendor, needId, { solutionId: unknown, ...proposal })),
    ).toBe('solution.not_found');
  });

  describe('racing commands on one engagement', () => {
    it('keeps both signatures when both sides sign at once', async () => {
      const id = await untilMeeting();
      const conflictsBefore = market.conflicts();
      await Promise.all([
        signEngagement(market.deps, vendor, id, { amountWan: 85 }),
        signEngagement(market.deps, demander, id, { amountWan: 85 }),
      ]);
      expect(market.conflicts()).toBeGreaterThan(conflictsBefore);
      const { state } = await getEngagement(market.deps, id);
      expect(state.status).toBe('signed');
      expect(Object.keys(state.signatures).sort()).toEqual(['demander', 'vendor']);
      expect((await getNeed(market.deps, needId)).state.status).toBe('in_progress');
    });

    it('keeps both ratings when both sides rate at once', async () => {
      const id = await untilMeeting();
      await signEngagement(market.deps, vendor, id, { amountWan: 85 });
      await signEngagement(market.deps, demander, id, { amountWan: 85 });
      market.advance(DAY); // past the meeting
      await confirmDelivery(market.deps, demander, id);
      const conflictsBefore = market.conflicts();
      await Promise.all([
        rateEngagement(market.deps, demander, id, { score: 5, comment: '很好' }),
        rateEngagement(market.deps, vendor, id, { score: 4, comment: '配合顺畅' }),
      ]);
      expect(market.conflicts()).toBeGreaterThan(conflictsBefore);
      const { state } = await getEngagement(market.deps, id);
      expect(state.status).toBe('rated');
      expect(state.ratings.demander?.score).toBe(5);
      expect(state.ratings.vendor?.score).toBe(4);
    });

    it('lets exactly one of two simultaneous applications by one vendor open', async () => {
      const second = (await market.publishedSolution(vendor, { title: '边缘计算质检一体机' })).id;
      const conflictsBefore = market.conflicts();
      const outcomes = await Promise.allSettled([
        applyToNeed(market.deps, vendor, needId, { solutionId, ...proposal }),
        applyToNeed(market.deps, vendor, needId, { solutionId: second, ...proposal }),
      ]);
      const opened = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(market.conflicts()).toBeGreaterThan(conflictsBefore);
      expect(opened).toHaveLength(1);
      expect(refused.map((o) => (o.reason as DomainError).code)).toEqual(['engagement.already_open']);
    });

    it('refuses a stale If-Match revision instead of retrying it', async () => {
      const applied = await applyToNeed(market.deps, vendor, needId, { solutionId, ...proposal });
      const seen = applied.revision;
      await shortlistEngagement(market.deps, demander, applied.id);
      const stale = { ...vendor, expectedRevision: seen };
      const error = await withdrawEngagement(market.deps, stale, applied.id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect((await getEngagement(market.deps, applied.id)).state.status).toBe('shortlisted');
    });
  });
});
