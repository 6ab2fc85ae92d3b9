import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryKeyStore } from '../../src/personal-data/memory-key-store.js';
import { needBody } from '../api/fixtures.js';
import { PASSWORD, registrationBody } from '../api/support.js';
import { openSite, type Site, STAFF, visitor } from './support.js';

async function signedInDemander(site: Site) {
  const body = registrationBody('demander');
  const res = await site.app.request('/api/v1/orgs', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const browser = visitor(site);
  await browser.get('/login');
  const username = body.admin.username;
  expect((await browser.post('/login', { username, password: PASSWORD })).status).toBe(303);
  return { browser, username, body };
}

async function staffToken(site: Site): Promise<string> {
  const res = await site.app.request('/api/v1/auth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(STAFF),
  });
  return ((await res.json()) as { token: string }).token;
}

describe('我的数据 /me/data', () => {
  let site: Site;
  const keys = memoryKeyStore();
  beforeAll(async () => {
    site = await openSite({ keys });
  });
  afterAll(() => site.close());

  it('shows what is held, the retention and contact, corrects the contact, and cancels with errors on the form', async () => {
    const { browser, username, body } = await signedInDemander(site);
    const shown = await browser.get('/me/data');
    expect(shown.status).toBe(200);
    expect(shown.html).toContain(username);
    expect(shown.html).toContain(body.contact.email);
    expect(shown.html).toContain('1095天');
    expect(shown.html).toContain('个人信息保护负责人');
    expect(shown.html).toContain('href="/me/data.xlsx"');

    const json = await browser.get('/me/data.json');
    expect(json.status).toBe(200);
    expect((JSON.parse(json.html) as { account: { username: string } }).account.username).toBe(username);

    const refused = await browser.post('/me/data/contact', {
      'contact.name': '张三',
      'contact.phone': '12',
      'contact.email': 'zhang@example.cn',
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('联系电话');
    const corrected = await browser.follow(
      await browser.post('/me/data/contact', {
        'contact.name': '张三',
        'contact.phone': '0531-88886666',
        'contact.email': 'zhang@example.cn',
      }),
    );
    expect(corrected.html).toContain('机构联系人已更正');
    expect(corrected.html).toContain('张三 · 0531-88886666 · zhang@example.cn');

    const wrong = await browser.post('/me/cancel', { confirm: 'nobody', password: 'Wrong1234pw' });
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('请输入您自己的用户名以确认注销');
    expect(wrong.html).toContain('密码不正确');

    const done = await browser.follow(
      await browser.post('/me/cancel', { confirm: username, password: PASSWORD }),
    );
    expect(done.html).toContain('账号已注销');
    expect((await browser.get('/me/data')).status).not.toBe(200);
  });

  it('states the retention period and that nothing is deleted by itself on the privacy page', async () => {
    const privacy = await visitor(site).get('/privacy');
    expect(privacy.html).toContain('保存期限为1095天');
    expect(privacy.html).toContain('本系统不会自行删除任何数据');
    expect(privacy.html).toContain('href="/me/data"');
  });

  it("shows a cancelled demander's need contact as 已注销, without empty parts", async () => {
    const { browser, username } = await signedInDemander(site);
    const staff = await staffToken(site);
    const meRes = await site.app.request('/api/v1/auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    const { token } = (await meRes.json()) as { token: string };
    const me = await site.app.request('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
    const { orgId } = (await me.json()) as { orgId: string };
    await site.app.request(`/api/v1/orgs/${orgId}/verify`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${staff}` },
    });
    const created = await site.app.request('/api/v1/needs', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        ...needBody,
        contact: { name: '王工', phone: '13912345678', email: 'w@example.cn' },
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    // The page finds the organization's needs in the index: let the projector take the need in.
    const head = await site.deps.store.headPosition();
    expect((await site.app.request(`/api/v1/needs?after=${head}`)).headers.get('X-Stale')).toBeNull();
    expect((await browser.get('/me/data')).html).toContain('王工 · 13912345678 · w@example.cn');
    await browser.follow(await browser.post('/me/cancel', { confirm: username, password: PASSWORD }));

    const staffBrowser = visitor(site);
    await staffBrowser.get('/login');
    await staffBrowser.post('/login', STAFF);
    const needPage = await staffBrowser.get(`/needs/${id}`);
    expect(needPage.status).toBe(200);
    expect(needPage.html).toContain('<dd>已注销</dd>');
    expect(needPage.html).not.toContain('13912345678');
  });
});
