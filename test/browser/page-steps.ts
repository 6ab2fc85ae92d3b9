import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** How long a browser test waits for a page to show something: pages load after each click. */
export const WAIT = { timeout: 10_000, interval: 100 };

/** Waits until the text of every element the locator matches contains `text`. */
export async function contains(locator: Locator, text: string) {
  await expect.poll(() => locator.allInnerTexts().then((t) => t.join('\n')), WAIT).toContain(text);
}

/** Signs in on /login and waits for the welcome. */
export async function signIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await contains(page.getByRole('status'), '欢迎回来');
}
