import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody, solutionBody } from '../../api/fixtures.js';
import { createTestApi, expectProblem, registerOrg, type TestApi, type TestOrg } from '../../api/support.js';

/**
 * The matching routes on the real app (mounted at `/api/v1` with its middleware), over the SQLite search index
 * the test app's projector feeds.
 */
describe('matching over the API', () => {
  let api: TestApi;
  let staffToken: string;
  let demander: TestOrg;
  let otherDemander: TestOrg;
  let vendor: TestOrg;
  let otherVendor: TestOrg;
  let needId: string;
  let solutionId: string;
  let otherSolutionId: string;
  let campaignId: string;
  /** The newest write's position, for `?after=`. */
  let position = '0';

  async function send(method: string, path: string, token: string, body?: unknown) {
    const res = await api.request(method, path, { token, ...(body === undefined ? {} : { body }) });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    position = res.headers.get('X-Position') ?? position;
    return (await res.json()) as { id: string };
  }

  async function listing(kind: 'needs' | 'solutions', owner: TestOrg, body: object) {
    const { id } = await send('POST', `/api/v1/${kind}`, owner.token, body);
    await send('POST', `/api/v1/${kind}/${id}/submit`, owner.token);
    await send('POST', `/api/v1/${kind}/${id}/approve`, staffToken);
    return id;
  }

  beforeAll(async () => {
    api = await createTestApi();
    staffToken = (await api.createStaff()).token;
    demander = await registerOrg(api, 'demander', staffToken);
    otherDemander = await registerOrg(api, 'demander', staffToken);
    vendor = await registerOrg(api, 'vendor', staffToken);
    otherVendor = await registerOrg(api, 'vendor', staffToken);
    const now = api.clock().getTime();
    campaignId = (
      await send('POST', '/api/v1/campaigns', staffToken, {
        title: '2025年第一批数字化应用场景征集',
        kind: 'both',
        opensAt: new Date(now).toISOString(),
        closesAt: new Date(now + 30 * 86_400_000).toISOString(),
      })
    ).id;
    needId = await listing('needs', demander, { ...needBody, campaignId });
    solutionId = await listing('solutions', vendor, solutionBody);
    otherSolutionId = await listing('solutions', otherVendor, {
      ...solutionBody,
      title: '表面缺陷智能检测系统',
      regionsServed: ['jinan'],
    });
    await send('POST', `/api/v1/campaigns/${campaignId}/close`, staffToken);
    await send('POST', `/api/v1/campaigns/${campaignId}/publish`, staffToken, {});
  });

  afterAll(async () => {
    await api.http.matchRounds.idle();
    await api.close();
  });

  it('GET /needs/{id}/matches returns the solutions that fit, each explained factor by factor', async () => {
    const res = await api.request('GET', `/api/v1/needs/${needId}/matches?limit=5&after=${position}`, {
      token: demander.token,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('X-Stale')).toBeNull();
    const body = (await res.json()) as {
      needId: string;
      results: {
        solutionId: string;
        vendorId: string;
        score: number;
        reasons: { factor: string; detail: string }[];
      }[];
    };
    expect(body.needId).toBe(needId);
    expect(body.results.map((r) => r.solutionId).sort()).toEqual([solutionId, otherSolutionId].sort());
    const [best] = body.results;
    expect(best!.score).toBeGreaterThan(0);
    expect(best!.reasons.map((r) => r.factor)).toContain('technology');
    for (const reason of best!.reasons) expect(reason.detail).toMatch(/[\u4e00-\u9fff]/);
  });

  it('shows a need’s matches to staff and its own organization only', async () => {
    expect((await api.request('GET', `/api/v1/needs/${needId}/matches`, { token: staffToken })).status).toBe(
      200,
    );
    await expectProblem(
      await api.request('GET', `/api/v1/needs/${needId}/matches`, { token: otherDemander.token }),
      403,
      'matching.not_need_owner',
    );
    await expectProblem(await api.request('GET', `/api/v1/needs/${needId}/matches`), 401);
    await expectProblem(
      await api.request('GET', `/api/v1/needs/${needId}/matches?limit=500`, { token: staffToken }),
      422,
      'validation',
    );
  });

  it('ranks needs for a solution and recommends needs to its vendor', async () => {
    const forSolution = await api.request('GET', `/api/v1/solutions/${solutionId}/matches`, {
      token: vendor.token,
    });
    expect(forSolution.status).toBe(200);
    expect(
      ((await forSolution.json()) as { results: { needId: string }[] }).results.map((r) => r.needId),
    ).toEqual([needId]);
    const recommended = await api.request('GET', `/api/v1/vendors/${vendor.orgId}/recommended-needs`, {
      token: vendor.token,
    });
    expect(recommended.status).toBe(200);
    expect(await recommended.json()).toMatchObject({
      vendorId: vendor.orgId,
      results: [{ needId, solutionId }],
    });
    await expectProblem(
      await api.request('GET', `/api/v1/vendors/${vendor.orgId}/recommended-needs`, {
        token: otherVendor.token,
      }),
      403,
      'matching.not_vendor',
    );
  });

  it('runs a match round over a campaign in the background and turns a recommendation into an engagement', async () => {
    const start = await api.request('POST', `/api/v1/campaigns/${campaignId}/match-rounds`, {
      token: staffToken,
      body: { topK: 1, capacityPerVendor: 1 },
    });
    expect(start.status).toBe(202);
    const { roundId } = (await start.json()) as { roundId: string };
    expect(start.headers.get('Location')).toBe(`/api/v1/match-rounds/${roundId}`);
    await api.http.matchRounds.idle();

    const res = await api.request('GET', `/api/v1/match-rounds/${roundId}`, { token: staffToken });
    expect(res.status).toBe(200);
    const round = (await res.json()) as {
      status: string;
      progress: { done: number; total: number };
      results: {
        needId: string;
        recommendations: { solutionId: string; vendorId: string; score: number }[];
      }[];
    };
    expect(round).toMatchObject({ status: 'completed', progress: { done: 1, total: 1 } });
    expect(round.results).toHaveLength(1);
    const [recommendation] = round.results[0]!.recommendations;
    expect(recommendation).toMatchObject({ solutionId: expect.any(String), score: expect.any(Number) });

    const engaged = await api.request('POST', `/api/v1/match-rounds/${roundId}/engagements`, {
      token: staffToken,
      body: { needId, solutionId: recommendation!.solutionId },
    });
    expect(engaged.status).toBe(201);
    expect(await engaged.json()).toMatchObject({
      status: 'recommended',
      needId,
      solutionId: recommendation!.solutionId,
    });
    await expectProblem(
      await api.request('POST', `/api/v1/match-rounds/${roundId}/engagements`, {
        token: staffToken,
        body: { needId, solutionId: recommendation!.solutionId },
      }),
      409,
      'matchRound.already_engaged',
    );
    await expectProblem(
      await api.request('GET', `/api/v1/match-rounds/${roundId}`, { token: vendor.token }),
      403,
    );

    // The campaign lists its rounds, newest first, as of the engagement just made.
    const position = engaged.headers.get('X-Position');
    const listed = await api.request(
      'GET',
      `/api/v1/campaigns/${campaignId}/match-rounds?after=${position}`,
      { token: staffToken },
    );
    expect(listed.status).toBe(200);
    expect(await listed.json()).toMatchObject({
      total: 1,
      hits: [
        {
          id: roundId,
          campaignId,
          status: 'completed',
          topK: 1,
          capacityPerVendor: 1,
          needCount: 1,
          recommendationCount: 1,
          engagedCount: 1,
        },
      ],
    });
    const failed = await api.request('GET', `/api/v1/campaigns/${campaignId}/match-rounds?status=failed`, {
      token: staffToken,
    });
    expect(((await failed.json()) as { total: number }).total).toBe(0);
    await expectProblem(
      await api.request('GET', `/api/v1/campaigns/${randomUUID()}/match-rounds`, { token: staffToken }),
      404,
    );
    await expectProblem(
      await api.request('GET', `/api/v1/campaigns/${campaignId}/match-rounds`, { token: vendor.token }),
      403,
    );
  });

  it('recommends no need of a suspended demander, and its needs again once it is reinstated', async () => {
    const recommendedNeedIds = async () => {
      const res = await api.request(
        'GET',
        `/api/v1/vendors/${vendor.orgId}/recommended-needs?after=${position}`,
        { token: vendor.token },
      );
      expect(res.status).toBe(200);
      return ((await res.json()) as { results: { needId: string }[] }).results.map((r) => r.needId);
    };
    await send('POST', `/api/v1/orgs/${demander.orgId}/suspend`, staffToken, {
      reason: '涉嫌虚假发布，暂停',
    });
    expect(await recommendedNeedIds()).toEqual([]);
    await send('POST', `/api/v1/orgs/${demander.orgId}/reinstate`, staffToken);
    expect(await recommendedNeedIds()).toEqual([needId]);
  });

  it('leaves out a withdrawn solution and the solutions of a suspended vendor', async () => {
    await send('POST', `/api/v1/solutions/${solutionId}/withdraw`, vendor.token);
    await send('POST', `/api/v1/orgs/${otherVendor.orgId}/suspend`, staffToken, {
      reason: '资质材料过期，暂停服务',
    });
    const res = await api.request('GET', `/api/v1/needs/${needId}/matches?after=${position}`, {
      token: staffToken,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      needId,
      results: [],
      computedAt: expect.any(String),
      statisticsAt: expect.any(String),
    });
  });
});
