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
const DAY = 24 * 60 * 60 * 1000;

/**
 * 三员分立 both ways: a 系统管理员 creates staff and sets duties, anyone else may not; no account holds
 * 系统管理员 and 审计管理员 together; 业务人员 review, an auditor may not; staff registered before duties
 * existed still do everything they did.
 */
describe('staff duties (三员分立)', () => {
  let api: TestApi;
  let old: string;
  let demander: TestOrg;

  const send = (method: string, path: string, token: string, body?: unknown) =>
    api.request(method, path, { token, ...(body === undefined ? {} : { body }) });
  const ok = async (res: Response, status = 200): Promise<Json> => {
    expect(res.status, await res.clone().text()).toBe(status);
    return (await res.json()) as Json;
  };
  const staffBody = (duties?: string[]) => ({
    username: uniqueName('duty'),
    password: PASSWORD,
    name: '王晓明',
    scope: 'province',
    ...(duties ? { duties } : {}),
  });

  async function addStaff(duties?: string[], by = old): Promise<{ id: string; token: string }> {
    const body = staffBody(duties);
    const created = await ok(await send('POST', '/api/v1/staff', by, body), 201);
    return { id: created.id as string, token: await api.login(body.username) };
  }

  async function submittedNeed(): Promise<string> {
    const need = await ok(await send('POST', '/api/v1/needs', demander.token, needBody), 201);
    await ok(await send('POST', `/api/v1/needs/${need.id}/submit`, demander.token));
    return need.id as string;
  }

  const campaignBody = {
    title: '2025年城市场景需求征集',
    kind: 'both',
    opensAt: new Date(START.getTime() - DAY).toISOString(),
    closesAt: new Date(START.getTime() + 30 * DAY).toISOString(),
  };

  beforeAll(async () => {
    api = await createTestApi();
    // Registered the way every account was before duties: none in its event.
    old = (await api.createStaff()).token;
    demander = await registerOrg(api, 'demander', old);
  });
  afterAll(() => api.close());

  it('lets a 系统管理员 create staff with duties, 业务人员 when none are named, and shows them', async () => {
    const named = await ok(
      await send('POST', '/api/v1/staff', old, staffBody(['accounts', 'security'])),
      201,
    );
    expect(named.duties).toEqual(['accounts', 'security']);
    const plain = await addStaff();
    expect((await ok(await send('GET', '/api/v1/me', plain.token))).duties).toEqual(['business']);
  });

  it('shows staff from before duties every duty but 审计管理员, and members of organizations none', async () => {
    expect((await ok(await send('GET', '/api/v1/me', old))).duties).toEqual([
      'accounts',
      'security',
      'business',
    ]);
    expect((await ok(await send('GET', '/api/v1/me', demander.token))).duties).toBeNull();
  });

  it('refuses 系统管理员 and 审计管理员 on one account, writing nothing', async () => {
    const body = staffBody(['accounts', 'audit']);
    const problem = await expectProblem(
      await send('POST', '/api/v1/staff', old, body),
      422,
      'user.duties_conflict',
    );
    expect(problem.detail).toBe('系统管理员与审计管理员须由不同的人担任，同一账号不能兼任');
    // The username was released: the same account without the conflict can be created.
    await ok(await send('POST', '/api/v1/staff', old, { ...body, duties: ['audit'] }), 201);
  });

  it('refuses staff creation to anyone but a 系统管理员', async () => {
    const business = await addStaff(['business']);
    const auditor = await addStaff(['audit']);
    for (const token of [business.token, auditor.token]) {
      const problem = await expectProblem(
        await send('POST', '/api/v1/staff', token, staffBody()),
        403,
        'staff.duty_required',
      );
      expect(problem.detail).toBe('只有系统管理员可以创建工作人员账号');
    }
  });

  it('lets 业务人员 review, and refuses an auditor', async () => {
    const business = await addStaff(['business']);
    const auditor = await addStaff(['audit']);
    const needId = await submittedNeed();
    const problem = await expectProblem(
      await send('POST', `/api/v1/needs/${needId}/approve`, auditor.token),
      403,
      'staff.duty_required',
    );
    expect(problem.detail).toBe('只有业务人员可以办理审核、认证、征集和对接业务');
    await ok(await send('POST', `/api/v1/needs/${needId}/approve`, business.token));
  });

  it('refuses campaigns, organizations and account changes to staff without the duty', async () => {
    const accounts = await addStaff(['accounts']);
    await expectProblem(
      await send('POST', '/api/v1/campaigns', accounts.token, campaignBody),
      403,
      'staff.duty_required',
    );
    const pending = await registerOrg(api, 'vendor', null);
    await expectProblem(
      await send('POST', `/api/v1/orgs/${pending.orgId}/verify`, accounts.token),
      403,
      'staff.duty_required',
    );
    const business = await addStaff(['business']);
    await expectProblem(
      await send('POST', `/api/v1/users/${demander.userId}/disable`, business.token, {}),
      403,
      'staff.duty_required',
    );
  });

  it('refuses recommending a solution and promoting a case to staff without 业务人员', async () => {
    const auditor = await addStaff(['audit']);
    const needId = await submittedNeed();
    const recommended = await expectProblem(
      await send('POST', `/api/v1/needs/${needId}/recommendations`, auditor.token, {
        solutionId: '00000000-0000-7000-8000-000000000000',
      }),
      403,
      'staff.duty_required',
    );
    expect(recommended.detail).toBe('只有业务人员可以推荐解决方案');
    const promoted = await expectProblem(
      await send(
        'POST',
        '/api/v1/engagements/00000000-0000-7000-8000-000000000000/promote-case',
        auditor.token,
        {
          title: '典型案例',
          summary: '以数字化手段提升车间生产效率的典型做法',
        },
      ),
      403,
      'staff.duty_required',
    );
    expect(promoted.detail).toBe('只有业务人员可以评选典型案例');
  });

  it('lets staff from before duties still review, open campaigns and create staff', async () => {
    const needId = await submittedNeed();
    await ok(await send('POST', `/api/v1/needs/${needId}/approve`, old));
    await ok(await send('POST', '/api/v1/campaigns', old, campaignBody), 201);
    await addStaff(['business'], old);
  });

  it('lets a 系统管理员 change the duties of another, and the change takes effect at once', async () => {
    const business = await addStaff(['business']);
    const changed = await ok(
      await send('PUT', `/api/v1/staff/${business.id}/duties`, old, { duties: ['audit'] }),
    );
    expect(changed.duties).toEqual(['audit']);
    const needId = await submittedNeed();
    await expectProblem(
      await send('POST', `/api/v1/needs/${needId}/approve`, business.token),
      403,
      'staff.duty_required',
    );
  });

  it('refuses a change of duties that joins 系统管理员 and 审计管理员, or comes from anyone else', async () => {
    const target = await addStaff(['audit']);
    await expectProblem(
      await send('PUT', `/api/v1/staff/${target.id}/duties`, old, { duties: ['audit', 'accounts'] }),
      422,
      'user.duties_conflict',
    );
    const business = await addStaff(['business']);
    await expectProblem(
      await send('PUT', `/api/v1/staff/${target.id}/duties`, business.token, { duties: ['business'] }),
      403,
      'staff.duty_required',
    );
    await expectProblem(
      await send('PUT', `/api/v1/staff/${target.id}/duties`, old, { duties: ['超级管理员'] }),
      422,
    );
    expect((await ok(await send('GET', '/api/v1/me', target.token))).duties).toEqual(['audit']);
  });
});
