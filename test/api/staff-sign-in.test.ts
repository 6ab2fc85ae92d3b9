import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addExpertAccount } from '../../src/application/expert-service.js';
import { DEFAULT_SIGN_IN_POLICY } from '../../src/application/sign-in-policy.js';
import { totpCode } from '../../src/application/totp.js';
import { createStaffUser } from '../../src/application/user-service.js';
import { systemContext } from '../../src/runtime.js';
import { createTestApi, expectProblem, PASSWORD, registerOrg, type TestApi, uniqueName } from './support.js';

const DAY = 86_400_000;
const NEW_PASSWORD = 'Changed#2025pw';

/** Issue #21 item 1: password expiry, the forced first change and staff TOTP, with the default policy. */
describe('staff sign-in under YUNSUPEI_STAFF_MFA=required', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ signIn: DEFAULT_SIGN_IN_POLICY });
  });
  afterAll(() => api.close());

  const post = (path: string, body: unknown) => api.request('POST', `/api/v1/auth${path}`, { body });
  const signIn = (username: string, password: string, code?: string) =>
    post('/token', { username, password, ...(code === undefined ? {} : { code }) });

  async function newStaff(): Promise<string> {
    const username = uniqueName('ops');
    await createStaffUser(api.deps, systemContext('startup'), { username, password: PASSWORD });
    return username;
  }

  /** The first sign-in, step by step: change the initial password, then bind an authenticator. */
  async function enrolledStaff() {
    const username = await newStaff();
    const changed = await post('/password/due', {
      username,
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    const setup = await post('/totp/enrollment', { username, password: NEW_PASSWORD });
    expect(setup.status).toBe(200);
    const { secret } = (await setup.json()) as { secret: string };
    const code = totpCode(secret, api.clock());
    const enrolled = await post('/totp', { username, password: NEW_PASSWORD, secret, code });
    expect(enrolled.status, await enrolled.clone().text()).toBe(200);
    const { recoveryCodes, token } = (await enrolled.json()) as { recoveryCodes: string[]; token: string };
    return { username, secret, recoveryCodes, token };
  }

  it('sends a staff member with the initial password to 请修改密码 first, then to enroll, then signs in with a code', async () => {
    const username = await newStaff();
    await expectProblem(await signIn(username, PASSWORD), 403, 'auth.initial_password');
    // The authenticator cannot be bound with the initial password either.
    await expectProblem(
      await post('/totp/enrollment', { username, password: PASSWORD }),
      403,
      'auth.initial_password',
    );
    const changed = await post('/password/due', {
      username,
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(200);
    await expectProblem(await signIn(username, NEW_PASSWORD), 403, 'auth.second_factor_enrollment_required');

    const setup = await post('/totp/enrollment', { username, password: NEW_PASSWORD });
    const { secret, otpauthUri } = (await setup.json()) as { secret: string; otpauthUri: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toBe(
      `otpauth://totp/${encodeURIComponent(`云速配:${username}`)}?secret=${secret}&issuer=${encodeURIComponent('云速配')}&algorithm=SHA1&digits=6&period=30`,
    );
    // A wrong code binds nothing: the account still asks to enroll.
    const wrong = String((Number(totpCode(secret, api.clock())) + 1) % 1_000_000).padStart(6, '0');
    await expectProblem(
      await post('/totp', { username, password: NEW_PASSWORD, secret, code: wrong }),
      422,
      'user.wrong_totp_code',
    );
    await expectProblem(await signIn(username, NEW_PASSWORD), 403, 'auth.second_factor_enrollment_required');

    const enrolled = await post('/totp', {
      username,
      password: NEW_PASSWORD,
      secret,
      code: totpCode(secret, api.clock()),
    });
    const body = (await enrolled.json()) as { token: string; recoveryCodes: string[] };
    expect(body.recoveryCodes).toHaveLength(10);
    expect((await api.request('GET', '/api/v1/me', { token: body.token })).status).toBe(200);

    await expectProblem(await signIn(username, NEW_PASSWORD), 403, 'auth.second_factor_required');
    // The code of the step before still counts (clocks a little apart), two steps back does not.
    expect(
      (await signIn(username, NEW_PASSWORD, totpCode(secret, new Date(api.clock().getTime() - 30_000))))
        .status,
    ).toBe(200);
    expect((await signIn(username, NEW_PASSWORD, totpCode(secret, api.clock()))).status).toBe(200);
    await expectProblem(
      await signIn(username, NEW_PASSWORD, totpCode(secret, new Date(api.clock().getTime() - 90_000))),
      401,
      'auth.invalid_second_factor',
    );
  });

  it('sends an expert with the password staff set to 请修改密码 first, then signs them in without a second factor', async () => {
    const username = uniqueName('expert');
    await addExpertAccount(api.deps, systemContext('startup'), {
      username,
      password: PASSWORD,
      name: '赵明',
      technologies: ['ai'],
    });
    await expectProblem(await signIn(username, PASSWORD), 403, 'auth.initial_password');
    const changed = await post('/password/due', {
      username,
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status, await changed.clone().text()).toBe(200);
    expect((await signIn(username, NEW_PASSWORD)).status).toBe(200);
  });

  it('refuses a second enrollment, so that the password alone cannot replace the authenticator', async () => {
    const { username } = await enrolledStaff();
    await expectProblem(
      await post('/totp/enrollment', { username, password: NEW_PASSWORD }),
      409,
      'user.totp_already_enrolled',
    );
  });

  it('accepts each recovery code once, in place of the TOTP code', async () => {
    const { username, recoveryCodes, token } = await enrolledStaff();
    const [first, second] = recoveryCodes as [string, string];
    expect((await signIn(username, NEW_PASSWORD, first)).status).toBe(200);
    await expectProblem(await signIn(username, NEW_PASSWORD, first), 401, 'auth.invalid_second_factor');
    // Copied without the dash and in lower case, it is still the code.
    expect((await signIn(username, NEW_PASSWORD, second.replace('-', '').toLowerCase())).status).toBe(200);
    // Stored hashed: the codes themselves are nowhere in the user's stream.
    const me = (await (await api.request('GET', '/api/v1/me', { token })).json()) as { id: string };
    const stored = JSON.stringify((await api.store.readStream(`user-${me.id}`)).map((e) => e.data));
    for (const code of recoveryCodes) expect(stored).not.toContain(code.replace('-', ''));
  });

  it('counts wrong codes towards the lock like wrong passwords', async () => {
    const { username, secret } = await enrolledStaff();
    const right = totpCode(secret, api.clock());
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      await expectProblem(await signIn(username, NEW_PASSWORD, wrong), 401, 'auth.invalid_second_factor');
    }
    await expectProblem(await signIn(username, NEW_PASSWORD, right), 401, 'auth.locked');
    api.advance(16 * 60_000);
    expect((await signIn(username, NEW_PASSWORD, totpCode(secret, api.clock()))).status).toBe(200);
  });

  it('expires a staff password after 90 days: 请修改密码, then it signs in again', async () => {
    const { username, secret } = await enrolledStaff();
    api.advance(89 * DAY);
    expect((await signIn(username, NEW_PASSWORD, totpCode(secret, api.clock()))).status).toBe(200);
    api.advance(1 * DAY);
    await expectProblem(
      await signIn(username, NEW_PASSWORD, totpCode(secret, api.clock())),
      403,
      'auth.password_expired',
    );
    const renewed = 'Renewed#2025pw';
    await expectProblem(
      await post('/password/due', { username, currentPassword: NEW_PASSWORD, newPassword: NEW_PASSWORD }),
      422,
      'user.password_reused',
    );
    const changed = await post('/password/due', {
      username,
      currentPassword: NEW_PASSWORD,
      newPassword: renewed,
    });
    expect(changed.status).toBe(200);
    expect((await signIn(username, renewed, totpCode(secret, api.clock()))).status).toBe(200);
    // A password that is not due is changed only from a session.
    await expectProblem(
      await post('/password/due', { username, currentPassword: renewed, newPassword: 'Another#2025pw' }),
      409,
      'user.password_not_due',
    );
  });

  it('lets organization users keep their passwords without expiry and without a second factor', async () => {
    const org = await registerOrg(api, 'vendor', null);
    api.advance(400 * DAY);
    expect((await signIn(org.username, PASSWORD)).status).toBe(200);
    await expectProblem(
      await post('/totp/enrollment', { username: org.username, password: PASSWORD }),
      403,
      'user.totp_staff_only',
    );
  });
});

describe('staff sign-in under YUNSUPEI_STAFF_MFA=off', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ signIn: { ...DEFAULT_SIGN_IN_POLICY, staffMfa: 'off' } });
  });
  afterAll(() => api.close());

  it('signs staff in with the initial password alone, and still expires it after 90 days', async () => {
    const username = uniqueName('ops');
    await createStaffUser(api.deps, systemContext('startup'), { username, password: PASSWORD });
    const signIn = () =>
      api.request('POST', '/api/v1/auth/token', { body: { username, password: PASSWORD } });
    expect((await signIn()).status).toBe(200);
    await expectProblem(
      await api.request('POST', '/api/v1/auth/totp/enrollment', { body: { username, password: PASSWORD } }),
      409,
      'user.totp_not_required',
    );
    api.advance(90 * DAY);
    await expectProblem(await signIn(), 403, 'auth.password_expired');
  });
});
