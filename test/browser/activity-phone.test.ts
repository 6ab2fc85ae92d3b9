import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody } from '../api/fixtures.js';
import { registrationBody } from '../api/support.js';
import { ADMIN, type BrowserEnv, chromiumAvailable, startBrowserEnv } from './harness.js';
import { contains, signIn } from './page-steps.js';

/**
 * 平台动态 on a phone (390 px): each operation reads as a short block (when, what, on what, by whom)
 * instead of a four-column table squeezed or scrolled sideways. Screenshot in test-results/screenshots/.
 */

describe.skipIf(!chromiumAvailable())('web UI: 平台动态 on a phone', () => {
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

  it('reads at 390 px without sideways scrolling, each operation whole', async () => {
    const staff = (await api('POST', '/auth/token', undefined, ADMIN)).token as string;
    const body = registrationBody('demander');
    const org = (await api('POST', '/orgs', undefined, body)).org as { id: string };
    await api('POST', `/orgs/${org.id}/verify`, staff);
    const demander = (await api('POST', '/auth/token', undefined, body.admin)).token as string;
    const need = (await api('POST', '/needs', demander, needBody)).id as string;
    await api('POST', `/needs/${need}/submit`, demander);

    const { page } = await env.person({ width: 390, height: 844 });
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.goto('/admin/audit');
    const list = page.getByRole('region', { name: /最近的操作/ });
    await contains(list, needBody.title);
    const seen = await page.evaluate<{ pageScrolls: boolean; listScrolls: boolean; widest: number }>(`(() => {
      const wrap = document.querySelector('.table-wrap');
      const cells = [...wrap.querySelectorAll('td')];
      return {
        pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        listScrolls: wrap.scrollWidth > wrap.clientWidth,
        widest: Math.max(...cells.map((cell) => cell.getBoundingClientRect().right)),
      };
    })()`);
    await env.screenshot(page, 'activity-phone-390');
    expect(seen).toMatchObject({ pageScrolls: false, listScrolls: false });
    expect(seen.widest).toBeLessThanOrEqual(390);
  }, 60_000);
});
