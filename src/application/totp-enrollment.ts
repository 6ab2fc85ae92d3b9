import { parseInput } from '../domain/shared/validation.js';
import { credentialsSchema, totpEnrollmentSchema } from '../domain/user/commands.js';
import { userError } from '../domain/user/messages.js';
import { RECOVERY_CODE_COUNT } from '../domain/user/second-factor.js';
import type { User } from '../domain/user/state.js';
import type { AppDeps, RequestContext } from './deps.js';
import { admitSignIn } from './sign-in-lockout.js';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, otpauthUri, verifyTotp } from './totp.js';
import {
  type AuthenticatedUser,
  authenticatedUser,
  needsSecondFactor,
  passwordDue,
  runUserCommand,
  verifyCredentials,
} from './user-service.js';

/** The name an authenticator app shows above the code. */
export const TOTP_ISSUER = '云速配';

/**
 * Enrolling is the step after the password (and a due password change) at a staff member's first sign-in:
 * the password proves who they are, under the same lockout as signing in.
 */
async function enrollingStaff(
  deps: AppDeps,
  ctx: RequestContext,
  username: string,
  password: string,
): Promise<User> {
  const user = await verifyCredentials(deps, username, password, ctx);
  await admitSignIn(deps, ctx, user.id);
  if (user.role !== 'staff') throw userError('user.totp_staff_only');
  if (!needsSecondFactor(deps, user)) throw userError('user.totp_not_required');
  if (user.totp) throw userError('user.totp_already_enrolled');
  const due = passwordDue(deps, user);
  if (due) throw userError(due === 'expired' ? 'auth.password_expired' : 'auth.initial_password');
  return user;
}

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
}

/**
 * A new secret for the authenticator; nothing is stored until a code from it is confirmed, so an abandoned
 * setup leaves no trace and the account keeps asking to enroll.
 */
export async function startTotpEnrollment(
  deps: AppDeps,
  ctx: RequestContext,
  input: unknown,
): Promise<TotpSetup> {
  const { username, password } = parseInput(credentialsSchema.omit({ code: true }), input);
  const user = await enrollingStaff(deps, ctx, username, password);
  const secret = newTotpSecret();
  return { secret, otpauthUri: otpauthUri(TOTP_ISSUER, user.username, secret) };
}

/**
 * A code the authenticator shows for the secret proves the setup works; the authenticator is then bound
 * and the recovery codes handed out once (only their hashes are stored). The staff member is signed in.
 */
export async function confirmTotpEnrollment(
  deps: AppDeps,
  ctx: RequestContext,
  input: unknown,
): Promise<{ user: AuthenticatedUser; recoveryCodes: string[] }> {
  const { username, password, secret, code } = parseInput(totpEnrollmentSchema, input);
  const user = await enrollingStaff(deps, ctx, username, password);
  if (!verifyTotp(secret, code, deps.clock())) throw userError('user.wrong_totp_code');
  const recoveryCodes = newRecoveryCodes(RECOVERY_CODE_COUNT);
  const recoveryCodeHashes = recoveryCodes.map(hashRecoveryCode);
  const self = { ...ctx, actor: { userId: user.id, orgId: user.orgId, role: user.role } };
  await runUserCommand(deps, self, user.id, (now) => ({
    type: 'EnrollTotp',
    data: { userId: user.id, secret, recoveryCodeHashes },
    context: { actor: self.actor, now },
  }));
  deps.logger.info({ userId: user.id }, 'staff authenticator enrolled');
  return { user: authenticatedUser(user), recoveryCodes };
}
