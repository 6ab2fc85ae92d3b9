import { userDecider } from '../domain/user/decider.js';
import { userError } from '../domain/user/messages.js';
import type { User } from '../domain/user/state.js';
import { userStream } from '../domain/user/stream.js';
import { handleCommand } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import { recordFailedSignIn } from './sign-in-lockout.js';
import { hashRecoveryCode, looksLikeTotpCode, verifyTotp } from './totp.js';

/**
 * The second factor of an enrolled staff member: the authenticator's current code, or a recovery code,
 * which is spent by using it (two racing uses of one code meet on the user stream's revision, and the
 * second finds it spent). A wrong code counts towards the account's lock like a wrong password, so that
 * knowing the password does not allow trying all million codes.
 */
export async function checkSecondFactor(
  deps: AppDeps,
  ctx: RequestContext,
  user: User,
  code: string | undefined,
): Promise<void> {
  if (!user.totp) return;
  const given = code?.trim() ?? '';
  if (given === '') throw userError('auth.second_factor_required');
  const now = deps.clock();
  if (looksLikeTotpCode(given)) {
    if (verifyTotp(user.totp.secret, given, now)) return;
    await recordFailedSignIn(deps, ctx, user.id);
    throw userError('auth.invalid_second_factor');
  }
  const codeHash = hashRecoveryCode(given);
  if (!user.totp.recoveryCodeHashes.includes(codeHash)) {
    await recordFailedSignIn(deps, ctx, user.id);
    throw userError('auth.invalid_second_factor');
  }
  const command = { type: 'UseRecoveryCode' as const, data: { userId: user.id, codeHash } };
  await handleCommand(
    deps.store,
    userStream(user.id),
    userDecider,
    { ...command, context: { actor: ctx.actor, now } },
    { metadata: eventMetadata(ctx, now) },
  );
  deps.logger.warn({ userId: user.id }, 'staff signed in with a recovery code');
}
