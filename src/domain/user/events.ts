import type { Role } from '../shared/actor.js';
import type { DomainEvent } from '../shared/decider.js';
import type { Scope } from '../shared/scope.js';

/** `name` and `scope` are staff's, and optional: staff registered before scopes existed cover the province. */
export type UserRegistered = DomainEvent<
  'UserRegistered',
  {
    userId: string;
    username: string;
    passwordHash: string;
    role: Role;
    orgId: string | null;
    name?: string;
    scope?: Scope;
    at: string;
  }
>;
export type UserDisabled = DomainEvent<'UserDisabled', { userId: string; reason: string | null; at: string }>;
export type UserEnabled = DomainEvent<'UserEnabled', { userId: string; at: string }>;

/** Revokes every token issued before `at`, as UserDisabled does. */
export type UserPasswordChanged = DomainEvent<
  'UserPasswordChanged',
  { userId: string; passwordHash: string; at: string }
>;
/** Revokes one session; `expiresAt` lets the state forget it once its token has expired anyway. */
export type UserSignedOut = DomainEvent<
  'UserSignedOut',
  { userId: string; sessionId: string; expiresAt: string; at: string }
>;

export type UserEvent = UserRegistered | UserDisabled | UserEnabled | UserPasswordChanged | UserSignedOut;
