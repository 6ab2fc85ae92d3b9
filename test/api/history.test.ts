import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody } from './fixtures.js';
import { createTestApi, expectProblem, registerOrg, type TestApi, type TestOrg } from './support.js';

interface Entry {
  what: string;
  type: string;
  at: string;
  who: { name: string; orgName: string };
  changes: { field: string; value: string }[];
}

describe('history and recent activity (API)', () => {
  let api: TestApi;
  let staff: { username: string; token: string };
  let demander: TestOrg;
  let stranger: TestOrg;
  let vendor: TestOrg;
  let needId: string;

  beforeAll(async () => {
    api = await createTestApi();
    staff = await api.createStaff('historian');
    demander = await registerOrg(api, 'demander', staff.token);
    stranger = await registerOrg(api, 'demander', staff.token);
    vendor = await registerOrg(api, 'vendor', staff.token);
    const created = await api.request('POST', '/api/v1/needs', { token: demander.token, body: needBody });
    needId = ((await created.json()) as { id: string }).id;
    const updated = await api.request('PATCH', `/api/v1/needs/${needId}`, {
      token: demander.token,
      body: { title: '智能质检产线改造（二期）', city: 'qingdao' },
    });
    expect(updated.status, await updated.text()).toBe(200);
    await api.request('POST', `/api/v1/needs/${needId}/submit`, { token: demander.token });
    await api.request('POST', `/api/v1/needs/${needId}/approve`, { token: staff.token });
    await api.caughtUp();
  });

  afterAll(async () => {
    await api.close();
  });

  it('tells a need’s history in Chinese: what happened, who by name and organization, when, what changed', async () => {
    const res = await api.request('GET', `/api/v1/needs/${needId}/history`, { token: staff.token });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { title: string; kindLabel: string; entries: Entry[] };
    expect(body.kindLabel).toBe('场景需求');
    expect(body.title).toBe('智能质检产线改造（二期）');
    expect(body.entries.map((e) => e.what)).toEqual([
      '创建需求',
      '修改需求',
      '提交审核',
      '审核通过',
      '发布需求',
    ]);
    const [created, updated, , approved] = body.entries;
    const orgName = `济南市${demander.username}制造有限公司`;
    expect(created!.who).toMatchObject({ name: demander.username, orgName });
    expect(approved!.who).toMatchObject({ name: 'historian', orgName: '平台' });
    expect(updated!.changes).toEqual([
      { field: '名称', value: '智能质检产线改造（二期）' },
      { field: '地市', value: '青岛' },
    ]);
    expect(Date.parse(created!.at)).not.toBeNaN();
    // Nothing a reader sees is an English code or a raw user id.
    const shown = JSON.stringify(
      body.entries.map(({ what, who, changes }) => ({ what, who: who.name, changes })),
    );
    expect(shown).not.toMatch(/Need[A-Z]/);
    expect(shown).not.toContain(demander.userId);
  });

  it('lets the owner organization read its own entity’s history, and nobody else but staff', async () => {
    const own = await api.request('GET', `/api/v1/needs/${needId}/history`, { token: demander.token });
    expect(own.status).toBe(200);
    const org = await api.request('GET', `/api/v1/orgs/${demander.orgId}/history`, { token: demander.token });
    expect(((await org.json()) as { entries: Entry[] }).entries.map((e) => e.what)).toEqual([
      '机构注册',
      '机构认证通过',
    ]);
    await expectProblem(
      await api.request('GET', `/api/v1/needs/${needId}/history`, { token: stranger.token }),
      403,
      'history.forbidden',
    );
    await expectProblem(
      await api.request('GET', `/api/v1/orgs/${demander.orgId}/history`, { token: vendor.token }),
      403,
      'history.forbidden',
    );
    await expectProblem(await api.request('GET', `/api/v1/needs/${needId}/history`), 401);
    await expectProblem(
      await api.request('GET', '/api/v1/needs/0194c4a2-7b1e-7c3a-9f00-3c1d2e4f5a6b/history', {
        token: staff.token,
      }),
      404,
    );
    await expectProblem(
      await api.request('GET', `/api/v1/needs/${needId}/history?limit=0`, { token: staff.token }),
      422,
    );
  });

  it('lists recent activity for staff, newest first, by who, what kind and when', async () => {
    const all = await api.request('GET', '/api/v1/activity', { token: staff.token });
    expect(all.status, await all.clone().text()).toBe(200);
    const page = (await all.json()) as {
      total: number;
      hits: { what: string; kind: string; who: string; orgName: string; title: string; position: number }[];
    };
    expect(page.hits[0]).toMatchObject({ what: '发布需求', kind: 'need', who: 'historian', orgName: '平台' });
    expect(page.hits.map((h) => h.position)).toEqual(
      [...page.hits.map((h) => h.position)].sort((a, b) => b - a),
    );

    const byWho = await api.request('GET', `/api/v1/activity?q=${demander.username}&kind=need`, {
      token: staff.token,
    });
    const mine = (await byWho.json()) as {
      total: number;
      hits: { what: string; who: string; title: string }[];
    };
    expect(mine.hits.map((h) => h.what)).toEqual(['提交审核', '修改需求', '创建需求']);
    expect(new Set(mine.hits.map((h) => h.who))).toEqual(new Set([demander.username]));
    expect(mine.hits[0]!.title).toBe('智能质检产线改造（二期）');

    const orgs = await api.request('GET', '/api/v1/activity?kind=org&pageSize=100', { token: staff.token });
    const orgHits = ((await orgs.json()) as { hits: { kind: string }[] }).hits;
    expect(orgHits.length).toBe(6);
    expect(orgHits.every((h) => h.kind === 'org')).toBe(true);

    const before = await api.request('GET', '/api/v1/activity?until=2025-02-28', { token: staff.token });
    expect(((await before.json()) as { total: number }).total).toBe(0);
    const onTheDay = await api.request('GET', '/api/v1/activity?since=2025-03-01&until=2025-03-01', {
      token: staff.token,
    });
    expect(((await onTheDay.json()) as { total: number }).total).toBe(page.total);
  });

  it('keeps recent activity to staff and explains a bad filter in Chinese', async () => {
    await expectProblem(await api.request('GET', '/api/v1/activity', { token: demander.token }), 403);
    const bad = await expectProblem(
      await api.request('GET', '/api/v1/activity?since=yesterday&kind=planet', { token: staff.token }),
      422,
    );
    expect(bad.errors?.map((e) => e.message).join()).toMatch(/日期须为 年-月-日 格式/);
    expect(bad.errors?.map((e) => e.message).join()).toMatch(/类别须为以下之一：场景需求/);
  });
});
