import type { Decider } from '../shared/decider.js';
import { NotFoundError } from '../shared/errors.js';
import { PROVINCE } from '../shared/scope.js';
import { cancelUser, evolveUserCancelled } from './cancellation.js';
import type {
  ChangePassword,
  DisableUser,
  EnableUser,
  RegisterUser,
  SignOut,
  UserCommand,
} from './commands.js';
import { changeStaffDuties, checkedDuties, evolveStaffDutiesChanged, registeredDuties } from './duties.js';
import type { UserEvent } from './events.js';
import { userError } from './messages.js';
import { evolvePasswordRehashed, rehashPassword } from './password-rehash.js';
import {
  enrollTotp,
  evolveRecoveryCodeUsed,
  evolveSecondFactorReset,
  evolveTotpCodeUsed,
  evolveTotpEnrolled,
  resetSecondFactor,
  useRecoveryCode,
  useTotpCode,
} from './second-factor.js';
import { unexpiredSessions } from './sessions.js';
import { PASSWORD_HISTORY_LENGTH, type User } from './state.js';

function initialState(): User {
  return {
    status: 'initial',
    id: '',
    username: '',
    passwordHash: '',
    passwordHistory: [],
    role: 'demander',
    orgId: null,
    name: null,
    scope: null,
    duties: null,
    expertise: null,
    createdAt: null,
    disabledAt: null,
    disabledReason: null,
    tokensValidAfter: null,
    signedOutSessions: {},
    passwordSetAt: null,
    passwordChangeRequired: false,
    totp: null,
  };
}

function register({ data, context }: RegisterUser, state: User): UserEvent[] {
  if (state.status !== 'initial') throw userError('user.already_registered');
  const { actor } = context;
  // Staff accounts come from staff (or the start-up/CLI acting as staff); org users from their org's
  // public registration, or from staff.
  // Experts, like staff, have no organization of their own and are made by staff.
  const platform = data.role === 'staff' || data.role === 'expert';
  if (platform ? actor.role !== 'staff' : actor.role !== 'anonymous' && actor.role !== 'staff') {
    throw userError('user.staff_only');
  }
  if (platform !== (data.orgId === null)) throw userError('user.invalid_membership');
  if ((data.role === 'expert') !== (data.expertise !== undefined))
    throw userError('user.expertise_experts_only');
  if (data.role !== 'staff' && data.scope !== undefined) throw userError('user.invalid_membership');
  if (data.role !== 'staff' && data.duties !== undefined) throw userError('user.duties_staff_only');
  const at = context.now.toISOString();
  const { userId, username, passwordHash, role, orgId, name, scope, mustChangePassword } = data;
  const staff = {
    ...(name === undefined ? {} : { name }),
    ...(scope === undefined ? {} : { scope }),
    ...(data.duties === undefined ? {} : { duties: checkedDuties(data.duties) }),
    ...(data.expertise === undefined ? {} : { expertise: data.expertise }),
  };
  const initial = mustChangePassword ? { mustChangePassword } : {};
  return [
    {
      type: 'UserRegistered',
      data: { userId, username, passwordHash, role, orgId, ...staff, ...initial, at },
    },
  ];
}

function disable({ data, context }: DisableUser, state: User): UserEvent[] {
  if (context.actor.role !== 'staff') throw userError('user.staff_only');
  if (context.actor.userId === state.id) throw userError('user.cannot_disable_self');
  if (state.status === 'disabled' || state.status === 'cancelled') return [];
  const at = context.now.toISOString();
  return [{ type: 'UserDisabled', data: { userId: state.id, reason: data.reason ?? null, at } }];
}

function enable({ context }: EnableUser, state: User): UserEvent[] {
  if (context.actor.role !== 'staff') throw userError('user.staff_only');
  if (state.status === 'active') return [];
  if (state.status === 'cancelled') throw userError('user.cancelled');
  return [{ type: 'UserEnabled', data: { userId: state.id, at: context.now.toISOString() } }];
}

