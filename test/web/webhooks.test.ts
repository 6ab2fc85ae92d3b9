import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/shared/ids.js';
import { createInbox } from '../../src/notifications/inbox-service.js';
import { WebhookDispatcher } from '../../src/notifications/webhook-dispatcher.js';
import { PASSWORD, registrationBody } from '../api/support.js';
import { openSite, type Site, visitor } from './support.js';

const SECRET = 'robot-secret-0123456789';

/** A receiver on 127.0.0.1 that answers every delivery with 500. */
async function startFailingReceiver() {
  let posts = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      posts += 1;
      res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/robot`,
    posts: () => posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function signedInMember(site: Site) {
  const body = registrationBody('demander');
  const res = await site.app.request('/api/v1/orgs', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const { user } = (await res.json()) as { user: { id: string } };
  const browser = visitor(site);
  await browser.get('/login');
  expect((await browser.post('/login', { username: body.admin.username, password: PASSWORD })).status).toBe(
    303,
  );
  return { browser, userId: user.id };
}

const hookIds = (html: string) => [...html.matchAll(/href="\/me\/webhooks\/([^"/]+)"/g)].map((m) => m[1]!);

describe('Webhook 推送 /me/webhooks: an organization’s users manage its webhooks on the site', () => {
  let site: Site;
  let receiver: Awaited<ReturnType<typeof startFailingReceiver>>;
  let hooks: WebhookDispatcher;

  beforeAll(async () => {
    site = await openSite();
    receiver = await startFailingReceiver();
    hooks = new WebhookDispatcher({
      store: site.deps.store,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      inbox: createInbox(site.deps.store, systemClock),
      tickMs: 0,
      checkpointEveryMs: 0,
    });
    await hooks.start();
  });
  afterAll(async () => {
    await hooks.stop();
    await receiver.close();
    await site.close();
  });

  it('is linked from the workspace, refuses bad input in Chinese, adds a hook and shows its delivery log', async () => {
    const { browser, userId } = await signedInMember(site);
    expect((await browser.get('/my')).html).toContain('href="/me/webhooks"');
    const empty = await browser.get('/me/webhooks');
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('还没有 Webhook。');

    const refused = await browser.post('/me/webhooks', { url: 'ftp://robot.example.cn/x', secret: 'short' });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('接收地址：请填写以 http:// 或 https:// 开头的完整地址');
    expect(refused.html).toContain('签名密钥：签名密钥须为 16 到 200 个字符');
    expect(refused.html).toContain('推送哪些通知：请至少选择一类通知');
    expect(refused.html).toContain('value="ftp://robot.example.cn/x"');
    expect(hookIds(refused.html)).toEqual([]);

    const added = await browser.follow(
      await browser.post('/me/webhooks', {
        url: receiver.url,
        secret: SECRET,
        types: ['listing.approved', 'invitation.received'],
      }),
    );
    expect(added.html).toContain('已添加 Webhook');
    expect(added.html).toContain(receiver.url);
    expect(added.html).toContain('推送：需求或方案通过审核、收到揭榜邀请');
    expect(added.html).not.toContain(SECRET);
    const [hookId] = hookIds(added.html);
    expect(hookId).toBeDefined();

    expect((await browser.get(`/me/webhooks/${hookId}`)).html).toContain('还没有推送记录。');
    const sourceEventId = randomUUID();
    await createInbox(site.deps.store, systemClock).deliver(userId, [
      {
        id: randomUUID(),
        type: 'listing.approved',
        title: '需求已通过审核',
        body: '您的需求已通过平台审核。',
        link: '/my',
        sourceEventId,
        createdAt: new Date().toISOString(),
      },
    ]);
    expect(await hooks.waitFor(await site.deps.store.headPosition(), 10_000)).toBe(true);
    await hooks.attemptDue();
    expect(receiver.posts()).toBe(1);
    const log = await browser.get(`/me/webhooks/${hookId}`);
    expect(log.status).toBe(200);
    expect(log.html.match(/data-testid="delivery"/g)).toHaveLength(1);
    expect(log.html).toContain('需求或方案通过审核');
    expect(log.html).toContain('等待重试');
    expect(log.html).toContain('HTTP 500');
  });

  it('keeps each organization’s hooks to its own users, and deletes one', async () => {
    const owner = await signedInMember(site);
    await owner.browser.get('/me/webhooks');
    const added = await owner.browser.follow(
      await owner.browser.post('/me/webhooks', { url: receiver.url, secret: SECRET, types: 'org.verified' }),
    );
    const [hookId] = hookIds(added.html);

    const stranger = await signedInMember(site);
    expect((await stranger.browser.get('/me/webhooks')).html).not.toContain(hookId);
    const foreignLog = await stranger.browser.get(`/me/webhooks/${hookId}`);
    expect(foreignLog.status).toBe(404);
    expect(foreignLog.html).toContain('未找到该 Webhook');
    const foreignDelete = await stranger.browser.post(`/me/webhooks/${hookId}/delete`);
    expect(foreignDelete.status).toBe(404);
    expect(hookIds((await owner.browser.get('/me/webhooks')).html)).toEqual([hookId]);

    const removed = await owner.browser.follow(await owner.browser.post(`/me/webhooks/${hookId}/delete`));
    expect(removed.html).toContain('已删除 Webhook');
    expect(hookIds(removed.html)).toEqual([]);
  });
});
