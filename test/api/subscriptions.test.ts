import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxOf, startReactor } from './notifications-support.js';
import { createScenario, type Scenario } from './scenario.js';
import { createTestApi, expectProblem, type TestApi } from './support.js';

describe('saved searches: /api/v1/me/subscriptions', () => {
  let api: TestApi;
  let s: Scenario;
  let reactor: Awaited<ReturnType<typeof startReactor>>;
  beforeAll(async () => {
    api = await createTestApi();
    reactor = await startReactor(api);
    s = await createScenario(api);
    // A process's first search of several words loads the segmenter's word weights (about 2 s, once): a
    // serving process has done that long before a need is approved.
    await api.request('GET', `/api/v1/needs?q=${encodeURIComponent('智能 质检')}`);
    await reactor.settled();
  });
  afterAll(async () => {
    await reactor.reactor.stop();
    await api.close();
  });

  const subscribe = (token: string | undefined, body: unknown) =>
    api.request('POST', '/api/v1/me/subscriptions', { ...(token ? { token } : {}), body });
  const listOf = async (token: string) => {
    const res = await api.request('GET', '/api/v1/me/subscriptions', { token });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: { id: string; q: string }[] }).items;
  };

  it('saves a search with its id, lists it to its owner only, and cancels it', async () => {
    const res = await subscribe(s.vendor2.token, {
      kind: 'needs',
      q: ' 数字孪生 ',
      industries: ['high-end-equipment'],
    });
    expect(res.status).toBe(201);
    const saved = (await res.json()) as { id: string };
    expect(saved).toMatchObject({
      id: expect.any(String),
      kind: 'needs',
      q: '数字孪生',
      industries: ['high-end-equipment'],
      technologies: [],
      cities: [],
      channels: ['inbox'],
    });
    expect(res.headers.get('location')).toBe(`/api/v1/me/subscriptions/${saved.id}`);
    expect((await listOf(s.vendor2.token)).map((item) => item.id)).toContain(saved.id);
    expect((await listOf(s.demander2.token)).map((item) => item.id)).not.toContain(saved.id);

    const someoneElses = await api.request('DELETE', `/api/v1/me/subscriptions/${saved.id}`, {
      token: s.demander2.token,
    });
    const problem = await expectProblem(someoneElses, 404, 'subscription.not_found');
    expect(problem.detail).toMatch(/未找到这个订阅/);
    const unknown = await api.request(
      'DELETE',
      '/api/v1/me/subscriptions/0194c4a2-7b1e-7c3a-9f00-3c1d2e4f5a6b',
      {
        token: s.vendor2.token,
      },
    );
    await expectProblem(unknown, 404, 'subscription.not_found');

    const removed = await api.request('DELETE', `/api/v1/me/subscriptions/${saved.id}`, {
      token: s.vendor2.token,
    });
    expect(removed.status).toBe(204);
    expect((await listOf(s.vendor2.token)).map((item) => item.id)).not.toContain(saved.id);
  });

  it('refuses bad input in Chinese, and saves nothing', async () => {
    const before = (await listOf(s.demander2.token)).length;
    const cases: [body: unknown, path: string, message: RegExp][] = [
      [{ kind: 'cases' }, 'kind', /订阅类型须为/],
      [{ kind: 'needs', industries: ['steel-making'] }, 'industries.0', /未知的行业代码，可用的代码如/],
      [{ kind: 'needs', technologies: ['视觉'] }, 'technologies.0', /未知的技术代码/],
      [{ kind: 'solutions', cities: ['beijing'] }, 'cities.0', /未知的城市代码/],
      [{ kind: 'needs', q: '视'.repeat(201) }, 'q', /关键词不能超过200个字/],
      [{ kind: 'needs', channels: ['sms'] }, 'channels.0', /通知方式须为/],
      [{ kind: 'needs', channels: [] }, 'channels', /请至少选择一种通知方式/],
    ];
    for (const [body, path, message] of cases) {
      const problem = await expectProblem(await subscribe(s.demander2.token, body), 422);
      expect(problem.errors, JSON.stringify(body)).toEqual(
        expect.arrayContaining([{ path, message: expect.stringMatching(message) }]),
      );
    }
    expect(await listOf(s.demander2.token)).toHaveLength(before);
    await expectProblem(await subscribe(undefined, { kind: 'needs' }), 401);
  });

  it('refuses the same search twice', async () => {
    const body = { kind: 'solutions', q: '园区安防', cities: ['qingdao', 'jinan'] };
    expect((await subscribe(s.demander2.token, body)).status).toBe(201);
    const again = await subscribe(s.demander2.token, { ...body, cities: ['jinan', 'qingdao'] });
    const problem = await expectProblem(again, 409, 'subscription.duplicate');
    expect(problem.detail).toBe('您已订阅了相同的搜索');
  });

  it("turns a newly approved need into a subscription.hit in a vendor's inbox within 2 s", async () => {
    const hit = await subscribe(s.vendor.token, {
      kind: 'needs',
      q: '机器视觉 缺陷检测',
      cities: ['jinan'],
      channels: ['inbox', 'email'],
    });
    expect(hit.status).toBe(201);
    // Another vendor's search for the same words elsewhere: the need is not for it.
    const miss = await subscribe(s.vendor2.token, {
      kind: 'needs',
      q: '机器视觉 缺陷检测',
      cities: ['yantai'],
    });
    expect(miss.status).toBe(201);
    await reactor.settled();
    const before = (await inboxOf(api, s.vendor2.token)).total;

    const needId = await s.need('submitted');
    const approvedAt = performance.now();
    const approve = await api.request('POST', `/api/v1/needs/${needId}/approve`, { token: s.staff });
    expect(approve.status).toBe(200);
    let elapsed = Number.POSITIVE_INFINITY;
    while (performance.now() - approvedAt < 2000) {
      const inbox = await inboxOf(api, s.vendor.token, '?pageSize=100');
      if (inbox.items.some((n) => n.type === 'subscription.hit' && n.link === `/needs/${needId}`)) {
        elapsed = performance.now() - approvedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(elapsed).toBeLessThan(2000);
    const [told] = (await inboxOf(api, s.vendor.token)).items.filter((n) => n.type === 'subscription.hit');
    expect(told).toMatchObject({
      title: '您订阅的搜索有新的场景需求',
      body: '新发布的场景需求「智能质检产线改造」符合您订阅的搜索：关键词「机器视觉 缺陷检测」，城市：济南。',
    });
    // The channels chosen travel with the notification for the mail and webhook dispatchers.
    const stored = await api.store.readStream(`inbox-${s.vendor.userId}`);
    const created = stored.find(
      (e) => e.type === 'NotificationCreated' && e.data.type === 'subscription.hit',
    );
    expect(created?.data.channels).toEqual(['inbox', 'email']);
    await reactor.settled();
    expect((await inboxOf(api, s.vendor2.token)).total).toBe(before);
  });
});
