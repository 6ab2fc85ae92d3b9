import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody } from '../api/fixtures.js';
import { registrationBody } from '../api/support.js';
import { ADMIN, type BrowserEnv, chromiumAvailable, startBrowserEnv } from './harness.js';

/**
 * The inbox in a real browser, on a server whose reactor runs inline: staff verify the demander and review
 * its needs through the API; the bell in the header counts what arrived, the inbox lists it, and marking
 * read lowers the count. Screenshots are in test-results/screenshots/.
 */
const WAIT = { timeout: 15_000, interval: 200 };

describe.skipIf(!chromiumAvailable())('web UI: the bell and the inbox', () => {
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

  beforeAll(async () => {
    env = await startBrowserEnv();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  const bell = (page: Page) => page.getByTestId('bell');

  it('counts new notifications on the bell, lists them, and marks them read', async () => {
    const staff = await token(ADMIN.username, ADMIN.password);
    const body = registrationBody('demander');
    const { org } = (await api('/orgs', undefined, body)) as { org: { id: string } };
    await api(`/orgs/${org.id}/verify`, staff);
    const demander = await token(body.admin.username, body.admin.password);
    const review = async (verb: 'approve' | 'reject', title: string) => {
      const need = (await api('/needs', demander, { ...needBody, title })) as { id: string };
      await api(`/needs/${need.id}/submit`, demander);
      await api(
        `/needs/${need.id}/${verb}`,
        staff,
        verb === 'reject' ? { reason: '请补充现有产线的节拍与缺陷样本' } : {},
      );
    };
    await review('approve', '汽车零部件表面缺陷智能检测');
    await review('reject', '仓储机器人调度');

    const { page } = await env.person();
    await page.goto('/login');
    await page.getByLabel('用户名').fill(body.admin.username);
    await page.getByLabel('密码').fill(body.admin.password);
    await page.getByRole('button', { name: '登录' }).click();
    await expect
      .poll(async () => {
        await page.goto('/my');
        return bell(page).getAttribute('aria-label');
      }, WAIT)
      .toBe('通知，3 条未读');

    await bell(page).click();
    await expect(page.getByRole('heading', { name: '我的通知' }).count()).resolves.toBe(1);
    const items = page.getByTestId('notification');
    await expect(items.count()).resolves.toBe(3);
    await expect(items.first().textContent()).resolves.toContain('需求未通过审核');
    await expect(items.first().textContent()).resolves.toContain('请补充现有产线的节拍与缺陷样本');
    await env.screenshot(page, 'notifications-inbox');

    await items.first().getByRole('button', { name: '标为已读' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), WAIT).toContain('已标为已读');
    await expect(bell(page).getAttribute('aria-label')).resolves.toBe('通知，2 条未读');
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await expect.poll(() => bell(page).getAttribute('aria-label'), WAIT).toBe('通知，没有未读');
    await env.screenshot(page, 'notifications-read');
  }, 60_000);
});
