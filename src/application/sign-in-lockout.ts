import { type SignInCommand, signInDecider } from '../domain/user/sign-in-attempts.js';
import { signInStream } from '../domain/user/stream.js';
import { handleCommand } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import { recordSecurityEvent } from './security-log.js';

/** Appended at whatever revision the attempts stream is at: concurrent attempts are all counted. */
async function runSignInCommand(
  deps: AppDeps,
  ctx: RequestContext,
  userId: string,
  type: SignInCommand['type'],
): Promise<void> {
  const now = deps.clock();
  const command: SignInCommand = { type, data: { userId }, context: { actor: ctx.actor, now } };
  const { events } = await handleCommand(deps.store, signInStream(userId), signInDecider, command, {
    metadata: eventMetadata(ctx, now),
  });
  const locked = events.find((event) => event.type === 'AccountLocked');
  if (locked) {
    await recordSecurityEvent(deps, ctx, 'account_locked', {
      userId,
      detail: `锁定至 ${locked.data.until}`,
    });
  }
}

/** A wrong password for an existing account: counts towards its lock (src/domain/user/sign-in-attempts.ts). */
export function recordFailedSignIn(deps: AppDeps, ctx: RequestContext, userId: string): Promise<void> {
  return runSignInCommand(deps, ctx, userId, 'RecordFailedSignIn');
}

/** The right password: refused with the time to retry while the account is locked; clears earlier failures. */
export function admitSignIn(deps: AppDeps, ctx: RequestContext, userId: string): Promise<void> {
  return runSignInCommand(deps, ctx, userId, 'AdmitSignIn');
}
