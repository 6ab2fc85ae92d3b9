import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../src/application/deps.js';
import { applyToNeed, shortlistEngagement } from '../../../src/application/engagement-service.js';
import { createEntityViews, type EntityViews } from '../../../src/application/entity-views.js';
import { createNeed, getNeed } from '../../../src/application/need-service.js';
import { createSolution } from '../../../src/application/solution-service.js';
import { engagementStream } from '../../../src/domain/engagement/stream.js';
import { anonymous } from '../../../src/domain/shared/actor.js';
import { ForbiddenError, NotFoundError } from '../../../src/domain/shared/errors.js';
import { createMarketplace, needInput, solutionInput, staff } from './marketplace.js';

/**
 * The one place the API and the pages read a single need, solution or engagement on someone's behalf:
 * who may read it at all, and who sees a need's contact details.
 */
describe('entity views: single entities as the asking actor may see them', () => {
  let market: ReturnType<typeof createMarketplace>;
  let views: EntityViews;
  let demander: RequestContext;
  let vendor: RequestContext;
  let otherVendor: RequestContext;

  beforeEach(async () => {
    market = createMarketplace();
    views = createEntityViews(market.deps);
    demander = await market.verifiedOrg('淄博鲁中精工汽车零部件有限公司', 'demander', 'zibo');
    vendor = await market.verifiedOrg('青岛视微智能装备有限公司', 'vendor', 'qingdao');
    otherVendor = await market.verifiedOrg('济南云擎软件有限公司', 'vendor', 'jinan');
  });
  afterEach(() => market.close());

  const rejection = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error,
    );

  it('given a draft need, only its organization and staff may read it; anyone else is refused', async () => {
    const draft = await createNeed(market.deps, demander, needInput);

    expect((await views.viewNeed(demander.actor, draft.id)).state.title).toBe(needInput.title);
    expect((await views.viewNeed(staff.actor, draft.id)).state.title).toBe(needInput.title);
    for (const actor of [vendor.actor, anonymous]) {
      const refused = await rejection(views.viewNeed(actor, draft.id));
      expect(refused).toBeInstanceOf(ForbiddenError);
      expect(refused).toMatchObject({ code: 'need.not_visible' });
    }
    expect(await rejection(views.viewNeed(staff.actor, market.deps.newId()))).toBeInstanceOf(NotFoundError);
  });

  it('given a published need, everyone reads it, but its contact only staff, the owner and a shortlisted vendor', async () => {
    const need = await market.approvedNeed(demander);
    const { contact } = (await getNeed(market.deps, need.id)).state;
    expect(contact).not.toBeNull();

    expect((await views.viewNeed(staff.actor, need.id)).state.contact).toEqual(contact);
    expect((await views.viewNeed(demander.actor, need.id)).state.contact).toEqual(contact);
    for (const actor of [vendor.actor, otherVendor.actor, anonymous]) {
      const seen = await views.viewNeed(actor, need.id);
      expect(seen.state.title).toBe(needInput.title);
      expect(seen.state).not.toHaveProperty('contact');
    }

    // When the vendor 揭榜 and is shortlisted, it sees the contact; a vendor that did not, still does not.
    const solution = await market.publishedSolution(vendor);
    const applied = await applyToNeed(market.deps, vendor, need.id, {
      solutionId: solution.id,
      proposal: '三个月内完成三条产线的相机部署与模型训练',
      quoteWan: 90,
    });
    expect(await views.viewNeed(vendor.actor, need.id)).not.toHaveProperty('state.contact');
    await shortlistEngagement(market.deps, demander, applied.id, { shareContact: true });
    expect((await views.viewNeed(vendor.actor, need.id)).state.contact).toEqual(contact);
    expect((await views.viewNeed(otherVendor.actor, need.id)).state).not.toHaveProperty('contact');
  });

  it('given a vendor shortlisted without the demander’s consent, it is told the contact was not shared', async () => {
    const need = await market.approvedNeed(demander);
    const solution = await market.publishedSolution(vendor);
    const applied = await applyToNeed(market.deps, vendor, need.id, {
      solutionId: solution.id,
      proposal: '三个月内完成三条产线的相机部署与模型训练',
      quoteWan: 90,
    });
    await shortlistEngagement(market.deps, demander, applied.id, { shareContact: false });

    const seen = (await views.viewNeed(vendor.actor, need.id)).state;
    expect(seen).not.toHaveProperty('contact');
    expect(seen.contactWithheld).toBe('需求方未同意共享联系方式');
    expect((await views.viewNeed(otherVendor.actor, need.id)).state).not.toHaveProperty('contactWithheld');
    expect((await views.viewNeed(demander.actor, need.id)).state.contact).not.toBeNull();
  });

  it('given an engagement shortlisted before consent was asked (no shareContact stored), the vendor sees the contact', async () => {
    const need = await market.approvedNeed(demander);
    const solution = await market.publishedSolution(vendor);
    const applied = await applyToNeed(market.deps, vendor, need.id, {
      solutionId: solution.id,
      proposal: '三个月内完成三条产线的相机部署与模型训练',
      quoteWan: 90,
    });
    const at = market.deps.clock().toISOString();
    await market.deps.store.append(engagementStream(applied.id), [
      { type: 'EngagementShortlisted', data: { at }, metadata: { at } },
    ]);

    const seen = (await views.viewNeed(vendor.actor, need.id)).state;
    expect(seen.contact).toEqual((await getNeed(market.deps, need.id)).state.contact);
    expect(seen).not.toHaveProperty('contactWithheld');
  });

  it('shows a command’s need with the same contact rule, keeping its revision and position', async () => {
    const created = await createNeed(market.deps, demander, needInput);

    expect(await views.showNeed(demander.actor, created)).toEqual(created);
    const { contact: _contact, ...withoutContact } = created.state;
    expect(await views.showNeed(vendor.actor, created)).toEqual({ ...created, state: withoutContact });
  });

  it('given a draft solution, only its vendor and staff may read it', async () => {
    const draft = await createSolution(market.deps, vendor, solutionInput);

    expect((await views.viewSolution(vendor.actor, draft.id)).state.title).toBe(solutionInput.title);
    expect((await views.viewSolution(staff.actor, draft.id)).state.title).toBe(solutionInput.title);
    for (const actor of [otherVendor.actor, demander.actor, anonymous]) {
      expect(await rejection(views.viewSolution(actor, draft.id))).toMatchObject({
        code: 'solution.not_visible',
      });
    }
    const published = await market.publishedSolution(vendor);
    expect((await views.viewSolution(demander.actor, published.id)).state.id).toBe(published.id);
  });

  it('given an engagement, only its two parties and staff may read it', async () => {
    const need = await market.approvedNeed(demander);
    const solution = await market.publishedSolution(vendor);
    const applied = await applyToNeed(market.deps, vendor, need.id, {
      solutionId: solution.id,
      proposal: '三个月内完成三条产线的相机部署与模型训练',
      quoteWan: 90,
    });

    for (const actor of [demander.actor, vendor.actor, staff.actor]) {
      expect((await views.viewEngagement(actor, applied.id)).state.status).toBe('applied');
    }
    for (const actor of [otherVendor.actor, anonymous]) {
      expect(await rejection(views.viewEngagement(actor, applied.id))).toMatchObject({
        code: 'engagement.not_visible',
      });
    }
  });
});
