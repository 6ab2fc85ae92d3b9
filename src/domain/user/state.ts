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
}

/** A user as shown outside the domain: never with the password hash. */
export type UserView = Omit<User, 'passwordHash'>;

export function toUserView({ passwordHash: _hash, ...view }: User): UserView {
  return view;
}
