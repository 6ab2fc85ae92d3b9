import type { ResetSecondFactor } from '../domain/user/commands.js';
import { userDecider } from '../domain/user/decider.js';
import { signInDecider, type UnlockAccount } from '../domain/user/sign-in-attempts.js';
import { toUserView, type UserView } from '../domain/user/state.js';
import { signInStream, userStream } from '../domain/user/stream.js';
import { handleCommand } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import { type CommandResult, commandResult, type EntityRead } from './entity-result.js';
import { recordSecurityEvent } from './security-log.js';
import { requireDuty } from './staff-duties.js';
import { getUser } from './user-service.js';

/**
 * What the 安全管理员 does for an account (三员分立): lift a sign-in lock before its 15 minutes are up,
 * and remove a staff member's lost authenticator. Each is recorded in the security log under the staff
 * member who acted, the account being the subject.
 */

/**
 * POST /api/v1/users/{id}/unlock: the account's wrong passwords are forgotten and its lock, if any, lifted.
 * An account neither locked nor with failures is left as it is and nothing is recorded.
 */
export async function unlockAccount(
  deps: AppDeps,
  ctx: RequestContext,
  userId: string,
): Promise<EntityRead<UserView>> {
  await requireDuty(deps, ctx, 'security', '解除账号锁定');
  const user = await getUser(deps, userId);
  const now = deps.clock();
  const command: UnlockAccount = {
    type: 'UnlockAccount',
    data: { userId },
    context: { actor: ctx.actor, now },
  };
  const { events } = await handleCommand(deps.store, signInStream(userId), signInDecider, command, {
    metadata: eventMetadata(ctx, now),
  });
  if (events.length > 0) {
    deps.logger.info({ userId }, 'account unlocked');
    await recordSecurityEvent(deps, ctx, 'account_unlocked', {
      subjectId: userId,
      detail: user.state.username,
    });
  }
  return user;
}

/**
 * POST /api/v1/users/{id}/second-factor/reset: another staff member's authenticator and recovery codes are
 * removed; they enroll a new authenticator at their next sign-in. Nothing is recorded when there was none.
 */
export async function resetSecondFactor(
  deps: AppDeps,
  ctx: RequestContext,
  userId: string,
): Promise<CommandResult<UserView>> {
  await requireDuty(deps, ctx, 'security', '重置工作人员的身份验证器');
  const now = deps.clock();
  const stream = userStream(userId);
  const command: ResetSecondFactor = {
    type: 'ResetSecondFactor',
    data: { userId },
    context: { actor: ctx.actor, now },
  };
  const handled = await handleCommand(deps.store, stream, userDecider, command, {
    metadata: eventMetadata(ctx, now),
    expectedRevision: ctx.expectedRevision,
  });
  const result = await commandResult(deps.store, stream, userId, handled);
  if (handled.events.length > 0) {
    deps.logger.info({ userId }, 'staff second factor reset');
    await recordSecurityEvent(deps, ctx, 'second_factor_reset', {
      subjectId: userId,
      detail: result.state.username,
    });
  }
  return { ...result, state: toUserView(result.state) };
}
