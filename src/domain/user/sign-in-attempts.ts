import type { Command, Decider, DomainEvent } from '../shared/decider.js';
import { accountLocked, userError } from './messages.js';

/**
 * Per-account lockout: the 5th wrong password within 15 minutes locks the account for 15 minutes, during
 * which even the right password is refused. The failures live in a stream of their own (`signin-<userId>`,
 * stream.ts), so that a burst of wrong passwords never races a change of the account itself.
 */
export const LOCKOUT = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;

export type SignInFailed = DomainEvent<'SignInFailed', { userId: string; at: string }>;
export type AccountLocked = DomainEvent<'AccountLocked', { userId: string; at: string; until: string }>;
/** Written only when it clears earlier failures, so that an ordinary sign-in appends nothing. */
export type SignInSucceeded = DomainEvent<'SignInSucceeded', { userId: string; at: string }>;

/** A 安全管理员 lifted the lock (or cleared the failures) before its time: the next password counts afresh. */
export type AccountUnlocked = DomainEvent<'AccountUnlocked', { userId: string; at: string }>;

export type SignInEvent = SignInFailed | AccountLocked | SignInSucceeded | AccountUnlocked;

/** The password was wrong (checked by the service: hashing stays out of the decider). */
export type RecordFailedSignIn = Command<'RecordFailedSignIn', { userId: string }>;
/** The password was right: refused while the account is locked. */
export type AdmitSignIn = Command<'AdmitSignIn', { userId: string }>;

/** Whether the actor holds 安全管理员 was checked before the command (src/application/staff-duties.ts). */
export type UnlockAccount = Command<'UnlockAccount', { userId: string }>;

export type SignInCommand = RecordFailedSignIn | AdmitSignIn | UnlockAccount;

export interface SignInAttempts {
  /** When each failure that still counts towards a lock happened. */
  failures: string[];
  lockedUntil: string | null;
}

function initialState(): SignInAttempts {
  return { failures: [], lockedUntil: null };
}

function isLocked(state: SignInAttempts, now: Date): boolean {
  return state.lockedUntil !== null && now.getTime() < Date.parse(state.lockedUntil);
}

/** Nothing to lift (no lock in force, no failures counting towards one) appends nothing. */
function unlock({ data, context }: UnlockAccount, state: SignInAttempts): SignInEvent[] {
  if (context.actor.role !== 'staff') throw userError('user.staff_only');
  if (!isLocked(state, context.now) && state.failures.length === 0) return [];
  return [{ type: 'AccountUnlocked', data: { userId: data.userId, at: context.now.toISOString() } }];
}

function decide(command: SignInCommand, state: SignInAttempts): SignInEvent[] {
  if (command.type === 'UnlockAccount') return unlock(command, state);
  const { now } = command.context;
  const at = now.toISOString();
  const { userId } = command.data;
  if (command.type === 'AdmitSignIn') {
    if (isLocked(state, now)) throw accountLocked(state.lockedUntil ?? at, now);
    return state.failures.length > 0 ? [{ type: 'SignInSucceeded', data: { userId, at } }] : [];
  }
  const failed: SignInFailed = { type: 'SignInFailed', data: { userId, at } };
  // A wrong password during a lock is remembered but neither extends the lock nor counts towards the next.
  if (isLocked(state, now)) return [failed];
  const since = now.getTime() - LOCKOUT.windowMs;
  const recent = state.failures.filter((failure) => Date.parse(failure) > since).length + 1;
  if (recent < LOCKOUT.maxFailures) return [failed];
  const until = new Date(now.getTime() + LOCKOUT.lockMs).toISOString();
  return [failed, { type: 'AccountLocked', data: { userId, at, until } }];
}

function evolve(state: SignInAttempts, event: SignInEvent): SignInAttempts {
  switch (event.type) {
    case 'SignInFailed': {
      const { at } = event.data;
      if (state.lockedUntil !== null && at < state.lockedUntil) return state;
      const since = Date.parse(at) - LOCKOUT.windowMs;
      return { ...state, failures: [...state.failures.filter((f) => Date.parse(f) > since), at] };
    }
    case 'AccountLocked':
      return { failures: [], lockedUntil: event.data.until };
    case 'SignInSucceeded':
      return { ...state, failures: [] };
    case 'AccountUnlocked':
      return initialState();
  }
}

export const signInDecider: Decider<SignInAttempts, SignInCommand, SignInEvent> = {
  decide,
  evolve,
  initialState,
};
