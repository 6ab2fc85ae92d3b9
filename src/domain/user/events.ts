import type { Role } from '../shared/actor.js';
import type { DomainEvent } from '../shared/decider.js';

export type UserRegistered = DomainEvent<
  'UserRegistered',
  { userId: string; username: string; passwordHash: string; role: Role; orgId: string | null; at: string }
>;
export type UserDisabled = DomainEvent<'UserDisabled', { userId: string; reason: string | null; at: string }>;
export type UserEnabled = DomainEvent<'UserEnabled', { userId: string; at: string }>;

export type UserEvent = UserRegistered | UserDisabled | UserEnabled;
