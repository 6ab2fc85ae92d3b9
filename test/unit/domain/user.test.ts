import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { fold } from '../../../src/domain/shared/decider.js';
import type { UserCommand } from '../../../src/domain/user/commands.js';
import { newCredentialsSchema } from '../../../src/domain/user/commands.js';
import { userDecider } from '../../../src/domain/user/decider.js';
import type { UserEvent } from '../../../src/domain/user/events.js';
import { isRevoked } from '../../../src/domain/user/sessions.js';
import { toUserView } from '../../../src/domain/user/state.js';
import {
  AT,
  anonymousActor,
  context,
  DEMANDER_ORG,
  demander,
  refusedPaths,
  staff,
} from './listing-fixtures.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(userDecider);
const USER = '0195a0c0-0000-7000-8000-0000000000b1';
const HASH = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';

const registration = {
  userId: USER,
  username: 'jinan-auto',
  passwordHash: HASH,
  role: 'demander' as const,
  orgId: DEMANDER_ORG,
};
const registered: UserEvent = { type: 'UserRegistered', data: { ...registration, at: AT } };
const disabled: UserEvent = { type: 'UserDisabled', data: { userId: USER, reason: '离职', at: AT } };

const register = (
  data: Partial<typeof registration> | object = {},
  actor: Actor = anonymousActor,
): UserCommand => ({
  type: 'RegisterUser',
  data: { ...registration, ...data },
  context: context(actor),
});
const disable = (actor: Actor = staff, reason?: string): UserCommand => ({
  type: 'DisableUser',
  data: { userId: USER, ...(reason ? { reason } : {}) },
  context: context(actor),
});
const enable = (actor: Actor = staff): UserCommand => ({
  type: 'EnableUser',
  data: { userId: USER },
  context: context(actor),
});

describe('RegisterUser', () => {
  it("registers an organization's administrator during public registration", () =>
    spec([]).when(register()).then([registered]));

  it('lets staff create a staff account', () =>
    spec([])
      .when(register({ role: 'staff', orgId: null, username: 'admin' }, staff))
      .then([
        {
          type: 'UserRegistered',
          data: { ...registration, role: 'staff', orgId: null, username: 'admin', at: AT },
        },
      ]));

  it("records a city staff account's name and scope", () =>
    spec([])
      .when(register({ role: 'staff', orgId: null, name: '王青', scope: 'qingdao' }, staff))
      .then([
        {
          type: 'UserRegistered',
          data: { ...registration, role: 'staff', orgId: null, name: '王青', scope: 'qingdao', at: AT },
        },
      ]));

  it('gives no scope to a member of an organization', () =>
    spec([])
      .when(register({ scope: 'jinan' }, staff))
      .thenThrows('user.invalid_membership', 422));

  it('reads staff registered before scopes existed as province staff, and others as having none', () => {
    const oldStaff: UserEvent = {
      type: 'UserRegistered',
      data: { ...registration, role: 'staff', orgId: null, at: AT },
    };
    expect(fold(userDecider, [oldStaff])).toMatchObject({ scope: 'province', name: null });
    expect(fold(userDecider, [registered]).scope).toBeNull();
  });

  it('refuses a staff account from anyone but staff', () =>
    spec([])
      .when(register({ role: 'staff', orgId: null }))
      .thenThrows('user.staff_only', 403));

  it('refuses organization users created by another organization', () =>
    spec([]).when(register({}, demander)).thenThrows('user.staff_only', 403));

  it.each([
    ['an organization user without organization', { orgId: null }],
    ['a staff user inside an organization', { role: 'staff', orgId: DEMANDER_ORG }],
  ])('refuses %s', (_, data) => {
    const actor = (data as { role?: string }).role === 'staff' ? staff : anonymousActor;
    spec([]).when(register(data, actor)).thenThrows('user.invalid_membership', 422);
  });

  // The service parses the username and password with newCredentialsSchema before it reserves the name.
  it.each([['ab'], ['1abc'], ['有中文'], ['a'.repeat(33)]])('rejects the username %s', (username) => {
    expect(refusedPaths(newCredentialsSchema, { username, password: 'Jinan2025pw' })).toEqual(['username']);
  });

  it('refuses to register a user twice', () =>
    spec([registered]).when(register()).thenThrows('user.already_registered', 409));

  it('never shows the password hash in the view', () => {
    const view = toUserView(userDecider.evolve(userDecider.initialState(), registered));
    expect(view).not.toHaveProperty('passwordHash');
    expect(view).toMatchObject({ id: USER, username: 'jinan-auto', status: 'active' });
  });

  it('names the username field when it is invalid', () =>
    expect(refusedPaths(newCredentialsSchema, { username: 'x', password: 'Jinan2025pw' })).toEqual([
      'username',
    ]));
});

