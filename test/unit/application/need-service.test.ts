import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCampaign, openCampaign } from '../../../src/application/campaign-service.js';
import type { RequestContext } from '../../../src/application/deps.js';
import {
  approveNeed,
  createNeed,
  expireNeed,
  getNeed,
  rejectNeed,
  submitNeed,
  updateNeed,
  withdrawNeed,
} from '../../../src/application/need-service.js';
import { suspendOrganization } from '../../../src/application/organization-service.js';
import { DomainError } from '../../../src/domain/shared/errors.js';
import { WrongExpectedVersionError } from '../../../src/eventstore/port.js';
import {
  contact,
  contextOf,
  openWorld,
  organizationMember,
  type ServiceWorld,
  staffContext,
} from './listing-support.js';

const needInput = {
  title: '智能质检产线改造',
  description: '我们有三条汽车零部件生产线，需要利用机器视觉实现表面缺陷在线检测，替代人工目检。',
  industry: 'high-end-equipment',
  scenarioType: 'production',
  technologies: ['ai', 'machine-vision'],
  city: 'jinan',
  budgetWan: { min: 50, max: 120 },
};

let world: ServiceWorld;
let owner: RequestContext & { orgId: string };
let vendor: RequestContext & { orgId: string };
beforeAll(async () => {
  world = openWorld();
  [owner, vendor] = await Promise.all([
    organizationMember(world, 'demander'),
    organizationMember(world, 'vendor'),
  ]);
});
afterAll(() => world.close());

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('need lifecycle through the services', () => {
  it('creates, edits, submits and approves a need, which is then published', async () => {
    const created = await createNeed(world.deps, owner, needInput);
    expect(created.state).toMatchObject({ status: 'draft', orgId: owner.orgId, contact, campaignId: null });
    const updated = await updateNeed(world.deps, contextOf(owner.actor, created.revision), created.id, {
      budgetWan: { min: 60, max: 150 },
    });
    expect(updated.revision).toBe(created.revision + 1n);
    const submitted = await submitNeed(world.deps, owner, created.id);
    const approved = await approveNeed(world.deps, staffContext, created.id);
    expect(approved.state).toMatchObject({ status: 'published', budgetWan: { min: 60, max: 150 } });
    expect(approved.position).toBeGreaterThan(submitted.position);
    expect(await getNeed(world.deps, created.id)).toEqual({
      id: created.id,
      state: approved.state,
      revision: approved.revision,
    });
  });

  it('carries a rejection reason, lets the owner correct and resubmit, then withdraw', async () => {
    const { id } = await createNeed(world.deps, owner, needInput);
    await submitNeed(world.deps, owner, id);
    const rejected = await rejectNeed(world.deps, staffContext, id, { reason: '请补充预算测算依据' });
    expect(rejected.state).toMatchObject({ status: 'rejected', rejectionReason: '请补充预算测算依据' });
    await updateNeed(world.deps, owner, id, { description: `${needInput.description}预算按三条产线测算。` });
    expect((await submitNeed(world.deps, owner, id)).state).toMatchObject({
      status: 'submitted',
      rejectionReason: null,
    });
    expect((await withdrawNeed(world.deps, owner, id)).state).toMatchObject({
      status: 'closed',
      closedReason: 'withdrawn',
    });
  });

  it('refuses edits once submitted with need.not_editable', async () => {
    const { id } = await createNeed(world.deps, owner, needInput);
    await submitNeed(world.deps, owner, id);
    const error = await failure(updateNeed(world.deps, owner, id, { city: 'qingdao' }));
    expect(error).toMatchObject({
      code: 'need.not_editable',
      status: 409,
      message: '需求已提交审核，不能修改',
    });
  });

  it('lets staff expire a need whose deadline has passed', async () => {
    const { id } = await createNeed(world.deps, owner, { ...needInput, deadline: '2025-03-02' });
    await expect(expireNeed(world.deps, staffContext, id)).rejects.toMatchObject({
      code: 'need.not_expired',
    });
    world.advance(2 * 86_400_000);
    expect((await expireNeed(world.deps, staffContext, id)).state.closedReason).toBe('expired');
  });

  it('refuses a vendor posting a need and staff without an organization', async () => {
    expect(await failure(createNeed(world.deps, vendor, needInput))).toMatchObject({
      code: 'need.demander_only',
    });
    expect(await failure(createNeed(world.deps, staffContext, needInput))).toMatchObject({
      code: 'need.demander_only',
    });
  });

  it('refuses submission from an unverified or suspended organization', async () => {
    const pending = await organizationMember(world, 'demander', { verified: false });
    const draft = await createNeed(world.deps, pending, needInput);
    expect(await failure(submitNeed(world.deps, pending, draft.id))).toMatchObject({
      code: 'need.org_not_verified',
    });
    const member = await organizationMember(world, 'demander');
    const other = await createNeed(world.deps, member, needInput);
    await suspendOrganization(world.deps, staffContext, member.orgId, { reason: '违规发布信息' });
    expect(await failure(submitNeed(world.deps, member, other.id))).toMatchObject({
      code: 'need.org_suspended',
      status: 403,
    });
  });

  it('enters a need submitted into an open campaign into that campaign', async () => {
    const now = world.deps.clock().getTime();
    const campaign = await openCampaign(world.deps, staffContext, {
      title: '2025年春季场景需求征集',
      kind: 'needs',
      opensAt: new Date(now - 86_400_000).toISOString(),
      closesAt: new Date(now + 30 * 86_400_000).toISOString(),
    });
    const { id } = await createNeed(world.deps, owner, { ...needInput, campaignId: campaign.id });
    const submitted = await submitNeed(world.deps, owner, id);
    const { state } = await getCampaign(world.deps, campaign.id);
    expect(state.items.needs).toContain(id);
    expect(submitted.position).toBeGreaterThanOrEqual(await world.store.headPosition());
    expect((await approveNeed(world.deps, staffContext, id)).state.status).toBe('approved');
  });

  it('is a 404 for a need that does not exist', async () => {
    const error = await failure(getNeed(world.deps, '0195a0c0-0000-7000-8000-000000000404'));
    expect(error).toMatchObject({ code: 'need.not_found', status: 404 });
    expect(error).toBeInstanceOf(DomainError);
  });
});

