import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  getOrganization,
  registerOrganization,
  reinstateOrganization,
  suspendOrganization,
  updateOrganizationProfile,
  verifyOrganization,
} from '../../../src/application/organization-service.js';
import { authenticate } from '../../../src/application/user-service.js';
import { DomainError, ValidationError } from '../../../src/domain/shared/errors.js';
import { RESERVATION_STALE_AFTER_MS } from '../../../src/domain/shared/reservation.js';
import {
  anonymous,
  contact,
  nextUscc,
  nextUsername,
  openWorld,
  organizationMember,
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

describe('registerOrganization', () => {
  it('creates the pending organization and its administrator, whose role is the organization kind', async () => {
    const input = registration('vendor');
    const { org, user } = await registerOrganization(world.deps, anonymous, input);
    expect(org.state).toMatchObject({
      status: 'pending',
      kind: 'vendor',
      uscc: input.uscc,
      contact,
      qualifications: [],
    });
    expect(org.revision).toBe(0n);
    expect(user.state).toMatchObject({
      status: 'active',
      role: 'vendor',
      orgId: org.id,
      username: input.admin.username,
    });
    expect(user.state).not.toHaveProperty('passwordHash');
    expect(org.position).toBeGreaterThan(user.position);
    expect((await getOrganization(world.deps, org.id)).state.status).toBe('pending');
  });

  it('stores the password as a PBKDF2-SM3 hash, never in clear', async () => {
    const { user } = await registerOrganization(world.deps, anonymous, registration('demander'));
    const [event] = await world.store.readStream(`user-${user.id}`);
    expect(String(event?.data.passwordHash)).toMatch(/^pbkdf2-sm3\$100000\$/);
    expect(JSON.stringify([event?.data, event?.metadata])).not.toContain(PASSWORD);
  });

  it('reports every invalid field with its path', async () => {
    const error = await failure(
      registerOrganization(world.deps, anonymous, {
        ...registration('demander'),
        uscc: '91370100MA3C123458',
        admin: { username: 'ab', password: 'short' },
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.path)).toEqual([
      'uscc',
      'admin.username',
      'admin.password',
    ]);
  });

  it('refuses a USCC registered before and gives the username back', async () => {
    const first = registration('demander');
    await registerOrganization(world.deps, anonymous, first);
    const second = registration('demander', { uscc: first.uscc });
    expect((await failure(registerOrganization(world.deps, anonymous, second))).code).toBe(
      'organization.uscc_taken',
    );
    const retry = await registerOrganization(world.deps, anonymous, { ...second, uscc: nextUscc() });
    expect(retry.user.state.username).toBe(second.admin.username);
  });

  it('refuses a username in use, regardless of case, and leaves the USCC free', async () => {
    const first = registration('demander');
    await registerOrganization(world.deps, anonymous, first);
    const second = registration('vendor', {
      admin: { username: first.admin.username.toUpperCase(), password: PASSWORD },
    });
    expect((await failure(registerOrganization(world.deps, anonymous, second))).code).toBe(
      'user.username_taken',
    );
    const retry = await registerOrganization(world.deps, anonymous, {
      ...second,
      admin: { username: nextUsername(), password: PASSWORD },
    });
    expect(retry.org.state.uscc).toBe(second.uscc);
  });

  it('lets exactly one of several racing registrations of one USCC win', async () => {
    const uscc = nextUscc();
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        registerOrganization(world.deps, anonymous, registration('demander', { uscc })),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as DomainError).code] : []));
    expect(won).toHaveLength(1);
    expect(lost).toEqual(Array(3).fill('organization.uscc_taken'));
    const registered = (await world.store.readAll()).filter((e) => e.type === 'OrganizationRegistered');
    expect(registered).toHaveLength(1);
  });

  it('frees a USCC whose registration died half-way once the claim is stale', async () => {
    const uscc = nextUscc();
    await world.store.append(
      `uscc-${uscc}`,
      [
        {
          type: 'UsccReserved',
          data: { key: uscc, ownerId: 'crashed-org', at: world.deps.clock().toISOString() },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const input = registration('demander', { uscc });
    expect((await failure(registerOrganization(world.deps, anonymous, input))).code).toBe(
      'organization.uscc_taken',
    );
    world.advance(RESERVATION_STALE_AFTER_MS + 1000);
    const { org } = await registerOrganization(world.deps, anonymous, registration('demander', { uscc }));
    expect(org.state.uscc).toBe(uscc);
  });

  it('frees a username whose registration died after the user and before the organization was written', async () => {
    const dying = {
      ...world.deps,
      store: {
        ...world.store,
        append: ((stream, events, options) =>
          stream.startsWith('org-')
            ? Promise.reject(new Error('process died'))
            : world.store.append(stream, events, options)) as typeof world.store.append,
      },
    };
    const first = registration('vendor');
    await expect(registerOrganization(dying, anonymous, first)).rejects.toThrow('process died');
    const users = (await world.store.readAll()).filter((e) => e.type === 'UserRegistered');
    expect(users).toHaveLength(1);

    const again = registration('vendor', { admin: first.admin });
    expect((await failure(registerOrganization(world.deps, anonymous, again))).code).toBe(
      'user.username_taken',
    );
    world.advance(RESERVATION_STALE_AFTER_MS + 1000);
    const { org } = await registerOrganization(world.deps, anonymous, again);
    expect((await authenticate(world.deps, first.admin.username, PASSWORD)).orgId).toBe(org.id);
  });
});

describe('staff review of organizations', () => {
  it('verifies, suspends with a reason and reinstates; a suspended organization cannot sign in', async () => {
    const input = registration('demander');
    const { org } = await registerOrganization(world.deps, anonymous, input);
    expect((await verifyOrganization(world.deps, staffContext, org.id)).state.status).toBe('verified');
    const suspended = await suspendOrganization(world.deps, staffContext, org.id, { reason: '资质材料造假' });
    expect(suspended.state).toMatchObject({ status: 'suspended', suspensionReason: '资质材料造假' });
    const refused = await failure(authenticate(world.deps, input.admin.username, PASSWORD));
    expect([refused.code, refused.status]).toEqual(['auth.invalid_credentials', 401]);
    expect((await reinstateOrganization(world.deps, staffContext, org.id)).state.status).toBe('verified');
    expect((await authenticate(world.deps, input.admin.username, PASSWORD)).orgId).toBe(org.id);
  });

  it('answers an idempotent repeat with the same revision and position', async () => {
    const { org } = await registerOrganization(world.deps, anonymous, registration('vendor'));
    const first = await verifyOrganization(world.deps, staffContext, org.id);
    const again = await verifyOrganization(world.deps, staffContext, org.id);
    expect([again.revision, again.position]).toEqual([first.revision, first.position]);
  });

  it('refuses members verifying their own organization', async () => {
    const member = await organizationMember(world, 'demander', { verified: false });
    expect((await failure(verifyOrganization(world.deps, member, member.orgId))).code).toBe(
      'organization.staff_only',
    );
  });

  it('is a 404 for an organization that does not exist', async () => {
    const error = await failure(getOrganization(world.deps, '0195a0c0-0000-7000-8000-000000000404'));
    expect([error.code, error.status]).toEqual(['organization.not_found', 404]);
  });
});

describe('updateOrganizationProfile', () => {
  it('lets a member change the profile', async () => {
    const member = await organizationMember(world, 'vendor');
    const updated = await updateOrganizationProfile(world.deps, member, member.orgId, {
      city: 'qingdao',
      qualifications: ['high-tech', 'cmmi-3'],
    });
    expect(updated.state).toMatchObject({ city: 'qingdao', qualifications: ['high-tech', 'cmmi-3'] });
  });

  it('refuses members of another organization', async () => {
    const member = await organizationMember(world, 'vendor');
    const other = await organizationMember(world, 'vendor');
    const error = await failure(
      updateOrganizationProfile(world.deps, other, member.orgId, { city: 'qingdao' }),
    );
    expect(error.code).toBe('organization.forbidden');
  });
});
