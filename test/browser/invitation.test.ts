import { afterAll, beforeAll, describe, it } from 'vitest';
import { applicationBody, needBody, solutionBody } from '../api/fixtures.js';
import { registrationBody } from '../api/support.js';
import { ADMIN, type BrowserEnv, chromiumAvailable, startBrowserEnv } from './harness.js';
import { contains, signIn } from './page-steps.js';

/**
 * 邀请揭榜 in a real browser: the demander invites the vendor of a 云速配 recommendation from its need
 * page; when that vendor applies, the page says the invitation was accepted. The marketplace is set up
 * through the API of the same server; the screenshots are in test-results/screenshots/.
 */

describe.skipIf(!chromiumAvailable())('web UI: 邀请揭榜 beside a 云速配 recommendation', () => {
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
    return { json: (await res.json()) as Record<string, unknown>, position: res.headers.get('X-Position') };
  }
  const token = async (username: string, password: string) =>
    (await api('POST', '/auth/token', undefined, { username, password })).json.token as string;

  beforeAll(async () => {
    env = await startBrowserEnv();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('lets the demander invite the recommended vendor, and shows the invitation accepted once it applies', async () => {
    const staff = await token(ADMIN.username, ADMIN.password);
    const register = async (kind: 'demander' | 'vendor') => {
      const body = registrationBody(kind);
      const org = (await api('POST', '/orgs', undefined, body)).json.org as { id: string };
      await api('POST', `/orgs/${org.id}/verify`, staff);
      return { ...body.admin, token: await token(body.admin.username, body.admin.password) };
    };
    const demander = await register('demander');
    const vendor = await register('vendor');
    const needId = (await api('POST', '/needs', demander.token, needBody)).json.id as string;
    await api('POST', `/needs/${needId}/submit`, demander.token);
    await api('POST', `/needs/${needId}/approve`, staff);
    const solutionId = (await api('POST', '/solutions', vendor.token, solutionBody)).json.id as string;
    await api('POST', `/solutions/${solutionId}/submit`, vendor.token);
    const approved = await api('POST', `/solutions/${solutionId}/approve`, staff);
    await api('GET', `/solutions?after=${approved.position}`, staff);

    const { page } = await env.person();
    await signIn(page, demander.username, demander.password);
    await page.goto(`/needs/${needId}`);
    const matches = page.getByRole('region', { name: '云速配推荐方案' });
    await contains(matches, solutionBody.title);
    await matches.getByRole('button', { name: '邀请揭榜' }).first().click();
    await contains(page.getByRole('status'), '已邀请该服务商揭榜，对方会收到通知');
    await contains(page.getByRole('region', { name: '云速配推荐方案' }), '已邀请，待揭榜');
    await env.screenshot(page, 'invitation-01-demander-invited');

    const applied = await api(
      'POST',
      `/needs/${needId}/applications`,
      vendor.token,
      applicationBody(solutionId),
    );
    await api('GET', `/engagements?after=${applied.position}`, demander.token);
    await page.goto(`/needs/${needId}`);
    await contains(page.getByRole('region', { name: '云速配推荐方案' }), '已接受邀请并揭榜');
    await contains(page.getByRole('region', { name: '揭榜与对接' }), '数字科技有限公司');
    await env.screenshot(page, 'invitation-02-invitation-accepted');
  });
});
