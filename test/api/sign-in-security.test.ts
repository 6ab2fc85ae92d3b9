import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/application/password.js';
import { currentPolicyVersions } from '../../src/application/policies/policies.js';
import { reserve } from '../../src/application/reservations.js';
import {
  authenticate,
  createStaffUser,
  registerUser,
  usernameTarget,
} from '../../src/application/user-service.js';
import { systemContext } from '../../src/runtime.js';
import { createTestApi, expectProblem, PASSWORD, registerOrg, type TestApi, uniqueName } from './support.js';

const MINUTE = 60_000;

/** Issue #21 item 1: per-account lockout and password rules, with the test API's settable clock. */
describe('sign-in security', () => {
  let api: TestApi;
  let staff: string;
  beforeAll(async () => {
    api = await createTestApi();
    staff = (await api.createStaff()).token;
  });
  afterAll(() => api.close());

  const signIn = (username: string, password: string) =>
    api.request('POST', '/api/v1/auth/token', { body: { username, password } });

  describe('lockout', () => {
    it('locks an account after 5 wrong passwords in 15 minutes, refusing even the right one, for 15 minutes', async () => {
      const org = await registerOrg(api, 'demander', staff);
      for (let i = 0; i < 5; i++) {
        await expectProblem(await signIn(org.username, 'Wrong-pass-1'), 401, 'auth.invalid_credentials');
        api.advance(MINUTE);
      }
      // Minute 5 of a lock that began at minute 4 and lasts until minute 19.
      const lockedOut = await expectProblem(await signIn(org.username, PASSWORD), 401, 'auth.locked');
      expect(lockedOut.detail).toMatch(
        /^密码连续输错次数过多，账号已临时锁定，请于14分钟后（北京时间\d\d:\d\d以后）再试$/,
      );
      api.advance(13 * MINUTE);
      await expectProblem(await signIn(org.username, PASSWORD), 401, 'auth.locked');
      api.advance(MINUTE);
      expect((await signIn(org.username, PASSWORD)).status).toBe(200);
    });

    it('forgets failures older than 15 minutes, and those before a successful sign-in', async () => {
      const org = await registerOrg(api, 'vendor', staff);
      for (let i = 0; i < 4; i++) await signIn(org.username, 'Wrong-pass-1');
      api.advance(16 * MINUTE);
      await signIn(org.username, 'Wrong-pass-1');
      expect((await signIn(org.username, PASSWORD)).status).toBe(200);
      for (let i = 0; i < 4; i++) await signIn(org.username, 'Wrong-pass-1');
      expect((await signIn(org.username, PASSWORD)).status).toBe(200);
    });

    it('answers a locked account and an unknown username alike to anyone without the password', async () => {
      const org = await registerOrg(api, 'demander', staff);
      const unknown = uniqueName('nobody');
      const answers: string[] = [];
      for (let i = 0; i < 7; i++) {
        for (const username of [org.username, unknown]) {
          const problem = await expectProblem(await signIn(username, 'Wrong-pass-1'), 401);
          answers.push(`${problem.code} ${problem.detail}`);
        }
      }
      expect(new Set(answers)).toEqual(new Set(['auth.invalid_credentials 用户名或密码错误，或账号已停用']));
    });

    it('keeps the failures in the account’s own sign-in stream', async () => {
      const org = await registerOrg(api, 'vendor', staff);
      for (let i = 0; i < 5; i++) await signIn(org.username, 'Wrong-pass-1');
      const events = await api.store.readStream(`signin-${org.userId}`);
      expect(events.map((e) => e.type)).toEqual([
        'SignInFailed',
        'SignInFailed',
        'SignInFailed',
        'SignInFailed',
        'SignInFailed',
        'AccountLocked',
      ]);
      expect(JSON.stringify(events.map((e) => e.data))).not.toContain('Wrong-pass-1');
    });
  });

  describe('password rules', () => {
    const RULE = '密码须为8到64位，且至少包含大写字母、小写字母、数字、符号中的三种';
    const changePassword = (token: string, currentPassword: string, newPassword: string) =>
      api.request('POST', '/api/v1/auth/password', { token, body: { currentPassword, newPassword } });

    it('refuses a registration whose password has fewer than three kinds of characters, naming the rule', async () => {
      const username = uniqueName('weak');
      const res = await api.request('POST', '/api/v1/orgs', {
        body: {
          name: `济南市${username}制造有限公司`,
          uscc: '91370100MA3C5EXX7K',
          kind: 'demander',
          city: 'jinan',
          contact: { name: '李主任', phone: '0531-88881234', email: `${username}@example.cn` },
          admin: { username, password: 'secret123pass' },
          accepted: currentPolicyVersions(),
        },
      });
      const problem = await expectProblem(res, 422, 'validation');
      expect(problem.errors).toContainEqual({ path: 'admin.password', message: RULE });
    });

    it('refuses a weak new password, and any of the last 5', async () => {
      const org = await registerOrg(api, 'demander', staff);
      const weak = await expectProblem(await changePassword(org.token, PASSWORD, 'password1'), 422);
      expect(weak.errors).toEqual([{ path: 'newPassword', message: RULE }]);
      const same = await expectProblem(
        await changePassword(org.token, PASSWORD, PASSWORD),
        422,
        'user.password_reused',
      );
      expect(same.detail).toBe('新密码不能与最近5次使用过的密码相同');

      // PASSWORD, then five more: PASSWORD drops out of the last 5 only with the fifth change.
      const passwords = [
        PASSWORD,
        'Second-pass-2',
        'Third-pass-3',
        'Fourth-pass-4',
        'Fifth-pass-5',
        'Sixth-pass-6',
      ];
      for (let i = 1; i < passwords.length; i++) {
        const current = passwords[i - 1] as string;
        const token = await tokenFor(org.username, current);
        if (i === passwords.length - 1) {
          await expectProblem(await changePassword(token, current, PASSWORD), 422, 'user.password_reused');
          await expectProblem(
            await changePassword(token, current, 'Second-pass-2'),
            422,
            'user.password_reused',
          );
        }
        api.advance(1);
        expect((await changePassword(token, current, passwords[i] as string)).status).toBe(200);
        api.advance(1);
      }
      const token = await tokenFor(org.username, 'Sixth-pass-6');
      await expectProblem(
        await changePassword(token, 'Sixth-pass-6', 'Second-pass-2'),
        422,
        'user.password_reused',
      );
      expect((await changePassword(token, 'Sixth-pass-6', PASSWORD)).status).toBe(200);
    });

    const tokenFor = async (username: string, password: string) => {
      const res = await signIn(username, password);
      expect(res.status, await res.clone().text()).toBe(200);
      return ((await res.json()) as { token: string }).token;
    };

    it('refuses a weak password for a new staff account', async () => {
      await expect(
        createStaffUser(api.deps, systemContext('test'), {
          username: uniqueName('ops'),
          password: 'staff1234pw',
        }),
      ).rejects.toMatchObject({ errors: [{ path: 'password', message: RULE }] });
    });

    it('keeps existing accounts signing in with passwords set before the rule, start-up included', async () => {
      const username = uniqueName('oldstaff');
      const userId = api.deps.newId();
      await reserve(api.deps, systemContext('test'), usernameTarget(username), userId);
      await registerUser(api.deps, systemContext('test'), {
        userId,
        username,
        passwordHash: await hashPassword('admin12345pw'),
        role: 'staff',
        orgId: null,
      });
      // As start-up does with YUNSUPEI_ADMIN_PASSWORD every time.
      const again = await createStaffUser(api.deps, systemContext('startup'), {
        username,
        password: 'admin12345pw',
      });
      expect(again.id).toBe(userId);
      expect((await authenticate(api.deps, username, 'admin12345pw')).id).toBe(userId);
    });
  });
});
