import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCampaign, openCampaign } from '../../../src/application/campaign-service.js';
import type { RequestContext } from '../../../src/application/deps.js';
import {
  approveSolution,
  createSolution,
  getSolution,
  rejectSolution,
  retireSolution,
  submitSolution,
  updateSolution,
} from '../../../src/application/solution-service.js';
import { openWorld, organizationMember, type ServiceWorld, staffContext } from './listing-support.js';

const solutionInput = {
  title: '工业视觉缺陷检测平台',
  description: '基于深度学习的表面缺陷检测平台，支持多品类零部件在线检测，已在多家工厂落地。',
  industries: ['high-end-equipment'],
  scenarioTypes: ['production', 'quality'],
  technologies: ['ai', 'machine-vision'],
  regionsServed: ['*'],
  priceWan: { min: 30, max: 80 },
  deployment: 'hybrid',
};

let world: ServiceWorld;
let vendor: RequestContext & { orgId: string };
let demander: RequestContext & { orgId: string };
beforeAll(async () => {
  world = openWorld();
  [vendor, demander] = await Promise.all([
    organizationMember(world, 'vendor'),
    organizationMember(world, 'demander'),
  ]);
});
afterAll(() => world.close());

describe('solution lifecycle through the services', () => {
  it('creates, submits and approves a solution, which is published at once', async () => {
    const created = await createSolution(world.deps, vendor, solutionInput);
    expect(created.state).toMatchObject({ status: 'draft', vendorId: vendor.orgId, regionsServed: ['*'] });
    await submitSolution(world.deps, vendor, created.id);
    const approved = await approveSolution(world.deps, staffContext, created.id);
    expect(approved.state.status).toBe('published');
    expect(approved.state.publishedAt).not.toBeNull();
    expect((await getSolution(world.deps, created.id)).revision).toBe(approved.revision);
  });

  it('sends a solution back with a reason, takes the correction, and lets staff delist it', async () => {
    const { id } = await createSolution(world.deps, vendor, solutionInput);
    await submitSolution(world.deps, vendor, id);
    const rejected = await rejectSolution(world.deps, staffContext, id, { reason: '请补充落地案例' });
    expect(rejected.state.rejectionReason).toBe('请补充落地案例');
    await updateSolution(world.deps, vendor, id, { description: `${solutionInput.description}案例见附件。` });
    await submitSolution(world.deps, vendor, id);
    await approveSolution(world.deps, staffContext, id);
    expect((await retireSolution(world.deps, staffContext, id)).state.status).toBe('retired');
  });

  it('refuses a demander posting a solution', async () => {
    await expect(createSolution(world.deps, demander, solutionInput)).rejects.toMatchObject({
      code: 'solution.vendor_only',
      status: 403,
    });
  });

  it('refuses edits once submitted', async () => {
    const { id } = await createSolution(world.deps, vendor, solutionInput);
    await submitSolution(world.deps, vendor, id);
    await expect(updateSolution(world.deps, vendor, id, { deployment: 'saas' })).rejects.toMatchObject({
      code: 'solution.not_editable',
      message: '方案已提交审核，不能修改',
    });
  });

  it('enters a solution submitted into an open campaign into that campaign', async () => {
    const now = world.deps.clock().getTime();
    const campaign = await openCampaign(world.deps, staffContext, {
      title: '2025年数字化解决方案征集',
      kind: 'both',
      opensAt: new Date(now - 86_400_000).toISOString(),
      closesAt: new Date(now + 30 * 86_400_000).toISOString(),
    });
    const { id } = await createSolution(world.deps, vendor, { ...solutionInput, campaignId: campaign.id });
    await submitSolution(world.deps, vendor, id);
    expect((await getCampaign(world.deps, campaign.id)).state.items.solutions).toEqual([id]);
  });

  it('is a 404 for a solution that does not exist', async () => {
    await expect(getSolution(world.deps, '0195a0c0-0000-7000-8000-000000000404')).rejects.toMatchObject({
      code: 'solution.not_found',
      status: 404,
    });
  });
});

describe('racing commands on one solution (SQLite store)', () => {
  it('never loses an update: concurrent edits of different fields all land', async () => {
    const { id, revision } = await createSolution(world.deps, vendor, solutionInput);
    const edits = [
      { deployment: 'saas' },
      { regionsServed: ['jinan', 'qingdao'] },
      { priceWan: { min: 10, max: 60 } },
    ];
    const conflictsBefore = world.conflicts();
    await Promise.all(edits.map((edit) => updateSolution(world.deps, vendor, id, edit)));
    expect(world.conflicts()).toBeGreaterThan(conflictsBefore);
    const { state, revision: after } = await getSolution(world.deps, id);
    expect(after).toBe(revision + 3n);
    expect(state).toMatchObject(Object.assign({}, ...edits));
  });

  it('a racing submit and edit never leave an edit applied after submission', async () => {
    const { id } = await createSolution(world.deps, vendor, solutionInput);
    const [edit] = await Promise.allSettled([
      updateSolution(world.deps, vendor, id, { deployment: 'saas' }),
      submitSolution(world.deps, vendor, id),
    ]);
    const types = (await world.store.readStream(`solution-${id}`)).map((e) => e.type);
    if (edit.status === 'fulfilled')
      expect(types).toEqual(['SolutionCreated', 'SolutionUpdated', 'SolutionSubmitted']);
    else expect(types).toEqual(['SolutionCreated', 'SolutionSubmitted']);
  });
});
