import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerOrganization } from '../../../src/application/organization-service.js';
import {
  authenticate,
  createStaffUser,
  disableUser,
  enableUser,
  getUser,
} from '../../../src/application/user-service.js';
import { DomainError } from '../../../src/domain/shared/errors.js';
import {
  anonymous,
  nextUsername,
  openWorld,
  PASSWORD,
  registration,
  type ServiceWorld,
  staffContext,
} from './listing-support.js';

let world: ServiceWorld;
beforeEach(() => {
  world = openWorld();
});
afterEach(() => world.close());

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('createStaffUser', () => {
  it('creates a staff account once and returns it unchanged when asked again', async () => {
    const first = await createStaffUser(world.deps, staffContext, { username: 'admin', password: PASSWORD });
    expect(first.state).toMatchObject({ role: 'staff', orgId: null, status: 'active', username: 'admin' });
    const again = await createStaffUser(world.deps, staffContext, {
      username: 'Admin',
      password: 'Other456',
    });
    expect([again.id, again.revision, again.position]).toEqual([first.id, first.revision, first.position]);
    // The password came from the environment: it is changed at first sign-in (YUNSUPEI_STAFF_MFA=required).
    expect((await failure(authenticate(world.deps, 'admin', PASSWORD))).code).toBe('auth.initial_password');
  });

  it('refuses a username an organization user holds', async () => {
    const input = registration('demander');
    await registerOrganization(world.deps, anonymous, input);
    const error = await failure(
      createStaffUser(world.deps, staffContext, { username: input.admin.username, password: PASSWORD }),
    );
    expect(error.code).toBe('user.username_taken');
  });

  it('refuses anyone but staff and gives the username back', async () => {
    const error = await failure(
      createStaffUser(world.deps, anonymous, { username: 'root', password: PASSWORD }),
    );
    expect(error.code).toBe('user.staff_only');
    expect(
      (await createStaffUser(world.deps, staffContext, { username: 'root', password: PASSWORD })).state
        .username,
    ).toBe('root');
  });
});

describe('authenticate', () => {
  async function orgAdmin() {
    const input = registration('vendor');
    const { org, user } = await registerOrganization(world.deps, anonymous, input);
    return { username: input.admin.username, orgId: org.id, userId: user.id };
  }

  it('returns the user of a pending organization, ignoring the case of the username', async () => {
    const admin = await orgAdmin();
    expect(await authenticate(world.deps, admin.username.toUpperCase(), PASSWORD)).toEqual({
      id: admin.userId,
      username: admin.username,
      role: 'vendor',
      orgId: admin.orgId,
      status: 'active',
    });
  });

  it.each([
    ['a wrong password', async (username: string) => [username, 'Wrong1234']],
    ['an unknown username', async () => [nextUsername('ghost'), PASSWORD]],
    ['an empty password', async (username: string) => [username, 'x']],
  ])('answers %s with one 401', async (_, credentials) => {
    const admin = await orgAdmin();
    const [username, password] = await credentials(admin.username);
    const error = await failure(authenticate(world.deps, username!, password!));
    expect([error.code, error.status]).toEqual(['auth.invalid_credentials', 401]);
    expect(error.message).toMatch(/用户名或密码错误/);
  });

  it('refuses a disabled user until staff enable it again', async () => {
    const admin = await orgAdmin();
    const disabled = await disableUser(world.deps, staffContext, admin.userId, { reason: '人员离职' });
    expect(disabled.state).toMatchObject({ status: 'disabled', disabledReason: '人员离职' });
    expect(disabled.state).not.toHaveProperty('passwordHash');
    expect((await failure(authenticate(world.deps, admin.username, PASSWORD))).code).toBe(
      'auth.invalid_credentials',
    );
    await enableUser(world.deps, staffContext, admin.userId);
    expect((await authenticate(world.deps, admin.username, PASSWORD)).status).toBe('active');
  });
});

describe('getUser', () => {
  it('reads a user without its password hash, and is a 404 for an unknown id', async () => {
    const { user } = await registerOrganization(world.deps, anonymous, registration('demander'));
    const read = await getUser(world.deps, user.id);
    expect(read.state).toMatchObject({ id: user.id, role: 'demander' });
    expect(read.state).not.toHaveProperty('passwordHash');
    const error = await failure(getUser(world.deps, '0195a0c0-0000-7000-8000-000000000404'));
    expect([error.code, error.status]).toEqual(['user.not_found', 404]);
  });
});
