import type { Decider } from '../shared/decider.js';
import { NotFoundError } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import type { DisableUser, EnableUser, RegisterUser, UserCommand } from './commands.js';
import { usernameFieldSchema } from './commands.js';
import type { UserEvent } from './events.js';
import { userError } from './messages.js';
import type { User } from './state.js';

function initialState(): User {
  return {
    status: 'initial',
    id: '',
    username: '',
    passwordHash: '',
    role: 'demander',
    orgId: null,
    createdAt: null,
    disabledAt: null,
    disabledReason: null,
  };
}

function register({ data, context }: RegisterUser, state: User): UserEvent[] {
  if (state.status !== 'initial') throw userError('user.already_registered');
  const { username } = parseInput(usernameFieldSchema, { username: data.username });
  const { actor } = context;
  // Staff accounts come from staff (or the start-up/CLI acting as staff); org users from their org's
  // public registration, or from staff.
  if (data.role === 'staff' ? actor.role !== 'staff' : actor.role !== 'anonymous' && actor.role !== 'staff') {
    throw userError('user.staff_only');
  }
  if ((data.role === 'staff') !== (data.orgId === null)) throw userError('user.invalid_membership');
  const at = context.now.toISOString();
  const { userId, passwordHash, role, orgId } = data;
  return [{ type: 'UserRegistered', data: { userId, username, passwordHash, role, orgId, at } }];
}

function disable({ data, context }: DisableUser, state: User): UserEvent[] {
  if (context.actor.role !== 'staff') throw userError('user.staff_only');
  if (context.actor.userId === state.id) throw userError('user.cannot_disable_self');
  if (state.status === 'disabled') return [];
  const at = context.now.toISOString();
  return [{ type: 'UserDisabled', data: { userId: state.id, reason: data.reason ?? null, at } }];
}

function enable({ context }: EnableUser, state: User): UserEvent[] {
  if (context.actor.role !== 'staff') throw userError('user.staff_only');
  if (state.status === 'active') return [];
  return [{ type: 'UserEnabled', data: { userId: state.id, at: context.now.toISOString() } }];
}

function decide(command: UserCommand, state: User): UserEvent[] {
  if (command.type === 'RegisterUser') return register(command, state);
  if (state.status === 'initial') throw new NotFoundError('user', command.data.userId);
  switch (command.type) {
    case 'DisableUser':
      return disable(command, state);
    case 'EnableUser':
      return enable(command, state);
  }
}

function evolve(state: User, event: UserEvent): User {
  switch (event.type) {
    case 'UserRegistered': {
      const { userId, username, passwordHash, role, orgId, at } = event.data;
      return { ...state, status: 'active', id: userId, username, passwordHash, role, orgId, createdAt: at };
    }
    case 'UserDisabled':
      return { ...state, status: 'disabled', disabledAt: event.data.at, disabledReason: event.data.reason };
    case 'UserEnabled':
      return { ...state, status: 'active', disabledAt: null, disabledReason: null };
  }
}

export const userDecider: Decider<User, UserCommand, UserEvent> = { decide, evolve, initialState };
