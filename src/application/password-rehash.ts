import { userDecider } from '../domain/user/decider.js';
import type { User } from '../domain/user/state.js';
import { userStream } from '../domain/user/stream.js';
import { handleCommand } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import { hashPassword, isOutdatedHash } from './password.js';

/**
 * A successful sign-in is the one moment the password is at hand, so it is when a hash of an older scheme
 * (scrypt) is replaced by a current one (PBKDF2-SM3). The user signs in as themself: the event is theirs.
 */
export async function rehashIfOutdated(
  deps: AppDeps,
  ctx: RequestContext,
  user: User,
  password: string,
): Promise<void> {
  if (!isOutdatedHash(user.passwordHash)) return;
  const passwordHash = await hashPassword(password);
  const now = deps.clock();
  const self = { ...ctx, actor: { userId: user.id, orgId: user.orgId, role: user.role } };
  const data = { userId: user.id, replaces: user.passwordHash, passwordHash };
  await handleCommand(
    deps.store,
    userStream(user.id),
    userDecider,
    { type: 'RehashPassword', data, context: { actor: self.actor, now } },
    { metadata: eventMetadata(self, now) },
  );
  deps.logger.info({ userId: user.id }, 'password hash upgraded to PBKDF2-SM3');
}