describe('racing commands on one need (SQLite store)', () => {
  const edits: Record<string, unknown>[] = [
    { title: '智能质检产线改造二期' },
    { description: `${needInput.description}另需对接MES。` },
    { city: 'qingdao' },
    { industry: 'next-gen-it' },
    { scenarioType: 'quality' },
    { technologies: ['ai'] },
    { budgetWan: { min: 80, max: 200 } },
    { deadline: '2025-12-31' },
  ];

  it('never loses an update: five concurrent edits of different fields all land', async () => {
    const { id, revision } = await createNeed(world.deps, owner, needInput);
    const five = edits.slice(0, 5);
    const conflictsBefore = world.conflicts();
    await Promise.all(five.map((edit) => updateNeed(world.deps, owner, id, edit)));
    expect(world.conflicts()).toBeGreaterThan(conflictsBefore);
    const { state, revision: after } = await getNeed(world.deps, id);
    expect(after).toBe(revision + BigInt(five.length));
    expect(state).toMatchObject(Object.assign({}, ...five));
  });

  it('under heavier contention an edit may give up with a 412, but is never silently lost', async () => {
    const { id, revision } = await createNeed(world.deps, owner, needInput);
    const results = await Promise.allSettled(edits.map((edit) => updateNeed(world.deps, owner, id, edit)));
    const landed = edits.filter((_, i) => results[i]?.status === 'fulfilled');
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(WrongExpectedVersionError);
    }
    const { state, revision: after } = await getNeed(world.deps, id);
    expect(after).toBe(revision + BigInt(landed.length));
    expect(state).toMatchObject(Object.assign({}, ...landed));
  });

  it('with If-Match, exactly one of two edits from the same revision wins; the other is a 412', async () => {
    const { id, revision } = await createNeed(world.deps, owner, needInput);
    const ctx = contextOf(owner.actor, revision);
    const results = await Promise.allSettled([
      updateNeed(world.deps, ctx, id, { city: 'qingdao' }),
      updateNeed(world.deps, ctx, id, { city: 'yantai' }),
    ]);
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(lost).toHaveLength(1);
    expect(lost[0]).toBeInstanceOf(WrongExpectedVersionError);
    expect((lost[0] as WrongExpectedVersionError).status).toBe(412);
    expect((await getNeed(world.deps, id)).revision).toBe(revision + 1n);
  });

  it('racing approve and withdraw end in one of the serial outcomes, never both half-applied', async () => {
    const { id } = await createNeed(world.deps, owner, needInput);
    await submitNeed(world.deps, owner, id);
    const [approve, withdraw] = await Promise.allSettled([
      approveNeed(world.deps, staffContext, id),
      withdrawNeed(world.deps, owner, id),
    ]);
    expect(withdraw.status).toBe('fulfilled');
    const types = (await world.store.readStream(`need-${id}`)).map((e) => e.type);
    if (approve.status === 'fulfilled') {
      expect(types).toEqual([
        'NeedCreated',
        'NeedSubmitted',
        'NeedApproved',
        'NeedPublished',
        'NeedWithdrawn',
      ]);
    } else {
      expect(approve.reason).toMatchObject({ code: 'need.not_under_review' });
      expect(types).toEqual(['NeedCreated', 'NeedSubmitted', 'NeedWithdrawn']);
    }
    expect((await getNeed(world.deps, id)).state.status).toBe('closed');
  });
});
