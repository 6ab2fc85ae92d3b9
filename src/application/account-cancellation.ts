import { organizationDecider } from '../domain/organization/decider.js';
import { organizationStream } from '../domain/organization/stream.js';
import type { FieldError } from '../domain/shared/errors.js';
import { ValidationError } from '../domain/shared/errors.js';
import { parseInput } from '../domain/shared/validation.js';
import { cancelAccountSchema } from '../domain/user/commands.js';
import { userDecider } from '../domain/user/decider.js';
import { userError } from '../domain/user/messages.js';
import type { User } from '../domain/user/state.js';
import { userStream } from '../domain/user/stream.js';
import { usernameKey, usernameReservation, usernameStream } from '../domain/user/username-reservation.js';
import { subjectName } from '../personal-data/personal-fields.js';
import { handleCommand, readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import { activeMembersOf } from './organization-members.js';
import { decoyHash, verifyPassword } from './password.js';
import { admitSignIn, recordFailedSignIn } from './sign-in-lockout.js';

export interface CancellationResult {
  userId: string;
  /** The organization closed with its last active account, or null (staff-made accounts, other members left). */
  cancelledOrganizationId: string | null;
}

const WRONG_CONFIRM = '请输入您自己的用户名以确认注销';
const WRONG_PASSWORD = '密码不正确';
const WRONG_CREDENTIALS = '用户名或密码不正确';

async function userNamed(deps: AppDeps, username: string): Promise<User | null> {
  const { state: reservation } = await readEntity(deps.store, usernameStream(username), usernameReservation);
  if (!reservation.ownerId) return null;
  const found = await readEntity(deps.store, userStream(reservation.ownerId), userDecider);
  return found.revision === null ? null : found.state;
}

/**
 * The account the username and password name. Signed in, the username must be the user's own and each
 * field is told apart; without a session (finishing an interrupted cancellation) one message covers both,
 * as at sign-in, so that the answer tells no one which usernames exist. A wrong password counts towards
 * the account's lock either way.
 */
async function whoCancels(
  deps: AppDeps,
  ctx: RequestContext,
  confirm: string,
  password: string,
): Promise<User> {
  const signedIn = ctx.actor.userId;
  const user = signedIn
    ? (await readEntity(deps.store, userStream(signedIn), userDecider)).state
    : await userNamed(deps, confirm);
  const matches = await verifyPassword(password, user?.passwordHash || (await decoyHash()));
  if (user && !matches) await recordFailedSignIn(deps, ctx, user.id);
  // The right password during a lock is refused as at sign-in: this is no way around the lock.
  if (user && matches) await admitSignIn(deps, ctx, user.id);
  const errors: FieldError[] = [];
  if (!signedIn) {
    if (!user || !matches) errors.push({ path: 'password', message: WRONG_CREDENTIALS });
  } else {
    if (usernameKey(confirm) !== usernameKey(user?.username ?? ''))
      errors.push({ path: 'confirm', message: WRONG_CONFIRM });
    if (!matches) errors.push({ path: 'password', message: WRONG_PASSWORD });
  }
  if (!user || errors.length > 0) throw new ValidationError(errors, '用户名或密码不正确，账号未注销');
  return user;
}

/**
 * 注销账号 (`POST /api/v1/me/cancel`, the 我的数据 page): the user types their username and password again.
 * The password proves who asks, as at sign-in (a wrong one counts towards the account's lock), so a
 * signed-in session is not needed — which is what lets an interrupted cancellation be finished: see below.
 *
 * Order: the events first (UserCancelled, then OrganizationCancelled when this was the organization's last
 * active account), the keys after. A crash between the two leaves a cancelled account whose key still
 * exists: its personal data still reads. Asking again with the same username and password finds the
 * account cancelled, appends nothing and destroys the keys that are left. The other order would be worse:
 * keys destroyed for an account the log still calls active.
 */
export async function cancelAccount(
  deps: AppDeps,
  ctx: RequestContext,
  input: unknown,
): Promise<CancellationResult> {
  const { confirm, password } = parseInput(cancelAccountSchema, input);
  const user = await whoCancels(deps, ctx, confirm, password);
  if (user.role === 'staff') throw userError('user.cancel_staff_only_by_admin');
  const keys = deps.keys;
  if (!keys) throw new Error('no personal-data key store: an account cannot be cancelled without one');
  // The command runs as the account itself, signed in or not: it proved who it is with the password.
  const self = { ...ctx, actor: { userId: user.id, orgId: user.orgId, role: user.role } };
  const now = deps.clock();
  await handleCommand(
    deps.store,
    userStream(user.id),
    userDecider,
    { type: 'CancelUser', data: { userId: user.id }, context: { actor: self.actor, now } },
    { metadata: eventMetadata(self, now) },
  );
  const cancelledOrganizationId = user.orgId ? await cancelOrganizationIfLast(deps, self, user.orgId) : null;
  if (cancelledOrganizationId) await keys.destroyKey(subjectName('organization', cancelledOrganizationId));
  await keys.destroyKey(subjectName('user', user.id));
  deps.logger.info({ userId: user.id, orgId: cancelledOrganizationId }, 'account cancelled');
  return { userId: user.id, cancelledOrganizationId };
}

/** The organization's id when it is (now, or already) cancelled; null while other accounts remain. */
async function cancelOrganizationIfLast(
  deps: AppDeps,
  ctx: RequestContext,
  orgId: string,
): Promise<string | null> {
  const stream = organizationStream(orgId);
  const { state } = await readEntity(deps.store, stream, organizationDecider);
  if (state.status === 'cancelled') return orgId;
  const membersLeft = (await activeMembersOf(deps, orgId)).length;
  if (membersLeft > 0) return null;
  const now = deps.clock();
  await handleCommand(
    deps.store,
    stream,
    organizationDecider,
    { type: 'CancelOrganization', data: { orgId, membersLeft }, context: { actor: ctx.actor, now } },
    { metadata: eventMetadata(ctx, now) },
  );
  return orgId;
}
