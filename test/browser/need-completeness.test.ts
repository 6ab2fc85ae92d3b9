import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationBody } from '../api/support.js';
import { ADMIN, type BrowserEnv, chromiumAvailable, startBrowserEnv } from './harness.js';
import { contains, signIn, WAIT } from './page-steps.js';

/**
 * The need form's completeness hints in a real browser: as the demander types the brief, the score rises
 * and the hints for what was filled in go away, with nothing saved; the page's CSP lets the form's own
 * script run and nothing else. Screenshots in test-results/screenshots/.
 */

describe.skipIf(!chromiumAvailable())('web UI: completeness hints on the need form', () => {
  let env: BrowserEnv;

  async function api(method: string, path: string, token?: string, body?: unknown) {
    const res = await fetch(`${env.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  }

  beforeAll(async () => {
    env = await startBrowserEnv();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('shows the hints live as the demander types, and after the save on the need page', async () => {
    const staff = (await api('POST', '/auth/token', undefined, ADMIN)).token as string;
    const body = registrationBody('demander');
    const org = (await api('POST', '/orgs', undefined, body)).org as { id: string };
    await api('POST', `/orgs/${org.id}/verify`, staff);

    const { page } = await env.person();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await signIn(page, body.admin.username, body.admin.password);
    await page.goto('/needs/new');
    const live = page.locator('#completeness-live');
    const score = live.locator('[data-score]');
    await expect.poll(() => score.textContent(), WAIT).toBe('0');
    await contains(live, '请填写现状与痛点');

    await page.getByLabel('需求标题').fill('智能质检产线改造');
    await page
      .getByLabel('需求描述')
      .fill(
        '我们有三条汽车零部件生产线，目前由质检员在产线末端人工目检表面划痕、压伤和锈斑，夜班漏检明显。希望利用机器视觉实现表面缺陷在线检测，与现有MES系统对接，检测结果自动回传并触发分拣。',
      );
    await page.getByLabel('现状与痛点').fill('人工目检效率低，漏检较多。');
    await contains(live, '现状与痛点中没有数字');
    await env.screenshot(page, 'need-completeness-01-typing');

    await page.getByLabel('现状与痛点').fill('12名质检员三班倒人工目检，漏检率约3%。');
    await page.getByLabel('建设目标').fill('表面缺陷自动在线检测，质检员转岗复核。');
    await page.getByLabel('技术要求').fill('本地部署，与现有MES对接。');
    await page.getByLabel('验收指标').fill('缺陷检出率不低于99%\n误报率不高于2%');
    await page.getByLabel('实施周期（月）').fill('6');
    await page.getByLabel('预算下限（万元）').fill('50');
    await page.getByLabel('预算上限（万元）').fill('120');
    await expect.poll(() => score.textContent(), WAIT).toBe('95');
    await contains(live, '请选择涉及技术');
    await expect.poll(() => live.textContent(), WAIT).not.toContain('现状与痛点');
    await env.screenshot(page, 'need-completeness-02-nearly-complete');

    // Assessing saved nothing: the demander has no need yet.
    const mine = (await api(
      'GET',
      `/needs?orgId=${org.id}`,
      (
        await api('POST', '/auth/token', undefined, body.admin)
      ).token as string,
    )) as { total: number };
    expect(mine.total).toBe(0);

    await page.getByLabel('所属行业').selectOption({ index: 1 });
    await page.getByLabel('场景类型').selectOption({ index: 1 });
    await page.getByLabel('所在城市').selectOption({ index: 1 });
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/needs\/[0-9a-f-]{36}$/, WAIT);
    const saved = page.getByRole('region', { name: /需求完整度/ });
    await contains(saved, '95');
    await contains(saved, '请选择涉及技术');
    await contains(page.locator('main'), '缺陷检出率不低于99%');
    await env.screenshot(page, 'need-completeness-03-saved');
    expect(violations).toEqual([]);
  });
});
