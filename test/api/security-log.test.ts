import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody } from './fixtures.js';
import {
  createTestApi,
  expectProblem,
  PASSWORD,
  registerOrg,
  START,
  type TestApi,
  type TestOrg,
  uniqueName,
} from './support.js';

type Json = Record<string, unknown>;
type Line = {
  kind: string;
  label: string;
  userId: string | null;
  username: string | null;
  ip: string | null;
  userAgent: string | null;
  at: string;
  detail: string | null;
  subjectId: string | null;
};

const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) SecurityLogTest/1.0';

/**
 * The security log (等保): each recorded action shows who, from which IP and browser, and when; only the
 * 审计管理员 reads it, filtered by type, user and day, and exports it as Excel.
 */
describe('security log', () => {
  let api: TestApi;
  let admin: string;
  let auditor: string;
  let auditorName: string;
  let demander: TestOrg;
  let addressCounter = 0;

  /** A request from a client of its own (the socket's peer address, as the server reads it). */
  async function from(
    ip: string,
    method: string,
    path: string,
    opts: { token?: string; body?: unknown } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { 'User-Agent': UA };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    const init = { method, headers, ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }) };
    return api.app.request(path, init, { incoming: { socket: { remoteAddress: ip } } });
  }
  const nextIp = () => `203.0.113.${++addressCounter}`;

  async function lines(query = ''): Promise<Line[]> {
    await api.caughtUp();
    const res = await api.request('GET', `/api/v1/security-log?pageSize=100${query}`, { token: auditor });
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { hits: Line[] }).hits;
  }

  /** The one line from `ip`: every test acts from an address of its own. */
  async function lineFrom(ip: string, kind: string): Promise<Line> {
    const found = (await lines(`&type=${kind}`)).filter((line) => line.ip === ip);
    expect(found, `${kind} from ${ip}`).toHaveLength(1);
    return found[0]!;
  }

  const expectClient = (line: Line, ip: string) => {
    expect(line.ip).toBe(ip);
    expect(line.userAgent).toBe(UA);
    expect(line.at).toBe(api.clock().toISOString());
  };

  async function newStaff(duties: string[]): Promise<{ id: string; username: string; token: string }> {
    const username = uniqueName('sec');
    const res = await api.request('POST', '/api/v1/staff', {
      token: admin,
      body: { username, password: PASSWORD, name: '审计员', scope: 'province', duties },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = (await res.json()) as { id: string };
    return { id, username, token: await api.login(username) };
  }

  beforeAll(async () => {
    api = await createTestApi();
    admin = (await api.createStaff()).token;
    const audit = await newStaff(['audit']);
    auditor = audit.token;
    auditorName = audit.username;
    demander = await registerOrg(api, 'demander', admin);
  });
  afterAll(() => api.close());

  it('records a sign-in with the user, IP, user agent and time', async () => {
    const ip = nextIp();
    const res = await from(ip, 'POST', '/api/v1/auth/token', {
      body: { username: demander.username, password: PASSWORD },
    });
    expect(res.status).toBe(200);
    const line = await lineFrom(ip, 'sign_in_succeeded');
    expect(line).toMatchObject({ label: '登录成功', userId: demander.userId, username: demander.username });
    expectClient(line, ip);
  });

  it('records a wrong password under the account, and an unknown username as typed', async () => {
    const ip = nextIp();
    const wrong = await from(ip, 'POST', '/api/v1/auth/token', {
      body: { username: demander.username, password: 'Wrong1234pass' },
    });
    await expectProblem(wrong, 401, 'auth.invalid_credentials');
    const unknown = await from(ip, 'POST', '/api/v1/auth/token', {
      body: { username: 'nobody-here', password: 'Wrong1234pass' },
    });
    await expectProblem(unknown, 401, 'auth.invalid_credentials');
    const failed = (await lines('&type=sign_in_failed')).filter((line) => line.ip === ip);
    expect(failed.map((line) => [line.userId, line.username])).toEqual([
      [null, 'nobody-here'],
      [demander.userId, demander.username],
    ]);
    for (const line of failed) {
      expect(line.label).toBe('登录失败');
      expect(line.detail).toMatch(/用户名或密码错误/);
      expectClient(line, ip);
    }
  });

  it('records the lock after the 5th wrong password', async () => {
    const ip = nextIp();
    const victim = await registerOrg(api, 'vendor', admin);
    for (let i = 0; i < 5; i++) {
      await from(ip, 'POST', '/api/v1/auth/token', {
        body: { username: victim.username, password: 'Wrong1234pass' },
      });
    }
    const line = await lineFrom(ip, 'account_locked');
    expect(line).toMatchObject({ label: '账号锁定', userId: victim.userId, username: victim.username });
    expect(line.detail).toMatch(/锁定至/);
    expectClient(line, ip);
  });

  it('records a sign-out', async () => {
    const ip = nextIp();
    const signedIn = await registerOrg(api, 'demander', admin);
    const res = await from(ip, 'POST', '/api/v1/auth/logout', { token: signedIn.token });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    const line = await lineFrom(ip, 'signed_out');
    expect(line).toMatchObject({ label: '退出登录', userId: signedIn.userId, username: signedIn.username });
    expectClient(line, ip);
  });

  it('records a password change', async () => {
    const ip = nextIp();
    const user = await registerOrg(api, 'vendor', admin);
    const res = await from(ip, 'POST', '/api/v1/auth/password', {
      token: user.token,
      body: { currentPassword: PASSWORD, newPassword: 'Changed1234pw' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const line = await lineFrom(ip, 'password_changed');
    expect(line).toMatchObject({ label: '修改密码', userId: user.userId, username: user.username });
    expectClient(line, ip);
  });

  it('records staff created, duties changed, and an account disabled and enabled, under who did it', async () => {
    const ip = nextIp();
    const username = uniqueName('sec');
    const created = await from(ip, 'POST', '/api/v1/staff', {
      token: admin,
      body: { username, password: PASSWORD, name: '王晓明', scope: 'province', duties: ['business'] },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const duties = await from(ip, 'PUT', `/api/v1/staff/${id}/duties`, {
      token: admin,
      body: { duties: ['business', 'security'] },
    });
    expect(duties.status, await duties.clone().text()).toBe(200);
    const off = await from(ip, 'POST', `/api/v1/users/${id}/disable`, { token: admin, body: {} });
    expect(off.status, await off.clone().text()).toBe(200);
    const on = await from(ip, 'POST', `/api/v1/users/${id}/enable`, { token: admin });
    expect(on.status, await on.clone().text()).toBe(200);

    const adminLine = await lineFrom(ip, 'staff_created');
    expect(adminLine).toMatchObject({ label: '创建工作人员账号', subjectId: id, detail: username });
    expect(adminLine.userId).not.toBe(id);
    expect(adminLine.username).toEqual(expect.any(String));
    expectClient(adminLine, ip);
    const changed = await lineFrom(ip, 'duties_changed');
    expect(changed).toMatchObject({ label: '调整职责', subjectId: id, userId: adminLine.userId });
    expect(changed.detail).toBe(`${username}：安全管理员、业务人员`);
    expect(await lineFrom(ip, 'user_disabled')).toMatchObject({ label: '停用账号', subjectId: id });
    expect(await lineFrom(ip, 'user_enabled')).toMatchObject({ label: '启用账号', subjectId: id });
  });

  it("records staff reading a demander's contact, and not the demander reading its own", async () => {
    const ip = nextIp();
    const need = (await (
      await api.request('POST', '/api/v1/needs', { token: demander.token, body: needBody })
    ).json()) as { id: string };
    const own = await from(ip, 'GET', `/api/v1/needs/${need.id}`, { token: demander.token });
    expect(((await own.json()) as Json).contact).toBeDefined();
    const read = await from(ip, 'GET', `/api/v1/needs/${need.id}`, { token: admin });
    expect(((await read.json()) as Json).contact).toBeDefined();
    const line = await lineFrom(ip, 'contact_viewed');
    expect(line).toMatchObject({ label: '查看需求方联系方式', subjectId: need.id, detail: needBody.title });
    expect(line.userId).not.toBe(demander.userId);
    expectClient(line, ip);
  });

  it('filters by type, user and day', async () => {
    const all = await lines();
    expect(new Set(all.map((line) => line.kind)).size).toBeGreaterThan(3);
    const signIns = await lines('&type=sign_in_succeeded');
    expect(signIns.length).toBeGreaterThan(0);
    expect(signIns.every((line) => line.kind === 'sign_in_succeeded')).toBe(true);
    const byName = await lines(`&user=${demander.username}`);
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((line) => line.username === demander.username)).toBe(true);
    const byId = await lines(`&user=${demander.userId}`);
    expect(byId.map((line) => line.at)).toEqual(byName.map((line) => line.at));
    // START is 10:00 Beijing time on 2025-03-01.
    expect(await lines('&from=2025-03-01&to=2025-03-01')).toHaveLength(all.length);
    expect(await lines('&from=2025-03-02')).toEqual([]);
    expect(await lines('&to=2025-02-28')).toEqual([]);
    const bad = await api.request('GET', '/api/v1/security-log?type=nonsense&from=2025-3-1', {
      token: auditor,
    });
    const problem = await expectProblem(bad, 422);
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['from', 'type']);
    expect(problem.errors?.find((e) => e.path === 'type')?.message).toMatch(/登录失败/);
  });

  it('is for the 审计管理员 only', async () => {
    await expectProblem(
      await api.request('GET', '/api/v1/security-log', { token: admin }),
      403,
      'staff.duty_required',
    );
    const business = await newStaff(['business']);
    await expectProblem(
      await api.request('GET', '/api/v1/security-log?format=xlsx', { token: business.token }),
      403,
      'staff.duty_required',
    );
    await expectProblem(await api.request('GET', '/api/v1/security-log', { token: demander.token }), 403);
    // Nor its raw day streams, which other staff may read like any stream.
    const day = '/api/v1/streams/security-log-2025-03-01/events';
    await expectProblem(await api.request('GET', day, { token: admin }), 403, 'staff.duty_required');
    const raw = await api.request('GET', day, { token: auditor });
    expect(raw.status).toBe(200);
    expect(((await raw.json()) as { events: { type: string }[] }).events[0]?.type).toBe(
      'SecurityEventRecorded',
    );
    await expectProblem(await api.request('GET', '/api/v1/security-log'), 401);
  });

  it('exports the filtered log as a valid xlsx, and records the export', async () => {
    await api.caughtUp();
    const res = await from('198.51.100.9', 'GET', '/api/v1/security-log?format=xlsx&type=sign_in_failed', {
      token: auditor,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('安全日志'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('安全日志')!;
    const rows = sheet.getSheetValues().slice(1) as unknown[][];
    expect(rows[0]!.slice(1)).toEqual([
      '时间',
      '事件',
      '用户',
      '用户编号',
      'IP 地址',
      '浏览器（User-Agent）',
      '说明',
    ]);
    const failed = await lines('&type=sign_in_failed');
    expect(rows.slice(1)).toHaveLength(failed.length);
    for (const row of rows.slice(1)) {
      expect(row[2]).toBe('登录失败');
      expect(row[6]).toBe(UA);
      expect(row[1]).toMatch(/^2025-03-01 10:00:00$/);
    }
    const exported = await lineFrom('198.51.100.9', 'data_exported');
    expect(exported).toMatchObject({ label: '导出数据', username: auditorName });
    expect(exported.detail).toMatch(/^安全日志-2025-03-01\.xlsx$/);
    expect(START.toISOString()).toBe(exported.at);
  });
});
