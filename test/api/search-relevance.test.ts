import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/runtime.js';
import { demoDataset } from '../../src/seed/demo-dataset.js';
import { seedDemo } from '../../src/seed/demo-seed.js';
import { solutionBody } from './fixtures.js';
import { createTestApi, expectProblem, registerOrg, type TestApi } from './support.js';

/**
 * The searches of issue 16, as a new user tried them on the demo data: what the home page suggests, what
 * a listing is about, compounds whatever stands next to them, and nonsense.
 */
interface Listing {
  id: string;
  title: string;
}

describe('search finds what people type (demo data)', () => {
  let api: TestApi;
  let engineId: string;

  const search = async (list: 'needs' | 'solutions', q: string) => {
    const res = await api.request('GET', `/api/v1/${list}?q=${encodeURIComponent(q)}&pageSize=100`);
    expect(res.status, await res.clone().text()).toBe(200);
    const page = (await res.json()) as { total: number; hits: Listing[] };
    return { total: page.total, titles: page.hits.map((i) => i.title), ids: page.hits.map((i) => i.id) };
  };

  beforeAll(async () => {
    api = await createTestApi();
    await seedDemo(api.deps, systemContext('test'), { password: 'demo-pass-2025', dataset: demoDataset });
    const { token: staff } = await api.createStaff();
    const vendor = await registerOrg(api, 'vendor', staff);
    const created = await api.request('POST', '/api/v1/solutions', {
      token: vendor.token,
      body: {
        ...solutionBody,
        title: '人工智能排产优化引擎',
        description: '面向离散制造车间的人工智能排产引擎，按订单交期、设备产能与物料齐套自动生成计划。',
        technologies: ['industrial-internet'],
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    engineId = ((await created.json()) as { id: string }).id;
    await api.request('POST', `/api/v1/solutions/${engineId}/submit`, { token: vendor.token });
    await api.request('POST', `/api/v1/solutions/${engineId}/approve`, { token: staff });
    await api.caughtUp();
  }, 120_000);
  afterAll(() => api.close());

  const needTitled = (title: string) => demoDataset.needs.find((n) => n.title === title)!;
  const visionNeeds = demoDataset.needs.filter((n) => n.technologies.includes('machine-vision'));

  it.each(['视觉检测', '视觉', '机器视觉'])('finds the machine-vision needs by %s', async (q) => {
    const { titles } = await search('needs', q);
    expect(visionNeeds.length).toBeGreaterThanOrEqual(2);
    expect(titles).toEqual(expect.arrayContaining(visionNeeds.map((n) => n.title)));
  });

  it.each(['智慧养老', '养老'])('finds the need for elderly people living alone by %s', async (q) => {
    const { titles } = await search('needs', q);
    expect(titles).toContain(needTitled('独居高龄老人居家安全智能看护').title);
  });

  it.each(['人工智能', 'AI', 'ai', 'ＡＩ', '排产'])('finds 人工智能排产优化引擎 by %s', async (q) => {
    const { ids } = await search('solutions', q);
    expect(ids).toContain(engineId);
  });

  it('finds simplified text by its traditional spelling', async () => {
    const { titles } = await search('needs', '獨居老人看護');
    expect(titles).toContain('独居高龄老人居家安全智能看护');
  });

  it('finds nothing for a query whose telling words match nothing, and corrects it to nothing', async () => {
    const res = await api.request('GET', `/api/v1/needs?q=${encodeURIComponent('不存在的东西xyz')}`);
    const page = (await res.json()) as { total: number; correctedQuery?: string };
    expect(page.total).toBe(0);
    expect(page).not.toHaveProperty('correctedQuery');
    expect(page).not.toHaveProperty('relatedQuery');
  });

  it('answers a misspelling that finds nothing with the results of its correction, and says so', async () => {
    // 碳足记 (a slip of the pinyin input for 碳足迹) is in no listing.
    const res = await api.request('GET', `/api/v1/needs?q=${encodeURIComponent('碳足记')}&pageSize=100`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { total: number; correctedQuery?: string; hits: Listing[] };
    expect(page.correctedQuery).toBe('碳足迹');
    const meant = await search('needs', '碳足迹');
    expect(page.total).toBe(meant.total);
    expect(page.hits.map((h) => h.title)).toContain(needTitled('出口轴承产品碳足迹核算').title);
    // Keywords that find something as typed are never corrected.
    const typed = await api.request('GET', `/api/v1/needs?q=${encodeURIComponent('碳足迹')}`);
    expect(await typed.json()).not.toHaveProperty('correctedQuery');
  });

  it('answers keywords only the other side holds with the listings of their related words, and says which', async () => {
    // 离散制造 is said by the engine above and other solutions, by no need: the needs about what the engine does are found by
    // the engine's other words.
    expect(demoDataset.needs.filter((n) => `${n.title}${n.description}`.includes('离散制造'))).toEqual([]);
    const res = await api.request('GET', `/api/v1/needs?q=${encodeURIComponent('离散制造')}&pageSize=100`);
    const page = (await res.json()) as { total: number; relatedQuery?: string; hits: Listing[] };
    expect(page.relatedQuery).toBeDefined();
    expect(page.relatedQuery!.split(' ')).not.toContain('离散制造');
    const related = await search('needs', page.relatedQuery!);
    expect(page.total).toBe(related.total);
    expect(page.hits.map((h) => h.title)).toContain(needTitled('多品种小批量机加车间智能排产').title);
    // Keywords found as typed are never replaced.
    const typed = await api.request('GET', `/api/v1/needs?q=${encodeURIComponent('排产')}`);
    expect(await typed.json()).not.toHaveProperty('relatedQuery');
  });

  it('finds a listing by the standard abbreviation of what it names in full (APS 高级计划排程)', async () => {
    const aps = demoDataset.needs.filter((n) => /高级计划(与)?排程/.test(n.title + n.description));
    expect(aps.length).toBeGreaterThan(0);
    const { titles } = await search('needs', 'APS');
    expect(titles).toEqual(expect.arrayContaining(aps.map((n) => n.title)));
  });

  it('ranks listings holding every word before those missing one', async () => {
    const { titles } = await search('needs', '冷链 追溯');
    const holdsBoth = (title: string) => {
      const need = demoDataset.needs.find((n) => n.title === title)!;
      const text = `${need.title}${need.description}`;
      return text.includes('冷链') && (text.includes('追溯') || text.includes('溯源'));
    };
    const first = titles.findIndex((t) => !holdsBoth(t));
    expect(first).toBeGreaterThan(0);
    expect(titles.slice(first).every((t) => !holdsBoth(t))).toBe(true);
  });

  it('answers a query longer than 200 characters with a 422 in Chinese', async () => {
    const res = await api.request('GET', `/api/v1/needs?q=${encodeURIComponent('养'.repeat(201))}`);
    const problem = await expectProblem(res, 422);
    expect(JSON.stringify(problem)).toContain('关键词不能超过 200 个字符');
  });
});