describe('DisableUser', () => {
  it('disables an active user', () => spec([registered]).when(disable(staff, '离职')).then([disabled]));

  it('records no reason when none is given', () =>
    spec([registered])
      .when(disable())
      .then([{ type: 'UserDisabled', data: { userId: USER, reason: null, at: AT } }]));

  it('does nothing for a disabled user', () => spec([registered, disabled]).when(disable()).then([]));

  it('refuses anyone but staff', () =>
    spec([registered]).when(disable(demander)).thenThrows('user.staff_only', 403));

  it('refuses staff disabling themselves', () =>
    spec([registered])
      .when(disable({ ...staff, userId: USER }))
      .thenThrows('user.cannot_disable_self', 409));

  it('is a 404 for a user that does not exist', () =>
    spec([]).when(disable()).thenThrows('user.not_found', 404));
});

describe('EnableUser', () => {
  it('enables a disabled user', () =>
    spec([registered, disabled])
      .when(enable())
      .then([{ type: 'UserEnabled', data: { userId: USER, at: AT } }]));

  it('does nothing for an active user', () => spec([registered]).when(enable()).then([]));

  it('refuses anyone but staff', () =>
    spec([registered, disabled]).when(enable(demander)).thenThrows('user.staff_only', 403));
});

const self: Actor = { userId: USER, orgId: DEMANDER_ORG, role: 'demander' };
const NEW_HASH = 'scrypt$16384$8$1$bmV1$bmV1aGFzaA==';
const LATER = '2025-03-01T10:00:00.000Z';
const SESSION = '0195a0c0-0000-7000-8000-00000000e001';

const changePassword = (actor: Actor = self): UserCommand => ({
  type: 'ChangePassword',
  data: { userId: USER, passwordHash: NEW_HASH },
  context: context(actor),
});
const passwordChanged: UserEvent = {
  type: 'UserPasswordChanged',
  data: { userId: USER, passwordHash: NEW_HASH, at: AT },
};
const signOut = (sessionId = SESSION, actor: Actor = self, expiresAt = LATER): UserCommand => ({
  type: 'SignOut',
  data: { userId: USER, sessionId, expiresAt },
  context: context(actor),
});
const signedOut = (sessionId = SESSION, expiresAt = LATER, at = AT): UserEvent => ({
  type: 'UserSignedOut',
  data: { userId: USER, sessionId, expiresAt, at },
});
const stateAfter = (events: UserEvent[]) => events.reduce(userDecider.evolve, userDecider.initialState());
const token = (sessionId: string, issuedAt: string) => ({ sessionId, issuedAt: new Date(issuedAt) });
const atMs = Date.parse(AT);

describe('ChangePassword', () => {
  it('records the new hash for the user themselves', () =>
    spec([registered]).when(changePassword()).then([passwordChanged]));

  it('refuses anyone else, staff included', () => {
    spec([registered]).when(changePassword(staff)).thenThrows('user.not_self', 403);
    spec([registered]).when(changePassword(demander)).thenThrows('user.not_self', 403);
  });

  it('refuses a disabled user', () =>
    spec([registered, disabled]).when(changePassword()).thenThrows('user.not_active', 409));

  it('revokes every token issued before the change, and none issued from then on', () => {
    const after = stateAfter([registered, passwordChanged]);
    expect(after.passwordHash).toBe(NEW_HASH);
    expect(isRevoked(after, token('a', new Date(atMs - 1).toISOString()))).toBe(true);
    expect(isRevoked(after, token('b', AT))).toBe(false);
    expect(isRevoked(after, token('c', new Date(atMs + 1).toISOString()))).toBe(false);
  });
});

describe('SignOut', () => {
  it('records the session as signed out', () => spec([registered]).when(signOut()).then([signedOut()]));

  it('does nothing for a session already signed out, or one whose token has expired', () => {
    spec([registered, signedOut()]).when(signOut()).then([]);
    spec([registered])
      .when(signOut(SESSION, self, AT))
      .then([]);
  });

  it('refuses to sign out someone else’s session', () =>
    spec([registered]).when(signOut(SESSION, demander)).thenThrows('user.not_self', 403));

  it('revokes that session only', () => {
    const after = stateAfter([registered, signedOut()]);
    expect(isRevoked(after, token(SESSION, AT))).toBe(true);
    expect(isRevoked(after, token('another-session', AT))).toBe(false);
  });

  it('forgets signed-out sessions once their tokens have expired', () => {
    const early = signedOut('early', AT);
    const later = signedOut('late', '2025-03-02T02:00:00.000Z', LATER);
    expect(Object.keys(stateAfter([registered, early, later]).signedOutSessions)).toEqual(['late']);
  });

  it('keeps session ids out of the view', () =>
    expect(toUserView(stateAfter([registered, signedOut()]))).not.toHaveProperty('signedOutSessions'));
});

describe('revocation by disabling', () => {
  it('revokes every token issued before the user was disabled, also once enabled again', () => {
    const enabled: UserEvent = { type: 'UserEnabled', data: { userId: USER, at: LATER } };
    const after = stateAfter([registered, disabled, enabled]);
    expect(isRevoked(after, token('a', new Date(atMs - 1).toISOString()))).toBe(true);
    expect(isRevoked(after, token('b', LATER))).toBe(false);
  });

  it('revokes nothing while the user never changed their password nor was disabled', () =>
    expect(isRevoked(stateAfter([registered]), token('a', '1970-01-01T00:00:00.000Z'))).toBe(false));
});
