import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPolicyVersions } from '../../src/application/policies/policies.js';
import { usccCheckCharacter } from '../../src/domain/shared/uscc.js';
import { needBody, solutionBody } from '../api/fixtures.js';
import { openSite, type Site, STAFF, type Visitor, visitor } from './support.js';

const PASSWORD = 'Pass1234word';
let serial = 0;
function uscc(): string {
  serial += 1;
  const first17 = `91370100MB${String(process.pid * 100 + serial)
    .padStart(7, '0')
    .slice(-7)}`;
  return first17 + usccCheckCharacter(first17);
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('history, activity, vendor directory and Excel exports (pages)', () => {
  let site: Site;
  let staff: Visitor;
  let staffToken: string;
  const orgs: Record<string, { orgId: string; token: string; name: string }> = {};
  let needId: string;

  const api = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await site.app.request(path, {
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

  async function register(kind: 'demander' | 'vendor', name: string, username: string) {
    const created = await api('POST', '/api/v1/orgs', undefined, {
      name,
      uscc: uscc(),
      kind,
      city: kind === 'demander' ? 'jinan' : 'qingdao',
      contact: { name: '李主任', phone: '0531-88881234', email: `${username}@example.cn` },
      admin: { username, password: PASSWORD },
      accepted: currentPolicyVersions(),
    });
    const orgId = (created.org as { id: string }).id;
    await api('POST', `/api/v1/orgs/${orgId}/verify`, staffToken);
    orgs[username] = { orgId, token: await tokenOf(username, PASSWORD), name };
  }

  async function signIn(username: string, password: string): Promise<Visitor> {
    const person = visitor(site);
    await person.get('/login');
    const signed = await person.post('/login', { username, password });
    expect(signed.status, signed.html).toBe(303);
    return person;
  }

  /** A download as the signed-in visitor's browser gets it (the visitor itself reads bodies as text). */
  async function download(person: Visitor | null, path: string) {
    const cookie = person ? [...person.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
    const res = await site.app.request(path, { headers: cookie ? { Cookie: cookie } : {} });
    return res;
  }

  async function sheetsOf(res: Response) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    return workbook.worksheets.map((sheet) => ({
      name: sheet.name,
      rows: sheet
        .getSheetValues()
        .filter(Boolean)
        .map((row) => (row as unknown[]).slice(1)),
    }));
  }

  beforeAll(async () => {
    site = await openSite();
    staffToken = await tokenOf(STAFF.username, STAFF.password);
    staff = await signIn(STAFF.username, STAFF.password);
    await register('demander', '济南市历史测试制造有限公司', 'histdemander');
    await register('demander', '淄博市旁观者有限公司', 'bystander');
    await register('vendor', '山东视觉智能科技有限公司', 'visionvendor');
    needId = (await api('POST', '/api/v1/needs', orgs.histdemander!.token, needBody)).id as string;
    await api('PATCH', `/api/v1/needs/${needId}`, orgs.histdemander!.token, {
      title: '智能质检产线改造二期',
    });
    await api('POST', `/api/v1/needs/${needId}/submit`, orgs.histdemander!.token);
    await api('POST', `/api/v1/needs/${needId}/approve`, staffToken);
    const solutionId = (await api('POST', '/api/v1/solutions', orgs.visionvendor!.token, solutionBody))
      .id as string;
    await api('POST', `/api/v1/solutions/${solutionId}/submit`, orgs.visionvendor!.token);
    await api('POST', `/api/v1/solutions/${solutionId}/approve`, staffToken);
    // Read-your-writes: the list answers once the read models have taken in everything written so far.
    const head = await site.deps.store.headPosition();
    const caughtUp = await site.app.request(`/api/v1/vendors?after=${head}`);
    expect(caughtUp.headers.get('X-Stale')).toBeNull();
  });

  afterAll(async () => {
    await site.close();
  });

  it('shows a need’s history in Chinese from its own page, to its organization and staff only', async () => {
    const owner = await signIn('histdemander', PASSWORD);
    const needPage = await owner.get(`/needs/${needId}`);
    expect(needPage.html).toContain(`href="/history/need/${needId}"`);
    const history = await owner.get(`/history/need/${needId}`);
    expect(history.status).toBe(200);
    for (const text of [
      '创建需求',
      '修改需求',
      '审核通过',
      'histdemander',
      '济南市历史测试制造有限公司',
      '智能质检产线改造二期',
    ]) {
      expect(history.html).toContain(text);
    }
    expect(history.html).not.toMatch(/NeedCreated|用户 [0-9a-f]{8}/);
    expect((await staff.get(`/history/need/${needId}`)).html).toContain('审核通过');

    const bystander = await signIn('bystander', PASSWORD);
    expect((await bystander.get(`/needs/${needId}`)).html).not.toContain('/history/need/');
    const refused = await bystander.get(`/history/need/${needId}`);
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('只有平台工作人员和所属机构可以查看');
  });

  it('lists recent activity for staff by who, kind and date, linking each line to its history', async () => {
    const all = await staff.get('/admin/audit');
    expect(all.status).toBe(200);
    expect(all.html).toContain('平台动态');
    expect(all.html).toContain(`href="/history/need/${needId}"`);
    expect(all.html).not.toContain('need-<编号>');
    const filtered = await staff.get('/admin/audit?q=histdemander&kind=need');
    expect(filtered.html).toContain('最近的操作（共 3 条）');
    expect(filtered.html).toContain('提交审核');
    expect(filtered.html).not.toContain('审核通过');
    const bad = await staff.get('/admin/audit?since=yesterday');
    expect(bad.status).toBe(200);
    expect(bad.html).toContain('日期须为 年-月-日 格式');
    const future = await staff.get('/admin/audit?since=2999-01-01');
    expect(future.html).toContain('没有符合条件的操作');
    expect((await signIn('bystander', PASSWORD).then((p) => p.get('/admin/audit'))).status).toBe(403);
  });

  it('exports the filtered activity as .xlsx with Chinese headers and a Chinese file name', async () => {
    const res = await download(staff, '/admin/audit/export.xlsx?q=histdemander&kind=need');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(
      /^平台动态-\d{4}-\d{2}-\d{2}\.xlsx$/,
    );
    const [sheet] = await sheetsOf(res);
    expect(sheet!.rows[0]).toEqual(['时间', '操作', '类别', '对象', '操作人', '所属机构']);
    expect(sheet!.rows.slice(1).map((r) => r[1])).toEqual(['提交审核', '修改需求', '创建需求']);
    expect((await download(null, '/admin/audit/export.xlsx')).status).toBe(303);
  });

  it('exports search results as the visitor may see them', async () => {
    const res = await download(null, '/export/needs.xlsx?q=质检');
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(
      /^场景需求搜索结果-/,
    );
    const [sheet] = await sheetsOf(res);
    expect(sheet!.rows[0]!.slice(0, 3)).toEqual(['场景名称', '需求单位', '所属行业']);
    expect(sheet!.rows.slice(1).map((r) => r[0])).toEqual(['智能质检产线改造二期']);
    const solutions = await sheetsOf(await download(null, '/export/solutions.xlsx'));
    expect(solutions[0]!.rows.slice(1).map((r) => r[1])).toEqual(['山东视觉智能科技有限公司']);
    expect((await staff.get('/needs?q=质检')).html).toContain('href="/export/needs.xlsx?q=');
  });

  it('exports a match round’s recommendations for staff', async () => {
    const DAY = 24 * 60 * 60 * 1000;
    const campaignId = (
      await api('POST', '/api/v1/campaigns', staffToken, {
        title: '2025年质检场景征集',
        kind: 'both',
        opensAt: new Date(Date.now() - DAY).toISOString(),
        closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      })
    ).id as string;
    const owner = orgs.histdemander!.token;
    const inCampaign = (await api('POST', '/api/v1/needs', owner, { ...needBody, campaignId })).id as string;
    await api('POST', `/api/v1/needs/${inCampaign}/submit`, owner);
    await api('POST', `/api/v1/needs/${inCampaign}/approve`, staffToken);
    await api('POST', `/api/v1/campaigns/${campaignId}/close`, staffToken);
    await api('POST', `/api/v1/campaigns/${campaignId}/publish`, staffToken, {});
    const head = await site.deps.store.headPosition();
    await site.app.request(`/api/v1/vendors?after=${head}`);
    const { roundId } = (await api('POST', `/api/v1/campaigns/${campaignId}/match-rounds`, staffToken, {
      topK: 2,
      capacityPerVendor: 5,
    })) as { roundId: string };
    await expect
      .poll(async () => (await api('GET', `/api/v1/match-rounds/${roundId}`, staffToken)).status, {
        timeout: 10_000,
      })
      .toBe('completed');

    expect((await staff.get(`/admin/match-rounds/${roundId}`)).html).toContain(
      `href="/admin/match-rounds/${roundId}/export.xlsx"`,
    );
    const res = await download(staff, `/admin/match-rounds/${roundId}/export.xlsx`);
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(
      /^云速配匹配结果-\d{4}-\d{2}-\d{2}\.xlsx$/,
    );
    const [sheet] = await sheetsOf(res);
    expect(sheet!.rows[0]).toEqual(['需求', '推荐名次', '推荐方案', '服务商', '匹配度']);
    expect(sheet!.rows[1]!.slice(0, 4)).toEqual([
      needBody.title,
      1,
      solutionBody.title,
      '山东视觉智能科技有限公司',
    ]);
    expect(sheet!.rows[1]![4]).toEqual(expect.any(Number));
    const member = await signIn('bystander', PASSWORD);
    expect((await download(member, `/admin/match-rounds/${roundId}/export.xlsx`)).status).toBe(403);
  });

  it('exports the dashboard’s tables, one sheet each, for staff', async () => {
    const res = await download(staff, '/admin/export.xlsx');
    expect(res.status).toBe(200);
    const sheets = await sheetsOf(res);
    expect(sheets.map((s) => s.name)).toEqual([
      '服务商打榜',
      '场景打榜',
      '需求行业分布',
      '需求城市分布',
      '对接漏斗',
      '签约金额走势',
    ]);
    const stats = (await api('GET', '/api/v1/stats')) as { needsByCity: Record<string, number> };
    expect(sheets[3]!.rows).toEqual([
      ['城市', '需求数'],
      ['济南', stats.needsByCity.jinan],
    ]);
    expect((await download(await signIn('bystander', PASSWORD), '/admin/export.xlsx')).status).toBe(403);
  });

  it('has a public vendor directory with search and filters, each vendor to its profile', async () => {
    const anonymous = visitor(site);
    const directory = await anonymous.get('/vendors');
    expect(directory.status).toBe(200);
    expect(directory.html).toContain('服务商库');
    expect(directory.html).toContain(`href="/vendors/${orgs.visionvendor!.orgId}"`);
    expect(directory.html).toContain('共找到 <strong>1</strong> 家服务商');
    expect((await anonymous.get('/vendors?q=视觉')).html).toContain('山东视觉智能科技有限公司');
    expect((await anonymous.get('/vendors?city=jinan')).html).toContain('没有符合条件的服务商');
    expect((await anonymous.get('/vendors?industry=high-end-equipment')).html).toContain(
      '山东视觉智能科技有限公司',
    );
    expect(directory.html).toMatch(/<a href="\/vendors"[^>]*>服务商库<\/a>/);
    const profile = await anonymous.get(`/vendors/${orgs.visionvendor!.orgId}`);
    for (const text of ['上架方案', '交付项目', '平均评分', '服务城市', '典型案例'])
      expect(profile.html).toContain(text);
  });
});
