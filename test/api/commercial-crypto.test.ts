import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reserve } from '../../src/application/reservations.js';
import { DEFAULT_SIGN_IN_POLICY } from '../../src/application/sign-in-policy.js';
import { totpCode } from '../../src/application/totp.js';
import {
  createStaffUser,
  registerUser,
  runUserCommand,
  usernameTarget,
} from '../../src/application/user-service.js';
import { userStream } from '../../src/domain/user/stream.js';
import { systemContext } from '../../src/runtime.js';
import { createTestApi, expectProblem, PASSWORD, registerOrg, type TestApi, uniqueName } from './support.js';

/** A hash as stored before SM3 (scrypt N=16384, r=8, p=1), made here rather than by the product. */
function scryptHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 64, { N: 16384, r: 8, p: 1, maxmem: 64 << 20 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Issue #21 item 4: passwords rehashed with PBKDF2-SM3 at sign-in, without ending anyone's sessions. */
describe('passwords stored with scrypt before SM3', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  const signIn = (username: string, password: string) =>
    api.request('POST', '/api/v1/auth/token', { body: { username, password } });
  const changePassword = (token: string, currentPassword: string, newPassword: string) =>
    api.request('POST', '/api/v1/auth/password', { token, body: { currentPassword, newPassword } });
  const hashes = async (userId: string) =>
    (await api.store.readStream(userStream(userId))).map((event) => ({
      type: event.type,
      passwordHash: (event.data as { passwordHash?: string }).passwordHash,
    }));

  /** A member whose stream holds only scrypt hashes: registered with one password, changed to another. */
  async function memberWithScryptHashes(first: string, current: string) {
    const { token: staff } = await api.createStaff();
    const org = await registerOrg(api, 'demander', staff);
    const userId = api.deps.newId();
    const username = uniqueName('scrypt');
    const ctx = systemContext('test');
    await reserve(api.deps, ctx, usernameTarget(username), userId);
    const user = { userId, username, role: 'demander' as const, orgId: org.orgId };
    await registerUser(api.deps, ctx, { ...user, passwordHash: scryptHash(first) });
    api.advance(1000);
    const self = { ...ctx, actor: { userId, orgId: org.orgId, role: 'demander' as const } };
    await runUserCommand(api.deps, self, userId, (now) => ({
      type: 'ChangePassword',
      data: { userId, passwordHash: scryptHash(current) },
      context: { actor: self.actor, now },
    }));
    api.advance(1000);
    return { userId, username, orgId: org.orgId };
  }

  it('signs in with the scrypt hash, stores PBKDF2-SM3 in its place and keeps the sessions; then signs in again', async () => {
    const current = 'Current-pass-2';
    const { userId, username, orgId } = await memberWithScryptHashes(PASSWORD, current);
    // A session from before the sign-in that rehashes.
    const earlier = api.http.tokens.issue(userId).token;
    api.advance(1000);

    const first = await signIn(username, current);
    expect(first.status, await first.clone().text()).toBe(200);
    const afterFirst = await hashes(userId);
    expect(afterFirst.map((e) => e.type)).toEqual([
      'UserRegistered',
      'UserPasswordChanged',
      'UserPasswordRehashed',
    ]);
    expect(afterFirst.at(-1)?.passwordHash).toMatch(/^pbkdf2-sm3\$100000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);

    expect((await api.request('GET', `/api/v1/orgs/${orgId}`, { token: earlier })).status).toBe(200);
    api.advance(1000);
    const second = await signIn(username, current);
    expect(second.status, await second.clone().text()).toBe(200);
    expect(await hashes(userId)).toEqual(afterFirst);
    await expectProblem(await signIn(username, 'Wrong-pass-9'), 401, 'auth.invalid_credentials');
  });

  it('refuses a recent password whether its hash is scrypt or PBKDF2-SM3', async () => {
    const current = 'Current-pass-3';
    const { username } = await memberWithScryptHashes(PASSWORD, current);
    const res = await signIn(username, current);
    const { token } = (await res.json()) as { token: string };
    // PASSWORD's hash in the history is still scrypt; the current one's is PBKDF2-SM3 now.
    await expectProblem(await changePassword(token, current, PASSWORD), 422, 'user.password_reused');
    await expectProblem(await changePassword(token, current, current), 422, 'user.password_reused');
    expect((await changePassword(token, current, 'Another-pass-4')).status).toBe(200);
  });
});

describe('TOTP codes are single-use', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ signIn: DEFAULT_SIGN_IN_POLICY });
  });
  afterAll(() => api.close());

  const post = (path: string, body: unknown) => api.request('POST', `/api/v1/auth${path}`, { body });
  const NEW_PASSWORD = 'Changed#2025pw';

  async function enrolledStaff() {
    const username = uniqueName('ops');
    await createStaffUser(api.deps, systemContext('startup'), { username, password: PASSWORD });
    await post('/password/due', { username, currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    const setup = await post('/totp/enrollment', { username, password: NEW_PASSWORD });
    const { secret } = (await setup.json()) as { secret: string };
    const enrolled = await post('/totp', {
      username,
      password: NEW_PASSWORD,
      secret,
      code: totpCode(secret, api.clock()),
    });
    expect(enrolled.status, await enrolled.clone().text()).toBe(200);
    // Past the window of the code that enrolled.
    api.advance(90_000);
    return { username, secret };
  }
  const signIn = (username: string, code: string) =>
    post('/token', { username, password: NEW_PASSWORD, code });
  const codeAt = (secret: string, offsetMs: number) =>
    totpCode(secret, new Date(api.clock().getTime() + offsetMs));

  it('refuses a code that signed in once, and the code of the step before it, until the next step', async () => {
    const { username, secret } = await enrolledStaff();
    const code = codeAt(secret, 0);
    expect((await signIn(username, code)).status).toBe(200);
    const again = await expectProblem(await signIn(username, code), 401, 'auth.totp_code_used');
    expect(again.detail).toBe('该动态验证码已使用过，请等身份验证器显示新的验证码后再试');
    await expectProblem(await signIn(username, codeAt(secret, -30_000)), 401, 'auth.totp_code_used');
    // Still within the code's window, a step later: the authenticator shows a new code, which signs in.
    api.advance(30_000);
    await expectProblem(await signIn(username, code), 401, 'auth.totp_code_used');
    expect((await signIn(username, codeAt(secret, 0))).status).toBe(200);
  });

  it('counts a spent code towards the lock like a wrong one', async () => {
    const { username, secret } = await enrolledStaff();
    const code = codeAt(secret, 0);
    expect((await signIn(username, code)).status).toBe(200);
    for (let i = 0; i < 5; i++) await expectProblem(await signIn(username, code), 401, 'auth.totp_code_used');
    api.advance(30_000);
    await expectProblem(await signIn(username, codeAt(secret, 0)), 401, 'auth.locked');
  });

  it('does not spend a code on a refused sign-in: a password that is due is changed, then the code signs in', async () => {
    const { username, secret } = await enrolledStaff();
    api.advance(90 * 86_400_000);
    const code = codeAt(secret, 0);
    await expectProblem(await signIn(username, code), 403, 'auth.password_expired');
    const renewed = await post('/password/due', {
      username,
      currentPassword: NEW_PASSWORD,
      newPassword: 'Renewed#2025pw',
    });
    expect(renewed.status).toBe(200);
    const res = await post('/token', { username, password: 'Renewed#2025pw', code });
    expect(res.status, await res.clone().text()).toBe(200);
  });
});
