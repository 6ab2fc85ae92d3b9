import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformStats } from '../../../src/application/queries/platform-stats.js';
import { type NeedForCases, similarCases } from '../../../src/application/queries/similar-cases.js';
import { buildWorld, type World } from './world.js';

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});
afterAll(() => world.close());

describe('platformStats', () => {
  it('counts listings, the engagement funnel, signed amounts and 百城牵手万项 on a known world', async () => {
    const stats = await platformStats(world.search);
    expect(stats).toMatchObject({
      needsByStatus: { draft: 1, submitted: 1, published: 1, fulfilled: 2 },
      needsByIndustry: { 'high-end-equipment': 2, 'transport-logistics': 1 },
      needsByCity: { zibo: 2, qingdao: 1 },
      solutionsByStatus: { draft: 1, published: 2 },
      solutionsByIndustry: { 'high-end-equipment': 1, 'transport-logistics': 1 },
      engagementsByStatus: { applied: 1, rated: 2 },
      signedAmountWan: 125,
      signedAmountByMonth: [
        { month: '2025-03', amountWan: 85, count: 1 },
        { month: '2025-04', amountWan: 40, count: 1 },
      ],
      citiesMatched: 2,
      projectsMatched: 2,
    });
    expect(stats.engagementFunnel).toEqual([
      { stage: 'opened', count: 3 },
      { stage: 'shortlisted', count: 2 },
      { stage: 'meeting_scheduled', count: 2 },
      { stage: 'signed', count: 2 },
      { stage: 'delivered', count: 2 },
      { stage: 'rated', count: 2 },
    ]);
  });

  it('ranks vendors by delivered projects then rating, and needs by interest', async () => {
    const { orgs, needs } = world;
    const stats = await platformStats(world.search);
    expect(stats.vendorRanking).toEqual([
      {
        vendorId: orgs.zhiheng.actor.orgId,
        name: '济南智衡工业软件有限公司',
        city: 'jinan',
        deliveredCount: 1,
        ratingAvg: 5,
        ratingCount: 1,
      },
      expect.objectContaining({ vendorId: orgs.shiwei.actor.orgId, deliveredCount: 1, ratingAvg: 4 }),
    ]);
    expect(stats.scenarioRanking.map((n) => [n.needId, n.engagementCount])).toEqual([
      [needs.n1, 2],
      [needs.n3, 1],
    ]);
  });
});

describe('similarCases', () => {
  const visionNeed: NeedForCases = {
    id: 'need-elsewhere',
    title: '冲压件表面缺陷视觉检测',
    description: '冲压产线人工目检漏检率高，希望用机器视觉在线检测划痕与裂纹，并联网采集设备数据。',
    industry: 'high-end-equipment',
    scenarioType: 'production',
    technologies: ['ai', 'iot'],
    city: 'weifang',
  };

  it('ranks the case that fits the need in words and taxonomy first, and says why', async () => {
    const { engagements } = world;
    const found = await similarCases(world.search, visionNeed);
    expect(found.keywords.length).toBeGreaterThan(0);
    expect(found.keywords.length).toBeLessThanOrEqual(10);
    expect(found.results.map((c) => c.id)).toEqual([engagements.e1, engagements.e2]);
    const [best, other] = found.results;
    expect(best?.fit).toMatchObject({
      sameIndustry: true,
      sameScenarioType: true,
      sharedTechnologies: ['ai'],
    });
    expect(best?.fit.keywords).toEqual(expect.arrayContaining(['机器视觉', '冲压']));
    expect(other?.fit).toMatchObject({ sameIndustry: false, sharedTechnologies: ['iot'] });
    expect(best!.score).toBeGreaterThan(other!.score);
    expect((await similarCases(world.search, visionNeed, { limit: 1 })).results).toHaveLength(1);
  });

  it('leaves out cases of the need’s own city and cases that share nothing with it', async () => {
    const { engagements } = world;
    const local = await similarCases(world.search, { ...visionNeed, city: 'zibo' });
    expect(local.results.map((c) => c.id)).toEqual([engagements.e2]);
    const unrelated = await similarCases(world.search, {
      ...visionNeed,
      title: '智慧果园病虫害监测',
      description: '果园病虫害靠人工巡查，希望用区块链追溯农资与采摘记录。',
      industry: 'modern-agriculture',
      scenarioType: 'rural',
      technologies: ['blockchain'],
    });
    expect(unrelated.results).toEqual([]);
  });
});
