import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserEnv, chromiumAvailable, startBrowserEnv } from './harness.js';
import { contains, signIn } from './page-steps.js';

/**
 * 百城牵手 (issue 20, item 4): province staff add 温州 on the 省外城市 page, with the form's refusal first,
 * and the public 城市打榜 ranks it by name. Screenshots: test-results/screenshots/20-added-cities-*.png.
 */
describe.skipIf(!chromiumAvailable())('web UI: 省外城市', () => {
  let env: BrowserEnv;

  const noSidewaysScroll = (page: Page) =>
    page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');

  beforeAll(async () => {
    env = await startBrowserEnv();
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it('province staff add 温州 from the dashboard, and the rankings list it', async () => {
    const { page: staff } = await env.person();
    await signIn(staff, ADMIN.username, ADMIN.password);
    await staff.goto('/admin');
    await staff.getByRole('navigation', { name: '运营功能' }).getByRole('link', { name: '省外城市' }).click();
    await contains(staff.locator('h1'), '省外城市');
    await contains(staff.getByRole('region', { name: '已添加的城市' }), '还没有添加省外城市');

    await staff.getByLabel('城市代码').fill('wenzhou');
    await staff.getByLabel('中文名称').fill('温州市');
    await staff.getByLabel('所属省份').fill('浙江省');
    await staff.getByRole('button', { name: '添加城市' }).click();
    await contains(staff.getByRole('alert'), '城市名称不要带“市”字，如填写“温州”');
    await env.screenshot(staff, '20-added-cities-refused');

    await staff.getByLabel('中文名称').fill('温州');
    await staff.getByRole('button', { name: '添加城市' }).click();
    await contains(staff.getByRole('status'), '已添加温州市');
    const added = staff.getByRole('region', { name: '已添加的城市' });
    await contains(added, '温州');
    await contains(added, '浙江省');
    await env.screenshot(staff, '20-added-cities');

    await staff.goto('/rankings');
    const ranking = staff.getByRole('region', { name: '城市排名' });
    await contains(ranking, '温州');
    expect(await ranking.locator('tbody tr').count()).toBe(17);
    await env.screenshot(staff, '20-added-cities-rankings');
  });

  it('reads on a phone 390 px wide: the page and the rankings do not scroll sideways', async () => {
    const { page: phone } = await env.person({ width: 390, height: 844 });
    await signIn(phone, ADMIN.username, ADMIN.password);
    await phone.goto('/admin/cities');
    await contains(phone.getByRole('region', { name: '已添加的城市' }), '温州');
    expect(await noSidewaysScroll(phone)).toBeLessThanOrEqual(0);
    await env.screenshot(phone, '20-added-cities-phone');
    await phone.goto('/rankings');
    await contains(phone.getByRole('region', { name: '城市排名' }), '温州');
    expect(await noSidewaysScroll(phone)).toBeLessThanOrEqual(0);
    await env.screenshot(phone, '20-added-cities-rankings-phone');
  });
});
