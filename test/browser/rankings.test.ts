import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPolicyVersions } from '../../src/application/policies/policies.js';
import { currentPeriods, periodLabel } from '../../src/application/queries/stats-period.js';
import { applicationBody, needBody, solutionBody } from '../api/fixtures.js';
import { ADMIN, type BrowserEnv, chromiumAvailable, freshUscc, startBrowserEnv } from './harness.js';
import { contains } from './page-steps.js';

/**
 * The public 城市打榜 page (issue 20, items 3 and 4): a 济南 need signed with a 青岛 vendor puts 济南 first,
 * shows the 济南→青岛 pair, and reads on a phone. Screenshots: test-results/screenshots/20-rankings-*.png.
 */
const PASSWORD = 'Pass1234word';

describe.skipIf(!chromiumAvailable())('web UI: 城市打榜', () => {
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

  async function verifiedOrg(
    kind: 'demander' | 'vendor',
    name: string,
    city: string,
    username: string,
    staff: string,
  ) {
    const created = await api('POST', '/api/v1/orgs', undefined, {
      name,
      uscc: freshUscc(),
      kind,
      city,
      contact: { name: '王主任', phone: '0531-88886666', email: `${username}@example.cn` },
      admin: { username, password: PASSWORD },
      accepted: currentPolicyVersions(),
    });
    const orgId = (created.org as { id: string }).id;
    await api('POST', `/api/v1/orgs/${orgId}/verify`, staff);
    return tokenOf(username, PASSWORD);
  }

  beforeAll(async () => {
    env = await startBrowserEnv();
    const staff = await tokenOf(ADMIN.username, ADMIN.password);
    const demander = await verifiedOrg('demander', '济南市打榜演示制造有限公司', 'jinan', 'rankowner', staff);
    const vendor = await verifiedOrg('vendor', '青岛打榜视觉科技有限公司', 'qingdao', 'rankvendor', staff);
    const needId = (await api('POST', '/api/v1/needs', demander, needBody)).id as string;
    await api('POST', `/api/v1/needs/${needId}/submit`, demander);
    await api('POST', `/api/v1/needs/${needId}/approve`, staff);
    const solutionId = (await api('POST', '/api/v1/solutions', vendor, solutionBody)).id as string;
    await api('POST', `/api/v1/solutions/${solutionId}/submit`, vendor);
    await api('POST', `/api/v1/solutions/${solutionId}/approve`, staff);
    const engagementId = (
      await api('POST', `/api/v1/needs/${needId}/applications`, vendor, applicationBody(solutionId))
    ).id as string;
    const at = (step: string) => `/api/v1/engagements/${engagementId}/${step}`;
    await api('POST', at('shortlist'), demander);
    const meeting = { at: new Date(Date.now() + 60_000).toISOString(), location: '济南市历下区' };
    await api('POST', at('schedule-meeting'), demander, meeting);
    await api('POST', at('sign'), demander, { amountWan: 120 });
    await api('POST', at('sign'), vendor, { amountWan: 120 });
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it('ranks the cities, pairs 济南 with 青岛, and switches the period from the site navigation', async () => {
    const { page: visitor } = await env.person();
    await visitor.goto('/');
    await visitor.getByRole('navigation').getByRole('link', { name: '城市打榜' }).click();
    await contains(visitor.locator('h1'), '城市打榜');
    const ranking = visitor.getByRole('region', { name: '城市排名' });
    const first = ranking.locator('tbody tr').first();
    await contains(first, '济南');
    await contains(first, '120');
    expect(await ranking.locator('tbody tr').count()).toBe(16);
    const pairs = visitor.getByRole('region', { name: '百城牵手：城市间签约' });
    await contains(pairs, '济南');
    await contains(pairs, '青岛');
    await contains(visitor.getByRole('figure', { name: '跨城签约（需求方城市→服务商城市）' }), '济南→青岛');
    await visitor.getByRole('figure', { name: '各城市得分' }).locator('svg').waitFor({ state: 'visible' });
    await env.screenshot(visitor, '20-rankings');

    const [year, quarter] = currentPeriods(new Date());
    await visitor.getByLabel('统计期（北京时间）').selectOption(quarter!);
    await visitor.getByRole('button', { name: '查看' }).click();
    await contains(visitor.locator('h1'), periodLabel(quarter!));
    await contains(ranking.locator('tbody tr').first(), '济南');
    // A year before anything happened: offered by no selector, still a period one may link to.
    await visitor.goto(`/rankings?period=${Number(year) - 1}`);
    await contains(visitor.getByRole('region', { name: '百城牵手：城市间签约' }), '统计期内暂无签约');
  });

  it('says in Chinese when the period is not a year or a quarter', async () => {
    const { page: visitor } = await env.person();
    const response = await visitor.goto('/rankings?period=2026Q9');
    expect(response?.status()).toBe(422);
    await contains(visitor.getByRole('alert'), '统计期须为四位年份（如 2026）或年份加季度（如 2026Q3）');
  });

  it('reads on a phone 390 px wide: the page itself does not scroll sideways', async () => {
    const { page: phone } = await env.person({ width: 390, height: 844 });
    await phone.goto('/rankings');
    await contains(phone.getByRole('region', { name: '城市排名' }), '济南');
    const overflow = await phone.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await env.screenshot(phone, '20-rankings-phone');
  });
});
