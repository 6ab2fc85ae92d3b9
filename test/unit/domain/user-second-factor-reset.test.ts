import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/shared/actor.js';
import type { UserCommand } from '../../../src/domain/user/commands.js';
import { userDecider } from '../../../src/domain/user/decider.js';
import type { UserEvent } from '../../../src/domain/user/events.js';
import { AT, context, DEMANDER_ORG, demander } from './listing-fixtures.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(userDecider);
const STAFF = '0195a0c0-0000-7000-8000-0000000000d1';
const HASH = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const officer: Actor = { userId: 'security-officer', orgId: null, role: 'staff' };
const self: Actor = { userId: STAFF, orgId: null, role: 'staff' };

const registered = (role: 'staff' | 'demander' = 'staff'): UserEvent => ({
  type: 'UserRegistered',
  data: {
    userId: STAFF,
    username: 'ops',
    passwordHash: HASH,
    role,
    orgId: role === 'staff' ? null : DEMANDER_ORG,
    at: AT,
  },
});
const enrolled: UserEvent = {
  type: 'StaffTotpEnrolled',
  data: { userId: STAFF, secret: SECRET, recoveryCodeHashes: ['h1', 'h2'], at: AT },
};
const reset = (actor: Actor = officer): UserCommand => ({
  type: 'ResetSecondFactor',
  data: { userId: STAFF },
  context: context(actor),
});
const wasReset: UserEvent = { type: 'StaffSecondFactorReset', data: { userId: STAFF, at: AT } };

describe('ResetSecondFactor', () => {
  it('removes another staff member’s authenticator and recovery codes', () => {
    spec([registered(), enrolled]).when(reset()).then([wasReset]);
    const state = [registered(), enrolled, wasReset].reduce(userDecider.evolve, userDecider.initialState());
    expect(state.totp).toBeNull();
  });

  it('lets the staff member enroll again afterwards', () =>
    spec([registered(), enrolled, wasReset])
      .when({
        type: 'EnrollTotp',
        data: { userId: STAFF, secret: SECRET, recoveryCodeHashes: ['h3'] },
        context: context(self),
      })
      .then([
        {
          type: 'StaffTotpEnrolled',
          data: { userId: STAFF, secret: SECRET, recoveryCodeHashes: ['h3'], at: AT },
        },
      ]));

  it('changes nothing for staff without an authenticator', () => spec([registered()]).when(reset()).then([]));

  it('refuses resetting one’s own', () =>
    spec([registered(), enrolled]).when(reset(self)).thenThrows('user.cannot_reset_own_second_factor', 409));

  it('refuses members of organizations, as actor and as subject', () => {
    spec([registered(), enrolled]).when(reset(demander)).thenThrows('user.staff_only', 403);
    spec([registered('demander')])
      .when(reset())
      .thenThrows('user.totp_staff_only', 403);
  });
});
