import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailDispatcher } from '../../src/notifications/mail-dispatcher.js';
import { smtpTransport } from '../../src/notifications/mail-smtp.js';
import { needBody } from './fixtures.js';
import { startSmtpPeer, toAddress } from './mail-peer.js';
import { inboxOf, startReactor } from './notifications-support.js';
import {
  createTestApi,
  expectProblem,
  PASSWORD,
  registerOrg,
  type TestApi,
  type TestOrg,
} from './support.js';

const SITE = 'https://yunsupei.example.cn';
const HOUR = 3600_000;

describe('notification mail: settings, immediate mail, the daily digest, unsubscribing', () => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let reactor: Awaited<ReturnType<typeof startReactor>>;
  let mail: MailDispatcher;
  let transport: ReturnType<typeof smtpTransport>;
  let staff: string;
  let staffName: string;
  let demander: TestOrg;

  /** Every notification so far is in its inbox and was mailed or queued. */
  const settled = async () => {
    await reactor.settled();
    if (!(await mail.waitFor(await api.store.headPosition(), 10_000))) throw new Error('mail lags');
  };

  const signIn = async (username: string) => {
    const res = await api.request('POST', '/api/v1/auth/token', { body: { username, password: PASSWORD } });
    return ((await res.json()) as { token: string }).token;
  };

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    api = await createTestApi();
    reactor = await startReactor(api);
    transport = smtpTransport(smtp.url, '云速配 <noreply@yunsupei.example.cn>');
    mail = new MailDispatcher({
      store: api.store,
      clock: api.clock,
      logger: api.deps.logger,
      transport,
      site: { publicUrl: SITE, links: api.http.unsubscribe },
      digestCheckMs: 0,
      checkpointEveryMs: 0,
    });
    await mail.start();
    const created = await api.createStaff();
    staff = created.token;
    staffName = created.username;
    demander = await registerOrg(api, 'demander', staff);
    await settled();
  });
  afterAll(async () => {
    await mail.stop();
    await transport.close();
    await reactor.reactor.stop();
    await api.close();
    await smtp.close();
  });

  it('mails an immediate notification to the organization contact, in Chinese, with links and its Message-ID', async () => {
    const [verified] = await smtp.waitFor(1);
    const [notification] = (await inboxOf(api, demander.token)).items;
    expect(notification!.type).toBe('org.verified');
    expect(verified!.rcptTo).toEqual([`${demander.username}@example.cn`]);
    expect(toAddress(verified!)).toBe(`${demander.username}@example.cn`);
    expect(verified!.parsed.subject).toBe('【云速配】机构已通过认证');
    expect(verified!.raw).toMatch(/charset=utf-8/i);
    expect(verified!.parsed.text).toContain('已通过平台认证，现在可以发布需求或方案。');
    expect(verified!.parsed.text).toContain(`查看详情：${SITE}/my`);
    expect(verified!.parsed.text).toContain(`通知设置：${SITE}/me/notification-settings`);
    expect(verified!.parsed.messageId).toBe(`<${notification!.id}@yunsupei.example.cn>`);
    expect(verified!.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });

  it('shows and changes the settings; bad input gets Chinese problems and changes nothing', async () => {
    const got = await api.request('GET', '/api/v1/me/notification-settings', { token: demander.token });
    expect(await got.json()).toMatchObject({
      email: null,
      orgEmail: `${demander.username}@example.cn`,
      sendsTo: `${demander.username}@example.cn`,
      choices: { 'org.verified': 'immediately', 'need.matched': 'daily', 'subscription.hit': 'daily' },
    });
    const badEmail = await api.request('PUT', '/api/v1/me/notification-settings', {
      token: demander.token,
      body: { email: 'not-an-address' },
    });
    const problem = await expectProblem(badEmail, 422);
    expect(problem.errors).toEqual([
      { path: 'email', message: '请填写有效的电子邮箱地址，如 name@example.cn' },
    ]);
    const badChoice = await api.request('PUT', '/api/v1/me/notification-settings', {
      token: demander.token,
      body: { choices: { 'listing.approved': 'weekly' } },
    });
    expect((await expectProblem(badChoice, 422)).errors?.[0]?.message).toBe(
      '请选择 立即、每日汇总 或 不发送',
    );
    const badType = await api.request('PUT', '/api/v1/me/notification-settings', {
      token: demander.token,
      body: { choices: { 'no.such.type': 'never' } },
    });
    await expectProblem(badType, 422);
    const anonymous = await api.request('GET', '/api/v1/me/notification-settings');
    await expectProblem(anonymous, 401);

    const put = await api.request('PUT', '/api/v1/me/notification-settings', {
      token: demander.token,
      body: {
        email: 'chief@jinan.example.cn',
        choices: { 'listing.approved': 'daily', 'listing.rejected': 'daily' },
      },
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({
      email: 'chief@jinan.example.cn',
      sendsTo: 'chief@jinan.example.cn',
      choices: { 'listing.approved': 'daily', 'listing.rejected': 'daily', 'org.verified': 'immediately' },
    });
  });

  it('gathers a day of notifications into one digest mail per user the next morning, grouped by kind', async () => {
    const before = smtp.received.length;
    const needs: string[] = [];
    for (const title of ['智能质检产线改造', '园区能耗监测平台', '仓储机器人调度']) {
      const created = await api.request('POST', '/api/v1/needs', {
        token: demander.token,
        body: { ...needBody, title },
      });
      const { id } = (await created.json()) as { id: string };
      await api.request('POST', `/api/v1/needs/${id}/submit`, { token: demander.token });
      needs.push(id);
    }
    await api.request('POST', `/api/v1/needs/${needs[0]}/approve`, { token: staff });
    await api.request('POST', `/api/v1/needs/${needs[1]}/approve`, { token: staff });
    await api.request('POST', `/api/v1/needs/${needs[2]}/reject`, {
      token: staff,
      body: { reason: '预算区间不明确' },
    });
    await settled();
    expect(await mail.sendDueDigests()).toBe(0);
    expect(smtp.received.length).toBe(before);

    // START is 10:00 Beijing; the digest of the day goes out from 08:00 the next morning.
    api.advance(21 * HOUR);
    expect(await mail.sendDueDigests()).toBe(0);
    api.advance(1 * HOUR);
    expect(await mail.sendDueDigests()).toBe(1);
    const [digest] = (await smtp.waitFor(before + 1)).slice(before);
    expect(digest!.rcptTo).toEqual(['chief@jinan.example.cn']);
    expect(digest!.parsed.subject).toBe('【云速配】2025-03-01 通知汇总（共 3 条）');
    const text = digest!.parsed.text ?? '';
    expect(text).toContain('【需求或方案通过审核】2 条');
    expect(text).toContain('【需求或方案被退回】1 条');
    expect(text).toContain('预算区间不明确');
    for (const id of needs) expect(text).toContain(`${SITE}/needs/${id}`);
    expect(text.indexOf('园区能耗监测平台')).toBeLessThan(text.indexOf('【需求或方案被退回】'));
    // Sent once: asking again finds nothing due.
    expect(await mail.sendDueDigests()).toBe(0);
    // A day later the bearer token has expired.
    demander = { ...demander, token: await signIn(demander.username) };
    staff = await signIn(staffName);
  });

  it('stops a kind of mail from the link in the mail, without signing in, and a forged link does nothing', async () => {
    const [first] = smtp.received;
    const pageLink = /不再接收「机构通过认证」邮件：(\S+)/.exec(first!.parsed.text ?? '')?.[1];
    expect(pageLink).toBeDefined();
    const path = pageLink!.slice(SITE.length);

    // The page asks for one click (a mail scanner fetching the link stops nothing) …
    const shown = await api.app.request(path);
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain('机构通过认证');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const cookie = shown.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const token = new URL(pageLink!).searchParams.get('token')!;
    const settingsOf = async () =>
      (await (
        await api.request('GET', '/api/v1/me/notification-settings', { token: demander.token })
      ).json()) as {
        choices: Record<string, string>;
      };
    expect((await settingsOf()).choices['org.verified']).toBe('immediately');
    // … and the click stops it.
    const clicked = await api.app.request('/unsubscribe', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: new URLSearchParams({ _csrf: csrf, token }).toString(),
    });
    expect(clicked.status).toBe(200);
    expect(await clicked.text()).toContain('已退订');
    expect((await settingsOf()).choices['org.verified']).toBe('never');

    // A mail client's one-click POST (RFC 8058) to the List-Unsubscribe address works the same way.
    const oneClick = /List-Unsubscribe:\s*<([^>]+)>/.exec(first!.raw)![1]!;
    expect(oneClick.startsWith(`${SITE}/api/v1/unsubscribe/`)).toBe(true);
    const posted = await api.app.request(oneClick.slice(SITE.length), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(posted.status).toBe(200);

    const forged = await api.request('POST', `/api/v1/unsubscribe/${token.slice(0, -2)}xx`);
    expect((await expectProblem(forged, 404)).detail).toContain('退订链接无效');

    // Stopped means stopped: the next verification-type news sends no mail.
    const before = smtp.received.length;
    await api.request('POST', `/api/v1/orgs/${demander.orgId}/suspend`, {
      token: staff,
      body: { reason: '资料待补充' },
    });
    await api.request('POST', `/api/v1/orgs/${demander.orgId}/reinstate`, { token: staff });
    await settled();
    // org.suspended is still immediate; org.verified (not sent on reinstatement anyway) stays stopped.
    const after = await smtp.waitFor(before + 1);
    expect(after.slice(before).map((m) => m.parsed.subject)).toEqual(['【云速配】机构已被暂停']);
  });

  it('mails nothing for a notification whose saved search chose channels without mail', async () => {
    const before = smtp.received.length;
    await api.store.append(`inbox-${demander.userId}`, [
      {
        type: 'NotificationCreated',
        data: {
          id: 'b8f1e0f2-0000-8000-8000-000000000001',
          type: 'org.suspended',
          title: '只在站内',
          body: '只在站内',
          link: '/my',
          sourceEventId: 'none',
          createdAt: api.clock().toISOString(),
          channels: ['inbox'],
        },
        metadata: {},
      },
    ]);
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.received.length).toBe(before);
  });
});
