import type { EnrollTotp, ResetSecondFactor, UseRecoveryCode, UseTotpCode } from './commands.js';
import type { RecoveryCodeUsed, StaffSecondFactorReset, StaffTotpEnrolled, TotpCodeUsed } from './events.js';
import { userError } from './messages.js';
import type { TotpEnrollment, User } from './state.js';

/** How many recovery codes an enrollment hands out; each signs in once in place of a TOTP code. */
export const RECOVERY_CODE_COUNT = 10;

/**
 * A second enrollment is refused: whoever holds only the password must not be able to replace the
 * authenticator of an account that has one.
 */
export function enrollTotp({ data, context }: EnrollTotp, state: User): StaffTotpEnrolled[] {
  if (context.actor.userId !== state.id) throw userError('user.not_self');
  if (state.status !== 'active') throw userError('user.not_active');
  if (state.role !== 'staff') throw userError('user.totp_staff_only');
  if (state.totp !== null) throw userError('user.totp_already_enrolled');
  const { secret, recoveryCodeHashes } = data;
  const at = context.now.toISOString();
  return [{ type: 'StaffTotpEnrolled', data: { userId: state.id, secret, recoveryCodeHashes, at } }];
}

/**
 * Another staff member's only: whoever resets their own could replace their authenticator holding only
 * the password, which is what the second factor is there to prevent. Staff without one are left as they
 * are: they enroll at their next sign-in anyway.
 */
export function resetSecondFactor({ context }: ResetSecondFactor, state: User): StaffSecondFactorReset[] {
  if (context.actor.role !== 'staff') throw userError('user.staff_only');
  if (context.actor.userId === state.id) throw userError('user.cannot_reset_own_second_factor');
  if (state.role !== 'staff') throw userError('user.totp_staff_only');
  if (state.totp === null) return [];
  return [{ type: 'StaffSecondFactorReset', data: { userId: state.id, at: context.now.toISOString() } }];
}

/** A code not among the remaining ones (never issued, or already spent) is refused like a wrong code. */
export function useRecoveryCode({ data, context }: UseRecoveryCode, state: User): RecoveryCodeUsed[] {
  if (!state.totp?.recoveryCodeHashes.includes(data.codeHash)) throw userError('auth.invalid_second_factor');
  const at = context.now.toISOString();
  return [{ type: 'RecoveryCodeUsed', data: { userId: state.id, codeHash: data.codeHash, at } }];
}

/**
 * A TOTP code is valid for a window of time steps, so whoever sees one used (over a shoulder, in a log,
 * on the wire) could sign in with it again within that window: a code of a step at or before the last one
 * that signed in is spent.
 */
export function totpStepSpent(totp: Pick<TotpEnrollment, 'lastUsedStep'>, timeStep: number): boolean {
  return totp.lastUsedStep !== null && timeStep <= totp.lastUsedStep;
}

/** Two racing uses of one code meet on the user stream's revision, and the second finds it spent. */
export function useTotpCode({ data, context }: UseTotpCode, state: User): TotpCodeUsed[] {
  if (!state.totp) throw userError('auth.invalid_second_factor');
  if (totpStepSpent(state.totp, data.timeStep)) throw userError('auth.totp_code_used');
  const at = context.now.toISOString();
  return [{ type: 'TotpCodeUsed', data: { userId: state.id, timeStep: data.timeStep, at } }];
}

export function evolveTotpEnrolled(state: User, { data }: StaffTotpEnrolled): User {
  const { secret, recoveryCodeHashes, at } = data;
  return { ...state, totp: { secret, recoveryCodeHashes, enrolledAt: at, lastUsedStep: null } };
}

export function evolveSecondFactorReset(state: User): User {
  return { ...state, totp: null };
}

export function evolveTotpCodeUsed(state: User, { data }: TotpCodeUsed): User {
  if (!state.totp) return state;
  return { ...state, totp: { ...state.totp, lastUsedStep: data.timeStep } };
}

export function evolveRecoveryCodeUsed(state: User, { data }: RecoveryCodeUsed): User {
  if (!state.totp) return state;
  const recoveryCodeHashes = state.totp.recoveryCodeHashes.filter((hash) => hash !== data.codeHash);
  return { ...state, totp: { ...state.totp, recoveryCodeHashes } };
}
