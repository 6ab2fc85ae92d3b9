import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { fold } from '../../../src/domain/shared/decider.js';
import type { UserCommand } from '../../../src/domain/user/commands.js';
import { userDecider } from '../../../src/domain/user/decider.js';
import type { UserEvent } from '../../../src/domain/user/events.js';
import { passwordChangeDue } from '../../../src/domain/user/password-expiry.js';
import { isRevoked } from '../../../src/domain/user/sessions.js';
import { AT, context, DEMANDER_ORG, staff } from './listing-fixtures.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(userDecider);
const USER = '0195a0c0-0000-7000-8000-0000000000e7';
const self: Actor = { userId: USER, orgId: DEMANDER_ORG, role: 'demander' };
const FIRST = 'scrypt$16384$8$1$Zmlyc3Q=$Zmlyc3RoYXNo';
const OLD = 'scrypt$16384$8$1$b2xk$b2xkaGFzaA==';
const NEW = 'pbkdf2-sm3$100000$bmV3$bmV3aGFzaA==';
const CHANGED_AT = '2025-01-10T08:00:00.000Z';

const registered: UserEvent = {
  type: 'UserRegistered',
  data: {
    userId: USER,
    username: 'zhang',
    passwordHash: FIRST,
    role: 'demander',
    orgId: DEMANDER_ORG,
    mustChangePassword: true,
    at: '2025-01-01T08:00:00.000Z',
  },
};
const changed: UserEvent = {
  type: 'UserPasswordChanged',
  data: { userId: USER, passwordHash: OLD, at: CHANGED_AT },
};
const rehash = (replaces = OLD, actor: Actor = self): UserCommand => ({
  type: 'RehashPassword',
  data: { userId: USER, replaces, passwordHash: NEW },
  context: context(actor),
});
const rehashed: UserEvent = {
  type: 'UserPasswordRehashed',
  data: { userId: USER, passwordHash: NEW, at: AT },
};

describe('RehashPassword', () => {
  it('records the same password under the new hash', () =>
    spec([registered, changed]).when(rehash()).then([rehashed]));

  it('writes nothing when the password changed since the hash was checked', () =>
    spec([registered, changed]).when(rehash(FIRST)).then([]));

  it('is the user’s own, made at their sign-in', () =>
    spec([registered, changed]).when(rehash(OLD, staff)).thenThrows('user.not_self', 403));
});

describe('UserPasswordRehashed', () => {
  const before = fold(userDecider, [registered, changed]);
  const after = fold(userDecider, [registered, changed, rehashed]);

  it('replaces the current hash, in its place in the history', () => {
    expect(after.passwordHash).toBe(NEW);
    expect(before.passwordHistory).toEqual([FIRST, OLD]);
    expect(after.passwordHistory).toEqual([FIRST, NEW]);
  });

  it('is no change of password: no session ends and the password is as old as before', () => {
    expect(after.tokensValidAfter).toBe(CHANGED_AT);
    expect(isRevoked(after, { sessionId: 's1', issuedAt: new Date('2025-02-01T08:00:00.000Z') })).toBe(false);
    expect(after.passwordSetAt).toBe(CHANGED_AT);
    const lifetimes = { staffDays: 90, organizationDays: 30 };
    const now = new Date('2025-02-15T08:00:00.000Z');
    expect(passwordChangeDue(after, lifetimes, now, true)).toBe('expired');
  });

  it('leaves an initial password to be changed', () => {
    const initial = fold(userDecider, [registered, rehashed]);
    expect(initial.passwordChangeRequired).toBe(true);
    expect(initial.passwordHistory).toEqual([NEW]);
  });
});
