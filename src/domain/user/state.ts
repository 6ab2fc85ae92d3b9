import type { Role } from '../shared/actor.js';

export type UserStatus = 'initial' | 'active' | 'disabled';

export interface User {
  status: UserStatus;
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  /** The organization a demander or vendor user belongs to; null for staff. */
  orgId: string | null;
  createdAt: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  /** Tokens issued before this instant are revoked: the password was changed or the user disabled. */
  tokensValidAfter: string | null;
  /** Sessions signed out before their tokens expired: session id → the token's expiry. */
  signedOutSessions: Record<string, string>;
}

/** A user as shown outside the domain: never with the password hash nor the session ids. */
export type UserView = Omit<User, 'passwordHash' | 'signedOutSessions'>;

export function toUserView({ passwordHash: _hash, signedOutSessions: _sessions, ...view }: User): UserView {
  return view;
}
