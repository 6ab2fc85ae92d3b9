import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody } from './fixtures.js';
import { createScenario } from './scenario.js';
import { createTestApi, expectProblem, type TestApi } from './support.js';

type Page = { hits: { id: string }[]; total: number };

/**
 * A suspended or cancelled organization is out of the market: its listings leave the public lists and
 * search (as they leave the match lists) until it is reinstated, and no one takes up its needs meanwhile.
 * Staff and the organization itself still see them.
 */
describe('listings of an organization out of the market', () => {
  let api: TestApi;
  let s: Awaited<ReturnType<typeof createScenario>>;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
  });
  afterAll(() => api.close());

  async function staffAction(orgId: string, action: 'suspend' | 'reinstate') {
    const body = action === 'suspend' ? { reason: '资料不实，暂停服务' } : undefined;
    const res = await api.request('POST', `/api/v1/orgs/${orgId}/${action}`, {
      token: s.staff,
      ...(body ? { body } : {}),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  }

  async function listed(path: string, token?: string): Promise<string[]> {
    await api.caughtUp();
    const res = await api.request('GET', path, token ? { token } : {});
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as Page).hits.map((item) => item.id);
  }

  it('takes a suspended demander’s needs out of the public lists and search until it is reinstated', async () => {
    const needId = await s.need('published', s.demander2);
    const path = '/api/v1/needs?q=智能质检&pageSize=100';
    expect(await listed(path)).toContain(needId);

    await staffAction(s.demander2.orgId, 'suspend');
    expect(await listed(path)).not.toContain(needId);
    expect(await listed('/api/v1/needs?pageSize=100', s.vendor.token)).not.toContain(needId);
    expect(await listed(path, s.staff)).toContain(needId);
    expect(await listed(`/api/v1/needs?orgId=${s.demander2.orgId}&pageSize=100`, s.staff)).toContain(needId);

    await staffAction(s.demander2.orgId, 'reinstate');
    expect(await listed(path)).toContain(needId);
  });

  it('refuses 揭榜 and questions on the need of a suspended demander, in plain words, and appends nothing', async () => {
    const needId = await s.need('published', s.demander2);
    await staffAction(s.demander2.orgId, 'suspend');
    const head = await api.store.headPosition();
    const res = await api.request('POST', `/api/v1/needs/${needId}/applications`, {
      token: s.vendor.token,
      body: applicationBody(s.vendorSolution),
    });
    const problem = await expectProblem(res, 409, 'engagement.demander_out_of_market');
    expect(problem.detail).toBe('需求方机构已被暂停或已注销，不能揭榜或推荐');
    const question = await api.request('POST', `/api/v1/needs/${needId}/questions`, {
      token: s.vendor.token,
      body: { text: '现有产线的相机型号是什么？' },
    });
    const refused = await expectProblem(question, 409, 'question.demander_out_of_market');
    expect(refused.detail).toBe('需求方机构已被暂停或已注销，暂不能提问');
    expect(await api.store.headPosition()).toBe(head);

    await staffAction(s.demander2.orgId, 'reinstate');
    const applied = await api.request('POST', `/api/v1/needs/${needId}/applications`, {
      token: s.vendor.token,
      body: applicationBody(s.vendorSolution),
    });
    expect(applied.status, await applied.clone().text()).toBe(201);
  });

  it('takes a suspended vendor’s solutions out of the public lists, but not out of its own', async () => {
    const solutionId = await s.solution('published', s.vendor2);
    const path = '/api/v1/solutions?q=缺陷检测&pageSize=100';
    expect(await listed(path)).toContain(solutionId);

    await staffAction(s.vendor2.orgId, 'suspend');
    expect(await listed(path)).not.toContain(solutionId);
    expect(await listed(path, s.demander.token)).not.toContain(solutionId);
    expect(await listed('/api/v1/solutions?mine=true&pageSize=100', s.vendor2.token)).toContain(solutionId);
    expect(await listed(path, s.staff)).toContain(solutionId);

    await staffAction(s.vendor2.orgId, 'reinstate');
    expect(await listed(path)).toContain(solutionId);
  });

  it('leaves a suspended demander’s needs out of the public 打榜 of needs by interest', async () => {
    const needId = await s.need('published', s.demander2);
    const solutionId = await s.solution('published', s.vendor2);
    const applied = await api.request('POST', `/api/v1/needs/${needId}/applications`, {
      token: s.vendor2.token,
      body: applicationBody(solutionId),
    });
    expect(applied.status, await applied.clone().text()).toBe(201);
    const ranked = async () => {
      await api.caughtUp();
      const res = await api.request('GET', '/api/v1/stats');
      return ((await res.json()) as { scenarioRanking: { needId: string }[] }).scenarioRanking.map(
        (n) => n.needId,
      );
    };
    expect(await ranked()).toContain(needId);
    await staffAction(s.demander2.orgId, 'suspend');
    expect(await ranked()).not.toContain(needId);
    await staffAction(s.demander2.orgId, 'reinstate');
    expect(await ranked()).toContain(needId);
  });
});
