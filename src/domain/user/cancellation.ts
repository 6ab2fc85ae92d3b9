import type { CancelUser } from './commands.js';
import type { UserCancelled, UserEvent } from './events.js';
import { userError } from './messages.js';
import type { User } from './state.js';

/**
 * 注销账号, by the user alone. Staff are removed by the accounts admin instead: their accounts carry
 * duties and an audit trail that a self-service cancellation would cut short. Cancelling again changes
 * nothing, so that a cancellation interrupted after its events (its key not yet destroyed) can be run again.
 */
export function cancelUser({ context }: CancelUser, state: User): UserEvent[] {
  if (context.actor.userId !== state.id) throw userError('user.not_self');
  if (state.role === 'staff') throw userError('user.cancel_staff_only_by_admin');
  if (state.status === 'cancelled') return [];
  return [{ type: 'UserCancelled', data: { userId: state.id, at: context.now.toISOString() } }];
}

/** Revokes every token issued before, as disabling does. */
export function evolveUserCancelled(state: User, event: UserCancelled): User {
  return { ...state, status: 'cancelled', tokensValidAfter: event.data.at };
}
