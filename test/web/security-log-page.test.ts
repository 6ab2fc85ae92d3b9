import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPolicyVersions } from '../../src/application/policies/policies.js';
import { usccCheckCharacter } from '../../src/domain/shared/uscc.js';
import { needBody } from '../api/fixtures.js';
import { openSite, type Site, STAFF, type Visitor, visitor } from './support.js';

const PASSWORD = 'Pass1234word';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) SecurityLogPage/1.0';

/**
 * 安全日志 in the pages: what people do through the site (sign in and out, a wrong password, a new
 * password, an Excel download, a need's contact read by staff) is in the auditor's table with the browser
 * it came from, filtered by type and user, and exported as Excel; staff without 审计管理员 are refused.
 */
describe('security log page', () => {
  let site: Site;
  let admin: Visitor;
  let auditor: Visitor;
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

  async function signIn(username: string, password: string): Promise<Visitor> {
    const person = visitor(site, { 'User-Agent': UA });
    await person.get('/login');
    const signed = await person.post('/login', { username, password });
    expect(signed.status, signed.html).toBe(303);
    return person;
  }

  /** Lets the projector take in what was recorded, then reads the page. */
  async function logPage(query = ''): Promise<string> {
    for (let i = 0; i < 50; i++) {
      const { status, html } = await auditor.get(`/security-log${query}`);
      expect(status).toBe(200);
      if (!html.includes('共 0 条')) return html;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the security log stayed empty');
  }
  const rowsOf = (html: string) => html.split('<tr>').slice(2);

  beforeAll(async () => {
    site = await openSite();
    const staffToken = await tokenOf(STAFF.username, STAFF.password);
    await api('POST', '/api/v1/staff', staffToken, {
      username: 'auditor1',
      password: PASSWORD,
      name: '审计员',
      scope: 'province',
      duties: ['audit'],
    });
    const first17 = `91370100MC${String(process.pid).padStart(7, '0').slice(-7)}`;
    const created = await api('POST', '/api/v1/orgs', undefined, {
      name: '济南市安全日志测试制造有限公司',
      uscc: first17 + usccCheckCharacter(first17),
      kind: 'demander',
      city: 'jinan',
      contact: { name: '李主任', phone: '0531-88881234', email: 'logdemander@example.cn' },
      admin: { username: 'logdemander', password: PASSWORD },
      accepted: currentPolicyVersions(),
    });
    const orgId = (created.org as { id: string }).id;
    await api('POST', `/api/v1/orgs/${orgId}/verify`, staffToken);
    const need = await api('POST', '/api/v1/needs', await tokenOf('logdemander', PASSWORD), needBody);
    needId = need.id as string;

    // What the auditor then finds, each through the pages.
    const wrong = visitor(site, { 'User-Agent': UA });
    await wrong.get('/login');
    expect((await wrong.post('/login', { username: 'logdemander', password: 'Wrong1234pass' })).status).toBe(
      401,
    );
    const demander = await signIn('logdemander', PASSWORD);
    await demander.get('/account/password');
    const changed = await demander.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'Changed1234pw',
      newPasswordConfirm: 'Changed1234pw',
    });
    expect(changed.status, changed.html).toBe(303);
    await demander.get('/my');
    expect((await demander.post('/logout')).status).toBe(303);
    admin = await signIn(STAFF.username, STAFF.password);
    expect((await admin.get(`/needs/${needId}`)).html).toContain('0531-88881234');
    expect((await admin.get('/export/needs.xlsx')).status).toBe(200);
    auditor = await signIn('auditor1', PASSWORD);
  });
  afterAll(() => site.close());

  it('shows each action with its user, browser and time', async () => {
    const html = await logPage();
    for (const label of ['登录成功', '登录失败', '修改密码', '退出登录', '查看需求方联系方式', '导出数据']) {
      expect(html, label).toContain(`<strong>${label}</strong>`);
    }
    expect(html).toContain('logdemander');
    expect(html).toContain(UA);
    expect(html).toContain('智能质检产线改造');
    expect(html).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  });

  it('filters by type and user, keeping the filter in the form and the export link', async () => {
    const exports = await logPage('?type=data_exported');
    expect(rowsOf(exports)).toHaveLength(1);
    expect(exports).toContain('场景需求搜索结果');
    expect(exports).toContain('<option value="data_exported" selected="">导出数据</option>');
    expect(exports).toContain('href="/security-log/export.xlsx?type=data_exported"');
    const byUser = await logPage('?user=logdemander');
    const rows = rowsOf(byUser);
    // The four through the pages, and the sign-in through the API that wrote the need.
    expect(rows.length).toBe(5);
    for (const row of rows) expect(row).toContain('logdemander');
    const bad = await auditor.get('/security-log?from=2025-13-01');
    expect(bad.html).toContain('日期须为 年-月-日 格式');
  });

  it('exports what the filter shows as Excel', async () => {
    await logPage();
    const cookie = [...auditor.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await site.app.request('/security-log/export.xlsx?user=logdemander', {
      headers: { Cookie: cookie, 'User-Agent': UA },
    });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const rows = (workbook.getWorksheet('安全日志')!.getSheetValues().filter(Boolean) as unknown[][]).map(
      (row) => row.slice(1),
    );
    expect(rows[0]).toEqual(['时间', '事件', '用户', '用户编号', 'IP 地址', '浏览器（User-Agent）', '说明']);
    const lines = rows.slice(1);
    expect(lines.map((row) => row[1])).toEqual(['退出登录', '修改密码', '登录成功', '登录失败', '登录成功']);
    expect(lines.map((row) => row[5])).toEqual([UA, UA, UA, UA, '']);
    expect(lines.every((row) => row[4] === 'local')).toBe(true);
  });

  it('refuses staff without 审计管理员', async () => {
    const refused = await admin.get('/security-log');
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('只有审计管理员可以查看安全日志');
  });
});
