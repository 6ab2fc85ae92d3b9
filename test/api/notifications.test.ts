import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignOpenedNotifier } from '../../src/notifications/campaign-notifier.js';
import { engagementNotifier } from '../../src/notifications/engagement-notifier.js';
import { listingNotifier } from '../../src/notifications/listing-notifier.js';
import { organizationNotifier } from '../../src/notifications/organization-notifier.js';
import { applicationBody } from './fixtures.js';
import { inboxOf, startReactor } from './notifications-support.js';
import { createScenario, type Scenario } from './scenario.js';
import { createTestApi, expectProblem, registerOrg, type TestApi } from './support.js';

const DAY = 24 * 3600_000;

describe('notifications: the reactor over the store, the inbox API', () => {
  let api: TestApi;
  let s: Scenario;
  let reactor: Awaited<ReturnType<typeof startReactor>>;
  beforeAll(async () => {
    api = await createTestApi();
    // This file's notifiers only, so that each inbox's exact content is known.
    reactor = await startReactor(api, {
      notifiers: [engagementNotifier, listingNotifier, organizationNotifier, campaignOpenedNotifier],
    });
    s = await createScenario(api);
    await reactor.settled();
  });
  afterAll(async () => {
    await reactor.reactor.stop();
    await api.close();
  });

  const post = async (path: string, token: string, body?: unknown) => {
    const res = await api.request('POST', `/api/v1${path}`, {
      token,
      ...(body === undefined ? {} : { body }),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const typesOf = async (token: string) =>
    (await inboxOf(api, token, '?pageSize=100')).items.map((n) => n.type);

  it('tells each organization its verification, and its listings approved', async () => {
    // createScenario verified all four organizations and approved the vendor's solution.
    expect(await typesOf(s.demander.token)).toEqual(['org.verified']);
    expect(await typesOf(s.vendor.token)).toEqual(['listing.approved', 'org.verified']);
    const [approved] = (await inboxOf(api, s.vendor.token)).items;
    expect(approved).toMatchObject({
      title: '解决方案已通过审核',
      link: `/solutions/${s.vendorSolution}`,
      readAt: null,
    });
  });

  it('tells the other party of each engagement step, and no one else', async () => {
    const before = {
      demander: (await inboxOf(api, s.demander.token)).total,
      vendor: (await inboxOf(api, s.vendor.token)).total,
      vendor2: (await inboxOf(api, s.vendor2.token)).total,
    };
    const engagementId = await s.engagement('delivered');
    await post(`/engagements/${engagementId}/rate`, s.vendor.token, { score: 5, comment: '合作顺畅' });
    await reactor.settled();
    const demander = await inboxOf(api, s.demander.token, '?pageSize=100');
    const vendor = await inboxOf(api, s.vendor.token, '?pageSize=100');
    const fresh = (inbox: typeof demander, from: number) =>
      inbox.items
        .slice(0, inbox.total - from)
        .map((n) => n.type)
        .reverse();
    expect(fresh(demander, before.demander)).toEqual([
      'listing.approved',
      'engagement.applied',
      'engagement.signed',
      'engagement.rated',
    ]);
    expect(fresh(vendor, before.vendor)).toEqual([
      'engagement.shortlisted',
      'engagement.meeting_scheduled',
      // The vendor signed last: the signing is news to the demander only.
      'engagement.delivered',
    ]);
    expect((await inboxOf(api, s.vendor2.token)).total).toBe(before.vendor2);
    expect(vendor.items[0]).toMatchObject({ link: `/engagements/${engagementId}`, title: '对接已交付' });
    expect(demander.items[0]!.body).toContain('5 分');
  });

  it('tells the vendor why its engagement was declined, and the owner why a listing was rejected', async () => {
    const needId = await s.need('published');
    const { id } = await post(
      `/needs/${needId}/applications`,
      s.vendor.token,
      applicationBody(s.vendorSolution),
    );
    await post(`/engagements/${id}/decline`, s.demander.token, { reason: '预算不符' });
    const rejected = await s.need('submitted');
    await post(`/needs/${rejected}/reject`, s.staff, { reason: '描述不够具体' });
    await reactor.settled();
    const [declined] = (await inboxOf(api, s.vendor.token)).items;
    expect(declined).toMatchObject({ type: 'engagement.declined', title: '对接未被采纳' });
    expect(declined!.body).toContain('预算不符');
    const [refused] = (await inboxOf(api, s.demander.token)).items;
    expect(refused).toMatchObject({ type: 'listing.rejected', link: `/needs/${rejected}` });
    expect(refused!.body).toContain('描述不够具体');
  });

  it('tells a suspended organization why', async () => {
    const org = await registerOrg(api, 'vendor', s.staff);
    await post(`/orgs/${org.orgId}/suspend`, s.staff, { reason: '资料不实' });
    await reactor.settled();
    // A suspended organization's users cannot sign in; their inbox waits for them.
    const inbox = await api.http.inbox.page(org.userId, { page: 1, pageSize: 20 });
    expect(inbox.items.map((n) => n.type)).toEqual(['org.suspended', 'org.verified']);
    expect(inbox.items[0]!.body).toContain('资料不实');
  });

  it('lists newest first, unread only on request, a page at a time', async () => {
    const all = await inboxOf(api, s.demander.token, '?pageSize=100');
    expect(all.total).toBeGreaterThan(4);
    expect(all.unread).toBe(all.total);
    const times = all.items.map((n) => n.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const second = await inboxOf(api, s.demander.token, '?page=2&pageSize=2');
    expect(second.items.map((n) => n.id)).toEqual(all.items.slice(2, 4).map((n) => n.id));
    expect(second.total).toBe(all.total);
    const bad = await api.request('GET', '/api/v1/me/notifications?pageSize=0', { token: s.demander.token });
    expect((await expectProblem(bad, 422)).errors?.[0]?.message).toBe('每页条数须为 1 到 100 的整数');
  });

  it('marks one read (lowering the unread count), then all, and refuses someone else’s id in Chinese', async () => {
    const before = await inboxOf(api, s.demander.token);
    const target = before.items[1]!;
    const res = await api.request('POST', `/api/v1/me/notifications/${target.id}/read`, {
      token: s.demander.token,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { readAt: string | null }).readAt).toEqual(expect.any(String));
    const after = await inboxOf(api, s.demander.token);
    expect(after.unread).toBe(before.unread - 1);
    // Marking it again changes nothing.
    await api.request('POST', `/api/v1/me/notifications/${target.id}/read`, { token: s.demander.token });
    expect((await inboxOf(api, s.demander.token)).unread).toBe(before.unread - 1);
    const unreadOnly = await inboxOf(api, s.demander.token, '?unread=true&pageSize=100');
    expect(unreadOnly.items.map((n) => n.id)).not.toContain(target.id);
    expect(unreadOnly.total).toBe(before.unread - 1);

    const stranger = await api.request('POST', `/api/v1/me/notifications/${target.id}/read`, {
      token: s.demander2.token,
    });
    const problem = await expectProblem(stranger, 404, 'not_found');
    expect(problem.detail).toBe('未找到这条通知：它不存在，或不是发给您的');
    const unknown = await api.request('POST', '/api/v1/me/notifications/nope/read', {
      token: s.demander.token,
    });
    await expectProblem(unknown, 404);

    const all = await api.request('POST', '/api/v1/me/notifications/read-all', { token: s.demander.token });
    expect(await all.json()).toEqual({ unread: 0 });
    const read = await inboxOf(api, s.demander.token, '?pageSize=100');
    expect(read.unread).toBe(0);
    expect(read.items.every((n) => n.readAt !== null)).toBe(true);
    // Someone else's inbox is untouched by all of it.
    expect((await inboxOf(api, s.demander2.token)).unread).toBeGreaterThan(0);
  });

  it('(last: it moves the clock) tells verified organizations a campaign opened, and once, three days before, that it closes', async () => {
    const pending = await s.org('pending');
    expect(pending).toBeTruthy();
    const campaignId = await s.campaign('open');
    await reactor.settled();
    for (const org of [s.demander, s.demander2, s.vendor, s.vendor2]) {
      const [opened] = (await inboxOf(api, org.token)).items;
      expect(opened).toMatchObject({ type: 'campaign.opened', link: `/campaigns/${campaignId}` });
    }
    // 30 days left: too early.
    expect(await reactor.reactor.remindClosingCampaigns()).toBe(0);
    api.advance(27 * DAY + 3600_000);
    expect(await reactor.reactor.remindClosingCampaigns()).toBe(4);
    expect(await reactor.reactor.remindClosingCampaigns()).toBe(0);
    api.advance(DAY);
    expect(await reactor.reactor.remindClosingCampaigns()).toBe(0);
    // Tokens have expired by now: read the inbox as the page header does.
    const [closing] = (await api.http.inbox.page(s.vendor2.userId, { page: 1, pageSize: 1 })).items;
    expect(closing).toMatchObject({ type: 'campaign.closing', title: '征集批次即将截止' });
  });
});
