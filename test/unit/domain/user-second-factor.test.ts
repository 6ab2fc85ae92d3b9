import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { fold } from '../../../src/domain/shared/decider.js';
import type { UserCommand } from '../../../src/domain/user/commands.js';
import { userDecider } from '../../../src/domain/user/decider.js';
import type { UserEvent } from '../../../src/domain/user/events.js';
import { passwordChangeDue } from '../../../src/domain/user/password-expiry.js';
import { toUserView } from '../../../src/domain/user/state.js';
import { AT, context, DEMANDER_ORG, NOW } from './listing-fixtures.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(userDecider);
const STAFF = '0195a0c0-0000-7000-8000-0000000000d1';
const HASH = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const self: Actor = { userId: STAFF, orgId: null, role: 'staff' };

const staffRegistered = (extra: object = {}): UserEvent => ({
  type: 'UserRegistered',
  data: { userId: STAFF, username: 'ops', passwordHash: HASH, role: 'staff', orgId: null, ...extra, at: AT },
});
const enrolled: UserEvent = {
  type: 'StaffTotpEnrolled',
  data: { userId: STAFF, secret: SECRET, recoveryCodeHashes: ['h1', 'h2'], at: AT },
};
const enroll = (actor: Actor = self): UserCommand => ({
  type: 'EnrollTotp',
  data: { userId: STAFF, secret: SECRET, recoveryCodeHashes: ['h1', 'h2'] },
  context: context(actor),
});
const useCode = (codeHash: string): UserCommand => ({
  type: 'UseRecoveryCode',
  data: { userId: STAFF, codeHash },
  context: context(self),
});

describe('EnrollTotp', () => {
  it('binds a staff member’s authenticator with the hashes of the recovery codes', () =>
    spec([staffRegistered()]).when(enroll()).then([enrolled]));

  it('refuses a second enrollment', () =>
    spec([staffRegistered(), enrolled]).when(enroll()).thenThrows('user.totp_already_enrolled', 409));

  it('refuses anyone but the staff member themself', () =>
    spec([staffRegistered()])
      .when(enroll({ userId: 'other-staff', orgId: null, role: 'staff' }))
      .thenThrows('user.not_self', 403));

  it('refuses members of organizations', () => {
    const member: UserEvent = {
      type: 'UserRegistered',
      data: {
        userId: STAFF,
        username: 'm',
        passwordHash: HASH,
        role: 'demander',
        orgId: DEMANDER_ORG,
        at: AT,
      },
    };
    spec([member])
      .when(enroll({ userId: STAFF, orgId: DEMANDER_ORG, role: 'demander' }))
      .thenThrows('user.totp_staff_only', 403);
  });

  it('never shows the secret nor the recovery codes in the view', () => {
    const view = toUserView(fold(userDecider, [staffRegistered(), enrolled]));
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(view).not.toHaveProperty('totp');
  });
});

describe('UseRecoveryCode', () => {
  it('spends a remaining code', () =>
    spec([staffRegistered(), enrolled])
      .when(useCode('h2'))
      .then([{ type: 'RecoveryCodeUsed', data: { userId: STAFF, codeHash: 'h2', at: AT } }]));

  it('refuses a spent code', () =>
    spec([
      staffRegistered(),
      enrolled,
      { type: 'RecoveryCodeUsed', data: { userId: STAFF, codeHash: 'h2', at: AT } },
    ])
      .when(useCode('h2'))
      .thenThrows('auth.invalid_second_factor', 401));

  it('refuses a code never issued', () =>
    spec([staffRegistered(), enrolled]).when(useCode('h3')).thenThrows('auth.invalid_second_factor', 401));
});

describe('password change due', () => {
  const lifetimes = { staffDays: 90, organizationDays: null };
  const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

  it('asks for the initial password to be changed at once, unless the forced change is off', () => {
    const user = fold(userDecider, [staffRegistered({ mustChangePassword: true })]);
    expect(passwordChangeDue(user, lifetimes, NOW, true)).toBe('initial');
    expect(passwordChangeDue(user, lifetimes, NOW, false)).toBeNull();
  });

  it('expires a staff password 90 days after it was set, counted again from each change', () => {
    const user = fold(userDecider, [staffRegistered()]);
    expect(passwordChangeDue(user, lifetimes, day(89.99), true)).toBeNull();
    expect(passwordChangeDue(user, lifetimes, day(90), true)).toBe('expired');
    const changed = fold(userDecider, [
      staffRegistered({ mustChangePassword: true }),
      { type: 'UserPasswordChanged', data: { userId: STAFF, passwordHash: 'h', at: day(80).toISOString() } },
    ]);
    expect(passwordChangeDue(changed, lifetimes, day(100), true)).toBeNull();
    expect(passwordChangeDue(changed, lifetimes, day(170), true)).toBe('expired');
  });

  it('lets organization users keep their password unless configured', () => {
    const member = fold(userDecider, [
      {
        type: 'UserRegistered',
        data: {
          userId: STAFF,
          username: 'm',
          passwordHash: HASH,
          role: 'vendor',
          orgId: DEMANDER_ORG,
          at: AT,
        },
      },
    ]);
    expect(passwordChangeDue(member, lifetimes, day(1000), true)).toBeNull();
    expect(passwordChangeDue(member, { ...lifetimes, organizationDays: 180 }, day(180), true)).toBe(
      'expired',
    );
  });
});
