import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPolicyVersions } from '../../src/application/policies/policies.js';
import { needBody, solutionBody } from '../api/fixtures.js';
import { ADMIN, type BrowserEnv, chromiumAvailable, freshUscc, startBrowserEnv } from './harness.js';
import { contains, signIn, WAIT } from './page-steps.js';

/**
 * What issue 18 asked a person to see: a need's history in Chinese from its own page (staff and the owner),
 * the staff's recent activity with its filters, and the public vendor directory with a vendor's profile.
 * Screenshots: test-results/screenshots/18-*.png.
 */
const PASSWORD = 'Pass1234word';

describe.skipIf(!chromiumAvailable())('web UI: history, activity and the vendor directory', () => {
  let env: BrowserEnv;
  let needId = '';
  let vendorId = '';

  /** The data comes through the API; the browser is for what a person sees. */
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

  async function verifiedOrg(kind: 'demander' | 'vendor', name: string, username: string, staff: string) {
    const created = await api('POST', '/api/v1/orgs', undefined, {
      name,
      uscc: freshUscc(),
      kind,
      city: kind === 'demander' ? 'jinan' : 'qingdao',
      contact: { name: '王主任', phone: '0531-88886666', email: `${username}@example.cn` },
      admin: { username, password: PASSWORD },
      accepted: currentPolicyVersions(),
    });
    const orgId = (created.org as { id: string }).id;
    await api('POST', `/api/v1/orgs/${orgId}/verify`, staff);
    return { orgId, token: await tokenOf(username, PASSWORD) };
  }

  beforeAll(async () => {
    env = await startBrowserEnv();
    const staff = await tokenOf(ADMIN.username, ADMIN.password);
    const demander = await verifiedOrg('demander', '济南市历史演示制造有限公司', 'histowner', staff);
    const vendor = await verifiedOrg('vendor', '山东慧眼视觉科技有限公司', 'huiyan', staff);
    vendorId = vendor.orgId;
    needId = (await api('POST', '/api/v1/needs', demander.token, needBody)).id as string;
    await api('PATCH', `/api/v1/needs/${needId}`, demander.token, {
      title: '汽车零部件表面缺陷检测（二期）',
      budgetWan: { min: 80, max: 150 },
    });
    await api('POST', `/api/v1/needs/${needId}/submit`, demander.token);
    await api('POST', `/api/v1/needs/${needId}/approve`, staff);
    const solutionId = (await api('POST', '/api/v1/solutions', vendor.token, solutionBody)).id as string;
    await api('POST', `/api/v1/solutions/${solutionId}/submit`, vendor.token);
    await api('POST', `/api/v1/solutions/${solutionId}/approve`, staff);
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it('shows a need’s history in Chinese from its page: what, who by name and organization, when, what changed', async () => {
    const { page: owner } = await env.person();
    await signIn(owner, 'histowner', PASSWORD);
    await owner.goto(`/needs/${needId}`);
    await owner.getByRole('link', { name: '历史记录' }).click();
    const table = owner.locator('table');
    for (const text of ['创建需求', '修改需求', '提交审核', '审核通过', '发布需求'])
      await contains(table, text);
    await contains(table, '济南市历史演示制造有限公司');
    await contains(table, 'histowner');
    await contains(table, '80–150');
    await contains(table, ADMIN.username);
    const shown = (await table.textContent()) ?? '';
    expect(shown).not.toMatch(/NeedCreated|NeedApproved|用户 [0-9a-f]{8}/);
    await env.screenshot(owner, '18-audit-history');
  });

  it('lists recent activity for staff with filters, each line linking to its history', async () => {
    const { page: staff } = await env.person();
    await signIn(staff, ADMIN.username, ADMIN.password);
    await staff.goto('/admin');
    await staff.getByRole('link', { name: '平台动态' }).click();
    await staff.getByLabel('操作人或机构').fill('histowner');
    await staff.getByLabel('类别').selectOption('need');
    await staff.getByRole('button', { name: '筛选' }).click();
    await contains(staff.locator('#activity-title'), '共 3 条');
    await contains(staff.locator('table'), '提交审核');
    await expect
      .poll(() => staff.getByRole('link', { name: '导出 Excel' }).getAttribute('href'), WAIT)
      .toContain('/admin/audit/export.xlsx?q=histowner&kind=need');
    await env.screenshot(staff, '18-audit-activity');
    await staff.getByRole('link', { name: '汽车零部件表面缺陷检测（二期）' }).first().click();
    await contains(staff.locator('h1'), '历史记录');
  });

  it('has a public vendor directory (服务商库) with search and each vendor’s profile', async () => {
    const { page: visitor } = await env.person();
    await visitor.goto('/');
    await visitor.getByRole('link', { name: '服务商库' }).click();
    await contains(visitor.locator('h1'), '服务商库');
    await visitor.getByLabel('关键词').fill('视觉');
    await visitor.getByRole('button', { name: '搜索', exact: true }).click();
    await contains(visitor.getByRole('status'), '共找到 1 家服务商');
    await env.screenshot(visitor, '18-vendor-directory');
    await visitor.getByRole('link', { name: '山东慧眼视觉科技有限公司' }).click();
    await expect.poll(() => visitor.url(), WAIT).toContain(`/vendors/${vendorId}`);
    for (const text of ['上架方案', '交付项目', '服务城市', '典型案例'])
      await contains(visitor.locator('main'), text);
    await env.screenshot(visitor, '18-vendor-profile');
  });
});
