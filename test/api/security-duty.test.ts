import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_IN_POLICY } from '../../src/application/sign-in-policy.js';
import { totpCode } from '../../src/application/totp.js';
import { createStaffUser } from '../../src/application/user-service.js';
import { systemContext } from '../../src/runtime.js';
import { createTestApi, expectProblem, PASSWORD, registerOrg, type TestApi, uniqueName } from './support.js';

type Json = Record<string, unknown>;
const NEW_PASSWORD = 'Changed#2025pw';

/**
 * 三员分立, the 安全管理员's part (issue #21 item 2): unlocking an account locked by wrong passwords and
 * resetting another staff member's lost authenticator; both refused to other duties, both in the log.
 */
describe('安全管理员: unlock accounts and reset authenticators', () => {
  let api: TestApi;
  let admin: Staff;
  let security: Staff;
  let business: Staff;
  let auditor: Staff;

  interface Staff {
    id: string;
    username: string;
    token: string;
  }

  const post = (path: string, token?: string, body?: unknown) =>
    api.request('POST', `/api/v1${path}`, {
      ...(token === undefined ? {} : { token }),
      ...(body === undefined ? {} : { body }),
    });
  const signIn = (username: string, password: string, code?: string) =>
    post('/auth/token', undefined, { username, password, ...(code === undefined ? {} : { code }) });

  /** A first sign-in under YUNSUPEI_STAFF_MFA=required: change the initial password, bind an authenticator. */
  async function firstSignIn(username: string): Promise<string> {
    const due = { username, currentPassword: PASSWORD, newPassword: NEW_PASSWORD };
    const changed = await post('/auth/password/due', undefined, due);
    expect(changed.status, await changed.clone().text()).toBe(200);
    return enroll(username);
  }

  async function enroll(username: string): Promise<string> {
    const setup = await post('/auth/totp/enrollment', undefined, { username, password: NEW_PASSWORD });
    expect(setup.status, await setup.clone().text()).toBe(200);
    const { secret } = (await setup.json()) as { secret: string };
    const code = totpCode(secret, api.clock());
    const enrolled = await post('/auth/totp', undefined, { username, password: NEW_PASSWORD, secret, code });
    expect(enrolled.status, await enrolled.clone().text()).toBe(200);
    return ((await enrolled.json()) as { token: string }).token;
  }

  async function addStaff(duties: string[]): Promise<Staff> {
    const username = uniqueName('sec');
    const body = { username, password: PASSWORD, name: '王晓明', scope: 'province', duties };
    const res = await post('/staff', admin.token, body);
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = (await res.json()) as { id: string };
    return { id, username, token: await firstSignIn(username) };
  }

  async function securityLog(kind: string): Promise<Json[]> {
    await api.caughtUp();
    const res = await api.request('GET', `/api/v1/security-log?pageSize=100&type=${kind}`, {
      token: auditor.token,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { hits: Json[] }).hits;
  }

  beforeAll(async () => {
    api = await createTestApi({ signIn: DEFAULT_SIGN_IN_POLICY });
    // An account from before duties: 系统管理员, 安全管理员 and 业务人员 at once.
    const username = uniqueName('admin');
    const created = await createStaffUser(api.deps, systemContext('startup'), {
      username,
      password: PASSWORD,
    });
    admin = { id: created.id, username, token: await firstSignIn(username) };
    security = await addStaff(['security']);
    business = await addStaff(['business']);
    auditor = await addStaff(['audit']);
  });
  afterAll(() => api.close());

  it('lets a 安全管理员 unlock an account locked after 5 wrong passwords, and refuses 业务人员', async () => {
    const demander = await registerOrg(api, 'demander', admin.token);
    for (let i = 0; i < 5; i++) {
      await expectProblem(await signIn(demander.username, 'Wrong-pass-1'), 401, 'auth.invalid_credentials');
    }
    await expectProblem(await signIn(demander.username, PASSWORD), 401, 'auth.locked');

    const refused = await expectProblem(await post(`/users/${demander.userId}/unlock`, business.token), 403);
    expect(refused.detail).toBe('只有安全管理员可以解除账号锁定');
    await expectProblem(await signIn(demander.username, PASSWORD), 401, 'auth.locked');

    const unlocked = await post(`/users/${demander.userId}/unlock`, security.token);
    expect(unlocked.status, await unlocked.clone().text()).toBe(200);
    expect(((await unlocked.json()) as Json).username).toBe(demander.username);
    expect((await signIn(demander.username, PASSWORD)).status).toBe(200);

    const lines = await securityLog('account_unlocked');
    expect(lines.filter((line) => line.subjectId === demander.userId)).toEqual([
      expect.objectContaining({
        label: '解除账号锁定',
        userId: security.id,
        username: security.username,
        detail: demander.username,
      }),
    ]);
  });

  it('answers 404 for an account that does not exist', async () => {
    await expectProblem(
      await post('/users/0195a0c0-0000-7000-8000-00000000dead/unlock', security.token),
      404,
    );
  });

  it("resets another staff member's authenticator: they enroll again at their next sign-in", async () => {
    const lost = await addStaff(['business']);
    await expectProblem(
      await post(`/users/${lost.id}/second-factor/reset`, business.token),
      403,
      'staff.duty_required',
    );
    await expectProblem(await signIn(lost.username, NEW_PASSWORD), 403, 'auth.second_factor_required');

    const reset = await post(`/users/${lost.id}/second-factor/reset`, security.token);
    expect(reset.status, await reset.clone().text()).toBe(200);
    await expectProblem(
      await signIn(lost.username, NEW_PASSWORD),
      403,
      'auth.second_factor_enrollment_required',
    );
    // The new authenticator binds with the password alone, as at the first sign-in.
    expect(await enroll(lost.username)).toEqual(expect.any(String));

    const lines = await securityLog('second_factor_reset');
    expect(lines.filter((line) => line.subjectId === lost.id)).toEqual([
      expect.objectContaining({ label: '重置身份验证器', userId: security.id, detail: lost.username }),
    ]);
  });

  it("refuses resetting one's own authenticator, and a member of an organization's", async () => {
    await expectProblem(
      await post(`/users/${security.id}/second-factor/reset`, security.token),
      409,
      'user.cannot_reset_own_second_factor',
    );
    await expectProblem(await signIn(security.username, NEW_PASSWORD), 403, 'auth.second_factor_required');
    const vendor = await registerOrg(api, 'vendor', admin.token);
    await expectProblem(
      await post(`/users/${vendor.userId}/second-factor/reset`, security.token),
      403,
      'user.totp_staff_only',
    );
  });
});
