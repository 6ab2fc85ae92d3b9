import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPolicyVersions } from '../../src/application/policies/policies.js';
import { needBody, solutionBody } from '../api/fixtures.js';
import { ADMIN, type BrowserEnv, chromiumAvailable, freshUscc, startBrowserEnv } from './harness.js';

/**
 * Staff scopes in the pages (issue 20, item 1): Qingdao's staff see Qingdao's review and verification
 * queues only, the province's staff see every city's. Screenshots: test-results/screenshots/20-scope-*.png.
 */
const PASSWORD = 'Pass1234word';
const WAIT = { timeout: 10_000, interval: 100 };

async function text(locator: Locator): Promise<string> {
  return (await locator.allInnerTexts()).join('\n');
}

describe.skipIf(!chromiumAvailable())('web UI: province and city staff see their own queues', () => {
  let env: BrowserEnv;

  const api = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${env.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const tokenOf = async (username: string, password: string) =>
    (await api('POST', '/api/v1/auth/token', undefined, { username, password })).token as string;

  async function org(kind: 'demander' | 'vendor', name: string, city: string, username: string) {
    const created = await api('POST', '/api/v1/orgs', undefined, {
      name,
      uscc: freshUscc(),
      kind,
      city,
      contact: { name: '王主任', phone: '0532-88886666', email: `${username}@example.cn` },
      admin: { username, password: PASSWORD },
      accepted: currentPolicyVersions(),
    });
    return (created.org as { id: string }).id;
  }

  async function signIn(page: Page, username: string, password: string) {
    await page.goto('/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
  }

  beforeAll(async () => {
    env = await startBrowserEnv();
    const province = await tokenOf(ADMIN.username, ADMIN.password);
    await api('POST', '/api/v1/staff', province, {
      username: 'qdstaff',
      password: PASSWORD,
      name: '青岛审核员',
      scope: 'qingdao',
    });
    // Verified organizations with a submitted need each, one in Jinan and one in Qingdao.
    for (const [city, label] of [
      ['jinan', '济南'],
      ['qingdao', '青岛'],
    ] as const) {
      const orgId = await org('demander', `${label}市范围演示制造有限公司`, city, `${city}owner`);
      await api('POST', `/api/v1/orgs/${orgId}/verify`, province);
      const demander = await tokenOf(`${city}owner`, PASSWORD);
      const need = await api('POST', '/api/v1/needs', demander, {
        ...needBody,
        title: `${label}产线视觉质检`,
        city,
      });
      await api('POST', `/api/v1/needs/${need.id}/submit`, demander);
    }
    // A Jinan vendor with a submitted solution, and organizations awaiting verification in both cities.
    const vendorId = await org('vendor', '济南范围视觉科技有限公司', 'jinan', 'jnvendor');
    await api('POST', `/api/v1/orgs/${vendorId}/verify`, province);
    const vendor = await tokenOf('jnvendor', PASSWORD);
    const solution = await api('POST', '/api/v1/solutions', vendor, {
      ...solutionBody,
      title: '济南视觉检测平台',
    });
    await api('POST', `/api/v1/solutions/${solution.id}/submit`, vendor);
    await org('demander', '济南待认证机械有限公司', 'jinan', 'jnpending');
    await org('demander', '青岛待认证机械有限公司', 'qingdao', 'qdpending');
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it('shows Qingdao staff only Qingdao matters', async () => {
    const { page } = await env.person();
    await signIn(page, 'qdstaff', PASSWORD);
    await page.goto('/admin/review');
    await expect.poll(() => text(page.locator('main')), WAIT).toContain('青岛产线视觉质检');
    const review = await text(page.locator('main'));
    expect(review).toContain('范围：青岛市');
    expect(review).not.toContain('济南产线视觉质检');
    expect(review).not.toContain('济南视觉检测平台');
    await env.screenshot(page, '20-scope-city-review');

    await page.goto('/admin/orgs');
    const orgs = page.getByRole('region', { name: /待认证机构/ });
    await expect.poll(() => text(orgs), WAIT).toContain('青岛待认证机械有限公司');
    expect(await text(orgs)).not.toContain('济南待认证机械有限公司');
  });

  it('shows province staff every city', async () => {
    const { page } = await env.person();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.goto('/admin/review');
    await expect.poll(() => text(page.locator('main')), WAIT).toContain('济南产线视觉质检');
    const review = await text(page.locator('main'));
    expect(review).toContain('范围：全省');
    expect(review).toContain('青岛产线视觉质检');
    expect(review).toContain('济南视觉检测平台');
    await env.screenshot(page, '20-scope-province-review');

    await page.goto('/admin/orgs');
    const orgs = page.getByRole('region', { name: /待认证机构/ });
    await expect.poll(() => text(orgs), WAIT).toContain('济南待认证机械有限公司');
    expect(await text(orgs)).toContain('青岛待认证机械有限公司');
  });
});
