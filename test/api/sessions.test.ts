import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApi,
  expectProblem,
  PASSWORD,
  registerOrg,
  type TestApi,
  type TestOrg,
} from './support.js';

/**
 * Revocation: logout ends the token used, a password change and disabling end every token of the user,
 * at once in this process (the actor cache is told) and without waiting for the cache to lapse.
 */
describe('signing out and revoking tokens', () => {
  let api: TestApi;
  let staff: string;
  beforeAll(async () => {
    api = await createTestApi();
    staff = (await api.createStaff()).token;
  });
  afterAll(() => api.close());

  const signIn = async (username: string, password = PASSWORD) => {
    const res = await api.request('POST', '/api/v1/auth/token', { body: { username, password } });
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { token: string }).token;
  };
  const me = (org: TestOrg, token: string) => api.request('GET', `/api/v1/orgs/${org.orgId}`, { token });
  const changePassword = (token: string, body: unknown) =>
    api.request('POST', '/api/v1/auth/password', { token, body });

  it('revokes the token used to log out, and that token only', async () => {
    const org = await registerOrg(api, 'demander', staff);
    const kept = await signIn(org.username);
    // The user's account is cached now: logout must still hold at once.
    expect((await me(org, org.token)).status).toBe(200);
    const out = await api.request('POST', '/api/v1/auth/logout', { token: org.token });
    expect(out.status).toBe(204);
    await expectProblem(await me(org, org.token), 401, 'unauthenticated');
    await expectProblem(await api.request('POST', '/api/v1/auth/logout', { token: org.token }), 401);
    expect((await me(org, kept)).status).toBe(200);
  });

  it('asks for a token to log out', async () =>
    expectProblem(await api.request('POST', '/api/v1/auth/logout'), 401, 'unauthenticated'));

  it('changes the password: every older token and the old password stop working', async () => {
    const org = await registerOrg(api, 'vendor', staff);
    const other = await signIn(org.username);
    api.advance(1);
    const res = await changePassword(org.token, { currentPassword: PASSWORD, newPassword: 'fresh-pass-42' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).not.toHaveProperty('passwordHash');
    await expectProblem(await me(org, org.token), 401, 'unauthenticated');
    await expectProblem(await me(org, other), 401, 'unauthenticated');
    await expectProblem(
      await api.request('POST', '/api/v1/auth/token', {
        body: { username: org.username, password: PASSWORD },
      }),
      401,
    );
    expect((await me(org, await signIn(org.username, 'fresh-pass-42'))).status).toBe(200);
  });

  it('refuses a wrong current password or a weak new one in Chinese, and changes nothing', async () => {
    const org = await registerOrg(api, 'demander', staff);
    const wrong = await expectProblem(
      await changePassword(org.token, { currentPassword: 'not-my-pass-1', newPassword: 'fresh-pass-42' }),
      422,
      'user.wrong_password',
    );
    expect(wrong.detail).toMatch(/[\u4e00-\u9fff]/);
    const weak = await expectProblem(
      await changePassword(org.token, { currentPassword: PASSWORD, newPassword: 'short' }),
      422,
      'validation',
    );
    expect(weak.errors?.map((e) => e.path)).toEqual(['newPassword']);
    expect(weak.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    const missing = await expectProblem(await changePassword(org.token, {}), 422, 'validation');
    expect(missing.errors?.map((e) => e.path).sort()).toEqual(['currentPassword', 'newPassword']);
    expect((await me(org, org.token)).status).toBe(200);
    await signIn(org.username);
  });

  it('asks for a token to change a password', async () =>
    expectProblem(
      await changePassword('', { currentPassword: PASSWORD, newPassword: 'fresh-pass-42' }),
      401,
      'unauthenticated',
    ));

  it('disables a user for staff: every token of theirs stops at once, and enabling does not revive them', async () => {
    const org = await registerOrg(api, 'vendor', staff);
    const second = await signIn(org.username);
    expect((await me(org, org.token)).status).toBe(200);
    api.advance(1);
    const disabled = await api.request('POST', `/api/v1/users/${org.userId}/disable`, {
      token: staff,
      body: { reason: '账号被盗用' },
    });
    expect(disabled.status, await disabled.clone().text()).toBe(200);
    expect(await disabled.json()).toMatchObject({ status: 'disabled', disabledReason: '账号被盗用' });
    await expectProblem(await me(org, org.token), 401, 'unauthenticated');
    await expectProblem(await me(org, second), 401, 'unauthenticated');

    api.advance(1);
    const enabled = await api.request('POST', `/api/v1/users/${org.userId}/enable`, { token: staff });
    expect(enabled.status).toBe(200);
    await expectProblem(await me(org, org.token), 401, 'unauthenticated');
    expect((await me(org, await signIn(org.username))).status).toBe(200);
  });

  it('lets only staff disable users, and answers bad input in Chinese', async () => {
    const org = await registerOrg(api, 'demander', staff);
    const target = await registerOrg(api, 'demander', staff);
    await expectProblem(
      await api.request('POST', `/api/v1/users/${target.userId}/disable`, { token: org.token }),
      403,
      'forbidden',
    );
    const bad = await expectProblem(
      await api.request('POST', `/api/v1/users/${target.userId}/disable`, {
        token: staff,
        body: { reason: 'x' },
      }),
      422,
      'validation',
    );
    expect(bad.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    const unknown = await expectProblem(
      await api.request('POST', '/api/v1/users/0195a0c0-0000-7000-8000-000000000000/disable', {
        token: staff,
      }),
      404,
      'user.not_found',
    );
    expect(unknown.detail).toMatch(/[\u4e00-\u9fff]/);
    expect((await me(target, target.token)).status).toBe(200);
  });

  it('declares the new routes in the OpenAPI document', async () => {
    const doc = (await (await api.request('GET', '/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/logout',
        '/api/v1/auth/password',
        '/api/v1/users/{id}/disable',
        '/api/v1/users/{id}/enable',
      ]),
    );
  });
});
