import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/shared/ids.js';
import { createInbox } from '../../src/notifications/inbox-service.js';
import { PASSWORD, registrationBody } from '../api/support.js';
import { openSite, type Site, STAFF, visitor } from './support.js';

const bellCount = (html: string) => /data-testid="bell-count">([^<]*)</.exec(html)?.[1] ?? null;

/** Three notifications straight into a user's inbox, as the reactor would deliver them. */
async function deliverThree(site: Site, userId: string) {
  const inbox = createInbox(site.deps.store, systemClock);
  const texts = ['需求已通过审核', '您的揭榜已入围', '征集批次即将截止'];
  const ids = texts.map(() => randomUUID());
  await inbox.deliver(
    userId,
    texts.map((title, i) => ({
      id: ids[i]!,
      type: 'listing.approved' as const,
      title,
      body: `第${i + 1}条通知的正文`,
      link: '/my',
      sourceEventId: ids[i]!,
      createdAt: new Date(Date.UTC(2025, 2, 1 + i)).toISOString(),
    })),
  );
  return ids;
}

async function signedInMember(site: Site) {
  const call = async (path: string, body: unknown, token?: string) => {
    const res = await site.app.request(`/api/v1${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Record<string, unknown>;
  };
  const staff = (await call('/auth/token', STAFF)) as { token: string };
  const body = registrationBody('demander');
  const { org, user } = (await call('/orgs', body)) as { org: { id: string }; user: { id: string } };
  await call(`/orgs/${org.id}/verify`, {}, staff.token);
  const browser = visitor(site);
  await browser.get('/login');
  expect((await browser.post('/login', { username: body.admin.username, password: PASSWORD })).status).toBe(
    303,
  );
  return { browser, userId: user.id };
}

describe('the bell and the inbox page', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(() => site.close());

  it('shows the unread count on every signed-in page, lists the inbox, and marking read lowers the count', async () => {
    const { browser, userId } = await signedInMember(site);
    expect(bellCount((await browser.get('/my')).html)).toBeNull();
    const ids = await deliverThree(site, userId);
    for (const path of ['/my', '/needs', '/campaigns'])
      expect(bellCount((await browser.get(path)).html)).toBe('3');

    const inbox = await browser.get('/notifications');
    expect(inbox.status).toBe(200);
    expect(inbox.html.match(/data-testid="notification"/g)).toHaveLength(3);
    // Newest first.
    expect(inbox.html.indexOf('征集批次即将截止')).toBeLessThan(inbox.html.indexOf('需求已通过审核'));

    const read = await browser.follow(
      await browser.post(`/notifications/${ids[0]}/read`, { back: '/notifications' }),
    );
    expect(read.html).toContain('已标为已读');
    expect(bellCount(read.html)).toBe('2');
    expect(
      (await browser.get('/notifications?unread=true')).html.match(/data-testid="notification"/g),
    ).toHaveLength(2);

    const all = await browser.follow(await browser.post('/notifications/read-all'));
    expect(all.html).toContain('全部通知已标为已读');
    expect(bellCount(all.html)).toBeNull();
    expect(all.html).toContain('没有未读');
  });

  it('refuses someone else’s notification in Chinese, and keeps the inbox for signed-in users', async () => {
    const owner = await signedInMember(site);
    const [theirs] = await deliverThree(site, owner.userId);
    const { browser } = await signedInMember(site);
    await browser.get('/notifications');
    // As any page of something the visitor may not reach: a 404 page that says why.
    const refused = await browser.post(`/notifications/${theirs}/read`);
    expect(refused.status).toBe(404);
    expect(refused.html).toContain('未找到这条通知：它不存在，或不是发给您的');
    expect(bellCount((await owner.browser.get('/my')).html)).toBe('3');

    const anonymous = visitor(site);
    expect((await anonymous.get('/notifications')).status).toBe(303);
    expect((await anonymous.get('/')).html).not.toContain('data-testid="bell"');
  });
});
