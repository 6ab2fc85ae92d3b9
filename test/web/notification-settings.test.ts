import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, registrationBody } from '../api/support.js';
import { openSite, type Site, visitor } from './support.js';

/** The way of mailing the page shows as chosen for one kind of notification (its checked radio). */
const chosen = (html: string, type: string) => {
  const name = `choices.${type}`.replaceAll('.', '\\.');
  const radio = new RegExp(`<input type="radio" name="${name}" value="([^"]*)" checked`);
  return radio.exec(html)?.[1] ?? null;
};
const emailValue = (html: string) => /<input[^>]*name="email"[^>]*value="([^"]*)"/.exec(html)?.[1] ?? null;

async function signedInMember(site: Site) {
  const body = registrationBody('vendor');
  const res = await site.app.request('/api/v1/orgs', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const browser = visitor(site);
  await browser.get('/login');
  expect((await browser.post('/login', { username: body.admin.username, password: PASSWORD })).status).toBe(
    303,
  );
  return { browser, orgEmail: body.contact.email };
}

describe('通知设置 /me/notification-settings', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(() => site.close());

  it('shows the defaults, saves a changed choice and an own address, and keeps the rest', async () => {
    const { browser, orgEmail } = await signedInMember(site);
    const first = await browser.get('/me/notification-settings');
    expect(first.status).toBe(200);
    expect(first.html).toContain(`邮件发往：${orgEmail}`);
    expect(chosen(first.html, 'subscription.hit')).toBe('daily');
    expect(chosen(first.html, 'invitation.received')).toBe('immediately');

    const saved = await browser.follow(
      await browser.post('/me/notification-settings', {
        email: 'robot@example.cn',
        'choices.subscription.hit': 'immediately',
        'choices.invitation.received': 'never',
      }),
    );
    expect(saved.html).toContain('通知设置已保存');
    expect(saved.html).toContain('邮件发往：robot@example.cn');
    expect(emailValue(saved.html)).toBe('robot@example.cn');
    expect(chosen(saved.html, 'subscription.hit')).toBe('immediately');
    expect(chosen(saved.html, 'invitation.received')).toBe('never');
    expect(chosen(saved.html, 'need.matched')).toBe('daily');

    // Read again on a fresh page: the choices were stored, not only echoed.
    const again = await browser.get('/me/notification-settings');
    expect(chosen(again.html, 'invitation.received')).toBe('never');
    expect(emailValue(again.html)).toBe('robot@example.cn');
  });

  it('refuses a bad address in Chinese on the form, keeping what was typed and storing nothing', async () => {
    const { browser, orgEmail } = await signedInMember(site);
    await browser.get('/me/notification-settings');
    const refused = await browser.post('/me/notification-settings', {
      email: 'not-an-address',
      'choices.engagement.signed': 'never',
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('提交的内容有误');
    expect(refused.html).toContain('接收邮箱：请填写有效的电子邮箱地址，如 name@example.cn');
    expect(emailValue(refused.html)).toBe('not-an-address');
    expect(chosen(refused.html, 'engagement.signed')).toBe('never');

    const after = await browser.get('/me/notification-settings');
    expect(after.html).toContain(`邮件发往：${orgEmail}`);
    expect(chosen(after.html, 'engagement.signed')).toBe('immediately');
  });

  it('sends a visitor who is not signed in to the login page', async () => {
    expect((await visitor(site).get('/me/notification-settings')).status).toBe(303);
  });
});
