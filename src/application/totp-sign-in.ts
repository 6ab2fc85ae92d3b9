import type { UseRecoveryCode, UseTotpCode } from '../domain/user/commands.js';
import { userDecider } from '../domain/user/decider.js';
import { userError } from '../domain/user/messages.js';
import { totpStepSpent } from '../domain/user/second-factor.js';
import type { User } from '../domain/user/state.js';
import { userStream } from '../domain/user/stream.js';
import { handleCommand } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import { recordFailedSignIn } from './sign-in-lockout.js';
import { hashRecoveryCode, looksLikeTotpCode, matchingTotpStep } from './totp.js';

/** Spends the code that was checked: called once the sign-in has passed every other step. */
export type SpendSecondFactor = () => Promise<void>;

/**
 * The second factor of an enrolled staff member: the authenticator's current code, or a recovery code.
 * A wrong or spent code counts towards the account's lock like a wrong password, so that knowing the
 * password does not allow trying all million codes. A right code is spent only by a sign-in that goes
 * through (a TOTP code together with every code before it), so that a refusal for another reason (a lock,
 * a password due) does not use it up; two racing uses of one code meet on the user stream's revision, and
 * the second finds it spent.
 */
export async function checkSecondFactor(
  deps: AppDeps,
  ctx: RequestContext,
  user: User,
  code: string | undefined,
): Promise<SpendSecondFactor> {
  const { totp } = user;
  if (!totp) return async () => {};
  const given = code?.trim() ?? '';
  if (given === '') throw userError('auth.second_factor_required');
  const context = { actor: ctx.actor, now: deps.clock() };
  if (looksLikeTotpCode(given)) {
    const timeStep = matchingTotpStep(totp.secret, given, context.now);
    if (timeStep === null || totpStepSpent(totp, timeStep)) {
      await recordFailedSignIn(deps, ctx, user.id);
      throw userError(timeStep === null ? 'auth.invalid_second_factor' : 'auth.totp_code_used');
    }
    return () => spend(deps, ctx, { type: 'UseTotpCode', data: { userId: user.id, timeStep }, context });
  }
  const codeHash = hashRecoveryCode(given);
  if (!totp.recoveryCodeHashes.includes(codeHash)) {
    await recordFailedSignIn(deps, ctx, user.id);
    throw userError('auth.invalid_second_factor');
  }
  return async () => {
    await spend(deps, ctx, { type: 'UseRecoveryCode', data: { userId: user.id, codeHash }, context });
    deps.logger.warn({ userId: user.id }, 'staff signed in with a recovery code');
  };
}

async function spend(deps: AppDeps, ctx: RequestContext, command: UseTotpCode | UseRecoveryCode) {
  const metadata = eventMetadata(ctx, command.context.now);
  await handleCommand(deps.store, userStream(command.data.userId), userDecider, command, { metadata });
}