function changePassword({ data, context }: ChangePassword, state: User): UserEvent[] {
  if (context.actor.userId !== state.id) throw userError('user.not_self');
  if (state.status !== 'active') throw userError('user.not_active');
  const at = context.now.toISOString();
  return [{ type: 'UserPasswordChanged', data: { userId: state.id, passwordHash: data.passwordHash, at } }];
}

/** Signing out twice, or after the token expired, changes nothing. */
function signOut({ data, context }: SignOut, state: User): UserEvent[] {
  if (context.actor.userId !== state.id) throw userError('user.not_self');
  const at = context.now.toISOString();
  if (Object.hasOwn(state.signedOutSessions, data.sessionId) || data.expiresAt <= at) return [];
  const { sessionId, expiresAt } = data;
  return [{ type: 'UserSignedOut', data: { userId: state.id, sessionId, expiresAt, at } }];
}

function decide(command: UserCommand, state: User): UserEvent[] {
  if (command.type === 'RegisterUser') return register(command, state);
  if (state.status === 'initial') throw new NotFoundError('user', command.data.userId);
  switch (command.type) {
    case 'DisableUser':
      return disable(command, state);
    case 'EnableUser':
      return enable(command, state);
    case 'ChangePassword':
      return changePassword(command, state);
    case 'RehashPassword':
      return rehashPassword(command, state);
    case 'SignOut':
      return signOut(command, state);
    case 'EnrollTotp':
      return enrollTotp(command, state);
    case 'UseRecoveryCode':
      return useRecoveryCode(command, state);
    case 'UseTotpCode':
      return useTotpCode(command, state);
    case 'ResetSecondFactor':
      return resetSecondFactor(command, state);
    case 'ChangeStaffDuties':
      return changeStaffDuties(command, state);
    case 'CancelUser':
      return cancelUser(command, state);
  }
}

function evolve(state: User, event: UserEvent): User {
  switch (event.type) {
    case 'UserRegistered': {
      const { userId, username, passwordHash, role, orgId, at } = event.data;
      // Staff registered before scopes existed cover the province.
      const scope = role === 'staff' ? (event.data.scope ?? PROVINCE) : null;
      const name = event.data.name ?? null;
      return {
        ...state,
        status: 'active',
        id: userId,
        username,
        passwordHash,
        passwordHistory: [passwordHash],
        role,
        orgId,
        name,
        scope,
        duties: registeredDuties(event),
        expertise: event.data.expertise ?? null,
        createdAt: at,
        passwordSetAt: at,
        passwordChangeRequired: event.data.mustChangePassword === true,
      };
    }
    case 'UserDisabled': {
      const { at, reason } = event.data;
      return { ...state, status: 'disabled', disabledAt: at, disabledReason: reason, tokensValidAfter: at };
    }
    case 'UserEnabled':
      return { ...state, status: 'active', disabledAt: null, disabledReason: null };
    case 'UserPasswordChanged': {
      const { passwordHash, at } = event.data;
      const passwordHistory = [...state.passwordHistory, passwordHash].slice(-PASSWORD_HISTORY_LENGTH);
      return {
        ...state,
        passwordHash,
        passwordHistory,
        tokensValidAfter: at,
        passwordSetAt: at,
        passwordChangeRequired: false,
      };
    }
    case 'UserPasswordRehashed':
      return evolvePasswordRehashed(state, event);
    case 'UserSignedOut': {
      const { sessionId, expiresAt, at } = event.data;
      const signedOutSessions = { ...unexpiredSessions(state.signedOutSessions, at), [sessionId]: expiresAt };
      return { ...state, signedOutSessions };
    }
    case 'StaffTotpEnrolled':
      return evolveTotpEnrolled(state, event);
    case 'RecoveryCodeUsed':
      return evolveRecoveryCodeUsed(state, event);
    case 'TotpCodeUsed':
      return evolveTotpCodeUsed(state, event);
    case 'StaffSecondFactorReset':
      return evolveSecondFactorReset(state);
    case 'StaffDutiesChanged':
      return evolveStaffDutiesChanged(state, event);
    case 'UserCancelled':
      return evolveUserCancelled(state, event);
  }
}

export const userDecider: Decider<User, UserCommand, UserEvent> = { decide, evolve, initialState };
