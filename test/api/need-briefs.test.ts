import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody } from './fixtures.js';
import { createScenario, type Scenario } from './scenario.js';
import { createTestApi, expectProblem, type TestApi } from './support.js';

/** A brief that leaves nothing to ask: the need scores 100. */
const brief = {
  problem: '三条产线共12名质检员三班倒人工目检，漏检率约3%，每年因客户退货损失约200万元。',
  goals: '表面缺陷自动在线检测，质检员转岗复核，客户退货明显减少。',
  requirements: '本地部署，与现有MES通过接口对接，节拍不低于每分钟60件。',
  acceptanceCriteria: ['缺陷检出率不低于99%', '误报率不高于2%'],
  periodMonths: 6,
};
const fullDescription =
  '我们有三条汽车零部件生产线，目前由质检员在产线末端人工目检表面划痕、压伤和锈斑，夜班漏检明显。希望利用机器视觉实现表面缺陷在线检测，与现有MES系统对接，检测结果自动回传并触发分拣。';

describe('need briefs and completeness guidance', () => {
  let api: TestApi;
  let s: Scenario;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
  });
  afterAll(() => api.close());

  const post = (path: string, token: string | undefined, body?: unknown) =>
    api.request('POST', path, { ...(token ? { token } : {}), ...(body === undefined ? {} : { body }) });

  it('keeps a brief on a new need, changes it with PATCH and shows it', async () => {
    const created = await post('/api/v1/needs', s.demander.token, { ...needBody, ...brief });
    expect(created.status).toBe(201);
    const need = (await created.json()) as Record<string, unknown>;
    expect(need).toMatchObject(brief);

    const patched = await api.request('PATCH', `/api/v1/needs/${need.id}`, {
      token: s.demander.token,
      body: { problem: null, acceptanceCriteria: ['响应时间小于2秒'] },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ problem: null, acceptanceCriteria: ['响应时间小于2秒'] });

    const history = await api.request('GET', `/api/v1/needs/${need.id}/history`, { token: s.demander.token });
    const { entries } = (await history.json()) as { entries: { changes: unknown[] }[] };
    expect(entries.at(-1)?.changes).toEqual([
      { field: '现状与痛点', value: '（空）' },
      { field: '验收指标', value: '响应时间小于2秒' },
    ]);
  });

  it('shows an old need without a brief with its parts empty', async () => {
    const id = await s.need('draft');
    const res = await api.request('GET', `/api/v1/needs/${id}`, { token: s.demander.token });
    expect(await res.json()).toMatchObject({
      problem: null,
      goals: null,
      requirements: null,
      acceptanceCriteria: [],
      periodMonths: null,
    });
  });

  it('refuses a bad part in the words of the form and appends nothing', async () => {
    const head = await api.store.headPosition();
    const res = await post('/api/v1/needs', s.demander.token, { ...needBody, periodMonths: 0 });
    const problem = await expectProblem(res, 422);
    expect(JSON.stringify(problem)).toContain('实施周期须为1到120个月');
    expect(await api.store.headPosition()).toBe(head);
  });

  it('assesses a draft and saves nothing', async () => {
    const head = await api.store.headPosition();
    const res = await post('/api/v1/needs/assess', s.demander.token, {
      title: '智能质检产线改造',
      description: '需要视觉检测。',
      budgetWan: { min: 0, max: 0 },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { score: number; hints: { field: string; message: string }[] };
    expect(body.score).toBe(0);
    expect(body.hints.map((h) => h.field)).toEqual([
      'description',
      'problem',
      'goals',
      'requirements',
      'acceptanceCriteria',
      'periodMonths',
      'budgetWan',
      'technologies',
    ]);
    expect(body.hints[0]?.message).toContain('需求描述只有7个字');
    expect(await api.store.headPosition()).toBe(head);

    const full = await post('/api/v1/needs/assess', s.staff, {
      ...needBody,
      description: fullDescription,
      ...brief,
    });
    expect(await full.json()).toEqual({ score: 100, hints: [] });
  });

  it('refuses a draft of the wrong shape with a 422 in Chinese', async () => {
    const res = await post('/api/v1/needs/assess', s.demander.token, { periodMonths: '六个月' });
    expect(JSON.stringify(await expectProblem(res, 422))).toContain('实施周期须为数字（月）');
  });

  it('gives the score and hints to the owner and staff, not to others', async () => {
    const id = await s.need('published');
    const read = async (token: string) =>
      (await (await api.request('GET', `/api/v1/needs/${id}`, { token })).json()) as Record<string, unknown>;
    const owner = await read(s.demander.token);
    expect(owner.completeness).toMatchObject({ score: expect.any(Number) });
    expect((owner.completeness as { hints: unknown[] }).hints.length).toBeGreaterThan(0);
    expect((await read(s.staff)).completeness).toEqual(owner.completeness);
    for (const other of [s.vendor.token, s.demander2.token]) {
      const seen = await read(other);
      expect(seen.title).toBe(needBody.title);
      expect(seen).not.toHaveProperty('completeness');
    }
  });

  it('finds a published need by the words of its brief', async () => {
    const created = await post('/api/v1/needs', s.demander.token, {
      ...needBody,
      requirements: '须支持国产化信创服务器部署。',
    });
    const { id } = (await created.json()) as { id: string };
    await post(`/api/v1/needs/${id}/submit`, s.demander.token);
    await post(`/api/v1/needs/${id}/approve`, s.staff);
    await api.caughtUp();
    const res = await api.request('GET', `/api/v1/needs?q=${encodeURIComponent('信创')}`);
    const list = (await res.json()) as { hits: { id: string; requirements?: string }[] };
    expect(list.hits.map((h) => h.id)).toEqual([id]);
    expect(list.hits[0]?.requirements).toBe('须支持国产化信创服务器部署。');
  });
});
