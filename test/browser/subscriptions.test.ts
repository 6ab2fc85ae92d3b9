import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody } from '../api/fixtures.js';
import { registrationBody } from '../api/support.js';
import { ADMIN, type BrowserEnv, chromiumAvailable, startBrowserEnv } from './harness.js';

/**
 * Saved searches in a real browser, on a server whose reactor runs inline: a vendor subscribes from the
 * needs search page, finds the search on 我的订阅, hears of a need approved afterwards, and cancels it.
 * Screenshots are in test-results/screenshots/.
 */
const WAIT = { timeout: 15_000, interval: 200 };

describe.skipIf(!chromiumAvailable())('web UI: 订阅此搜索 and 我的订阅', () => {
  let env: BrowserEnv;

  async function api(path: string, token?: string, body?: unknown) {
    const res = await fetch(`${env.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body ?? {}),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  }
  const token = async (username: string, password: string) =>
    (await api('/auth/token', undefined, { username, password })).token as string;
  async function verifiedOrg(kind: 'demander' | 'vendor', staff: string) {
    const body = registrationBody(kind);
    const { org } = (await api('/orgs', undefined, body)) as { org: { id: string } };
    await api(`/orgs/${org.id}/verify`, staff);
    return body.admin;
  }

  beforeAll(async () => {
    env = await startBrowserEnv();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('subscribes from the search page, lists it on 我的订阅, tells of a new need, and cancels it', async () => {
    const staff = await token(ADMIN.username, ADMIN.password);
    const vendor = await verifiedOrg('vendor', staff);
    const owner = await verifiedOrg('demander', staff);
    const demander = await token(owner.username, owner.password);

    const { page } = await env.person();
    await page.goto('/login');
    await page.getByLabel('用户名').fill(vendor.username);
    await page.getByLabel('密码').fill(vendor.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    await page.goto(`/needs?q=${encodeURIComponent('机器视觉')}&city=jinan`);
    await env.screenshot(page, 'subscriptions-search-page');
    await page.getByRole('button', { name: '订阅此搜索' }).click();
    await page.waitForURL('**/me/subscriptions');
    await expect(page.getByRole('heading', { name: '我的订阅' }).count()).resolves.toBe(1);
    await expect(page.getByRole('status').textContent()).resolves.toContain('已订阅此搜索');
    const items = page.getByTestId('subscription');
    await expect(items.count()).resolves.toBe(1);
    const item = await items.first().textContent();
    expect(item).toContain('场景需求');
    expect(item).toContain('关键词“机器视觉”');
    expect(item).toContain('城市：济南');
    expect(item).not.toContain('行业');
    expect(item).toContain('通知方式：站内通知');
    await env.screenshot(page, 'subscriptions-list');

    const need = (await api('/needs', demander, needBody)) as { id: string };
    await api(`/needs/${need.id}/submit`, demander);
    await api(`/needs/${need.id}/approve`, staff);
    await expect
      .poll(async () => {
        await page.goto('/notifications');
        return (await page.getByTestId('notification').allTextContents())[0];
      }, WAIT)
      .toContain('新发布的场景需求「智能质检产线改造」符合您订阅的搜索：关键词「机器视觉」，城市：济南。');
    await env.screenshot(page, 'subscriptions-hit-in-inbox');
    await page.getByRole('link', { name: '我的订阅' }).click();
    await page.waitForURL('**/me/subscriptions');

    await page.getByRole('button', { name: '取消订阅：机器视觉' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), WAIT).toContain('已取消订阅');
    await expect(page.getByTestId('subscription').count()).resolves.toBe(0);
  }, 60_000);
});
