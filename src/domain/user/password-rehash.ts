import type { RehashPassword } from './commands.js';
import type { UserPasswordRehashed } from './events.js';
import { userError } from './messages.js';
import type { User } from './state.js';

/**
 * Only the hash that was checked is replaced: when the password changed between the check and this
 * command, the new hash is of a password no longer current, and nothing is written.
 */
export function rehashPassword({ data, context }: RehashPassword, state: User): UserPasswordRehashed[] {
  if (context.actor.userId !== state.id) throw userError('user.not_self');
  if (state.passwordHash !== data.replaces) return [];
  const at = context.now.toISOString();
  return [{ type: 'UserPasswordRehashed', data: { userId: state.id, passwordHash: data.passwordHash, at } }];
}

/**
 * The same password under a new hash: the history keeps its place (the current password last) under the
 * new hash, and sessions, `passwordSetAt` and the change required stay as they were.
 */
export function evolvePasswordRehashed(state: User, { data }: UserPasswordRehashed): User {
  const { passwordHash } = data;
  const passwordHistory = state.passwordHistory.map((hash) =>
    hash === state.passwordHash ? passwordHash : hash,
  );
  return { ...state, passwordHash, passwordHistory };
}
