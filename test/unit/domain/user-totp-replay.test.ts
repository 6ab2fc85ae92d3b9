import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { fold } from '../../../src/domain/shared/decider.js';
import type { UserCommand } from '../../../src/domain/user/commands.js';
import { userDecider } from '../../../src/domain/user/decider.js';
import type { UserEvent } from '../../../src/domain/user/events.js';
import { AT, anonymousActor, context } from './listing-fixtures.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(userDecider);
const STAFF = '0195a0c0-0000-7000-8000-0000000000d7';
const STEP = 58_000_000;

const registered: UserEvent = {
  type: 'UserRegistered',
  data: { userId: STAFF, username: 'ops', passwordHash: 'h', role: 'staff', orgId: null, at: AT },
};
const enrolled: UserEvent = {
  type: 'StaffTotpEnrolled',
  data: { userId: STAFF, secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', recoveryCodeHashes: ['h1'], at: AT },
};
const used = (timeStep: number): UserEvent => ({
  type: 'TotpCodeUsed',
  data: { userId: STAFF, timeStep, at: AT },
});
/** Signing in is anonymous until the second factor is through. */
const useCode = (timeStep: number, actor: Actor = anonymousActor): UserCommand => ({
  type: 'UseTotpCode',
  data: { userId: STAFF, timeStep },
  context: context(actor),
});

describe('UseTotpCode', () => {
  it('records the time step of the code that signed in', () =>
    spec([registered, enrolled])
      .when(useCode(STEP))
      .then([used(STEP)]));

  it('refuses the same code again, and any code of an earlier step', () => {
    spec([registered, enrolled, used(STEP)])
      .when(useCode(STEP))
      .thenThrows('auth.totp_code_used', 401);
    spec([registered, enrolled, used(STEP)])
      .when(useCode(STEP - 1))
      .thenThrows('auth.totp_code_used', 401);
  });

  it('accepts the code of a later step', () =>
    spec([registered, enrolled, used(STEP)])
      .when(useCode(STEP + 1))
      .then([used(STEP + 1)]));

  it('refuses a user without an authenticator', () =>
    spec([registered]).when(useCode(STEP)).thenThrows('auth.invalid_second_factor', 401));

  it('keeps the recovery codes as they were', () => {
    const state = fold(userDecider, [registered, enrolled, used(STEP)]);
    expect(state.totp).toMatchObject({ recoveryCodeHashes: ['h1'], lastUsedStep: STEP });
  });
});
