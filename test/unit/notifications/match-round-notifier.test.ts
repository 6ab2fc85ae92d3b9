import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchRoundNotifier } from '../../../src/notifications/match-round-notifier.js';
import { needBody, solutionBody } from '../../api/fixtures.js';
import { inboxOf, startReactor } from '../../api/notifications-support.js';
import { createScenario, type Scenario } from '../../api/scenario.js';
import { createTestApi, registerOrg, type TestApi, type TestOrg } from '../../api/support.js';

type Round = { results: { needId: string; recommendations: { solutionId: string; vendorId: string }[] }[] };

describe('match_round.recommended: a staff match round over a campaign', () => {
  let api: TestApi;
  let s: Scenario;
  let reactor: Awaited<ReturnType<typeof startReactor>>;
  let vendor3: TestOrg;
  const needs: Record<string, string> = {};
  let round: Round;

  const post = async (path: string, token: string, body?: unknown) => {
    const res = await api.request('POST', `/api/v1${path}`, {
      token,
      ...(body === undefined ? {} : { body }),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const publish = async (kind: 'needs' | 'solutions', owner: TestOrg, body: object) => {
    const { id } = (await post(`/${kind}`, owner.token, body)) as { id: string };
    await post(`/${kind}/${id}/submit`, owner.token);
    await post(`/${kind}/${id}/approve`, s.staff);
    return id;
  };

  beforeAll(async () => {
    api = await createTestApi();
    // This notifier only, so that each inbox holds exactly what the round told.
    reactor = await startReactor(api, { notifiers: [matchRoundNotifier] });
    s = await createScenario(api);
    vendor3 = await registerOrg(api, 'vendor', s.staff);
    await publish('solutions', vendor3, { ...solutionBody, title: '产线表面缺陷视觉检测系统' });
    const campaignId = await s.campaign('open');
    needs[s.demander.orgId] = await publish('needs', s.demander, { ...needBody, campaignId });
    needs[s.demander2.orgId] = await publish('needs', s.demander2, {
      ...needBody,
      title: '冲压件外观缺陷自动检测',
      campaignId,
    });
    // A round matches the needs of the campaign's published list.
    await post(`/campaigns/${campaignId}/close`, s.staff);
    await post(`/campaigns/${campaignId}/publish`, s.staff, {});
    await api.caughtUp();
    const { roundId } = (await post(`/campaigns/${campaignId}/match-rounds`, s.staff, {
      topK: 2,
      capacityPerVendor: 2,
    })) as { roundId: string };
    await api.http.matchRounds.idle();
    round = (await (
      await api.request('GET', `/api/v1/match-rounds/${roundId}`, { token: s.staff })
    ).json()) as Round;
    await reactor.settled();
  });
  afterAll(async () => {
    await reactor.reactor.stop();
    await api.close();
  });

  it('recommends something for each of the campaign’s needs (else the rest proves nothing)', () => {
    expect(round.results.map((r) => r.needId).sort()).toEqual(Object.values(needs).sort());
    for (const result of round.results) expect(result.recommendations.length).toBeGreaterThan(0);
  });

  it('tells each recommended vendor, once, how many needs it was recommended for, in Chinese, with a link', async () => {
    const vendors = new Map<string, number>();
    for (const { recommendations } of round.results) {
      for (const { vendorId } of recommendations) vendors.set(vendorId, (vendors.get(vendorId) ?? 0) + 1);
    }
    expect([...vendors.keys()].sort()).toEqual([s.vendor.orgId, vendor3.orgId].sort());
    for (const org of [s.vendor, vendor3]) {
      const inbox = await inboxOf(api, org.token);
      expect(inbox.items).toEqual([
        expect.objectContaining({
          type: 'match_round.recommended',
          title: '您的方案获得匹配推荐',
          body: `本轮云速配为您的方案推荐了 ${vendors.get(org.orgId)} 个场景需求。`,
          link: '/my',
          readAt: null,
        }),
      ]);
    }
  });

  it('tells each demander how many solutions its need was recommended, linking to the need', async () => {
    for (const org of [s.demander, s.demander2]) {
      const result = round.results.find((r) => r.needId === needs[org.orgId])!;
      const inbox = await inboxOf(api, org.token);
      expect(inbox.items).toEqual([
        expect.objectContaining({
          type: 'match_round.recommended',
          title: '您的需求获得匹配推荐',
          body: `本轮云速配为您的需求推荐了 ${result.recommendations.length} 个解决方案。`,
          link: `/needs/${needs[org.orgId]}`,
        }),
      ]);
    }
  });

  it('tells no one the round recommends nothing to', async () => {
    // vendor2 has no published solution.
    expect((await inboxOf(api, s.vendor2.token)).total).toBe(0);
  });
});
