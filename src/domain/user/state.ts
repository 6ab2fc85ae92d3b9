import type { Role } from '../shared/actor.js';
import type { Duty } from '../shared/duties.js';
import type { Scope } from '../shared/scope.js';
import type { Expertise } from './events.js';

/** How many of a user's latest passwords a new one may not repeat. */
export const PASSWORD_HISTORY_LENGTH = 5;

/** `cancelled`: the user closed the account themselves (注销); unlike `disabled`, nothing reopens it. */
export type UserStatus = 'initial' | 'active' | 'disabled' | 'cancelled';

export interface User {
  status: UserStatus;
  id: string;
  username: string;
  passwordHash: string;
  /** The hashes of the last passwords (the current one last): a new password may be none of them. */
  passwordHistory: string[];
  role: Role;
  /** The organization a demander or vendor user belongs to; null for staff. */
  orgId: string | null;
  /** Staff only (null for members of organizations): their name, and what they cover. */
  name: string | null;
  scope: Scope | null;
  /** Staff only (三员分立): what they may do; null for members of organizations. */
  duties: Duty[] | null;
  /** Experts only (评审专家): what they review and the organization they belong to; null for others. */
  expertise: Expertise | null;
  createdAt: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  /** Tokens issued before this instant are revoked: the password was changed or the user disabled. */
  tokensValidAfter: string | null;
  /** Sessions signed out before their tokens expired: session id → the token's expiry. */
  signedOutSessions: Record<string, string>;
  /** When the current password was set, from which it expires (password-expiry.ts). */
  passwordSetAt: string | null;
  /** The current password was set by someone else and is to be changed at the next sign-in. */
  passwordChangeRequired: boolean;
  /** Staff's enrolled second factor, or null. */
  totp: TotpEnrollment | null;
}

export interface TotpEnrollment {
  secret: string;
  /** The hashes of the recovery codes not yet used. */
  recoveryCodeHashes: string[];
  enrolledAt: string;
  /** The time step of the last TOTP code that signed in, or null: codes of it and before are refused. */
  lastUsedStep: number | null;
}

/** A user as shown outside the domain: never with the password hash, the session ids nor the second factor. */
export type UserView = Omit<
  User,
  | 'passwordHash'
  | 'passwordHistory'
  | 'signedOutSessions'
  | 'passwordSetAt'
  | 'passwordChangeRequired'
  | 'totp'
>;

export function toUserView({
  passwordHash: _hash,
  passwordHistory: _history,
  signedOutSessions: _sessions,
  passwordSetAt: _setAt,
  passwordChangeRequired: _required,
  totp: _totp,
  ...view
}: User): UserView {
  return view;
}
