import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationBody } from '../api/support.js';
import { type BrowserEnv, chromiumAvailable, startBrowserEnv } from './harness.js';

/**
 * 通知设置 in a real browser, on a computer and on a phone: a member changes how one kind of notification
 * is mailed and where to, sees it saved, and a bad address is refused on the form in Chinese.
 * Screenshots: test-results/screenshots/17-notification-settings*.png.
 */
describe.skipIf(!chromiumAvailable())('web UI: 通知设置', () => {
  let env: BrowserEnv;

  async function member() {
    const body = registrationBody('vendor');
    const res = await fetch(`${env.baseUrl}/api/v1/orgs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
    return body.admin;
  }

  beforeAll(async () => {
    env = await startBrowserEnv();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  for (const [width, height, name] of [
    [1280, 900, '17-notification-settings'],
    [390, 844, '17-notification-settings-phone'],
  ] as const) {
    it(`saves a choice and an address, and refuses a bad address (${width} px)`, async () => {
      const { username, password } = await member();
      const { page } = await env.person({ width, height });
      await page.goto('/login');
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));

      await page.goto('/notifications');
      await page.getByRole('link', { name: '通知设置（邮件）' }).click();
      await page.waitForURL('**/me/notification-settings');
      await expect(page.getByLabel('订阅的搜索有新结果：每日汇总').isChecked()).resolves.toBe(true);
      await page.getByLabel('订阅的搜索有新结果：立即').check();
      await page.getByLabel('接收邮箱').fill('robot@example.cn');
      await page.getByRole('button', { name: '保存' }).click();
      await page.waitForURL('**/me/notification-settings');
      await expect(page.getByRole('status').textContent()).resolves.toContain('通知设置已保存');
      await expect(page.getByTestId('sends-to').textContent()).resolves.toBe('邮件发往：robot@example.cn');
      await expect(page.getByLabel('订阅的搜索有新结果：立即').isChecked()).resolves.toBe(true);
      await expect(page.getByLabel('需求的云速配推荐：每日汇总').isChecked()).resolves.toBe(true);
      // Nothing on the page is wider than the screen.
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await env.screenshot(page, name);

      await page.getByLabel('接收邮箱').fill('robot@');
      await page.getByRole('button', { name: '保存' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain(
        '接收邮箱：请填写有效的电子邮箱地址，如 name@example.cn',
      );
      await expect(page.getByLabel('接收邮箱').getAttribute('aria-invalid')).resolves.toBe('true');
      await env.screenshot(page, `${name}-error`);
    });
  }
});
