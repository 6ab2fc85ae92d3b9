import type { User } from './state.js';

/**
 * How long a password lasts, per kind of account: staff 90 days unless configured, members of
 * organizations without expiry unless configured. `null` is no expiry.
 */
export interface PasswordLifetimes {
  staffDays: number | null;
  organizationDays: number | null;
}

export const DEFAULT_STAFF_PASSWORD_DAYS = 90;

/** Why a user must change their password before signing in, or null when they need not. */
export type PasswordChangeReason = 'expired' | 'initial';

const DAY_MS = 86_400_000;

/**
 * An initial password (set by someone else) is due at once when `initialCounts`; an old enough password
 * is due under its account kind's lifetime. Accounts written before `passwordSetAt` existed count from
 * their registration, which evolve records in the same field.
 */
export function passwordChangeDue(
  user: Pick<User, 'role' | 'passwordSetAt' | 'passwordChangeRequired'>,
  lifetimes: PasswordLifetimes,
  now: Date,
  initialCounts: boolean,
): PasswordChangeReason | null {
  if (initialCounts && user.passwordChangeRequired) return 'initial';
  const days = user.role === 'staff' ? lifetimes.staffDays : lifetimes.organizationDays;
  if (days === null || user.passwordSetAt === null) return null;
  return now.getTime() >= Date.parse(user.passwordSetAt) + days * DAY_MS ? 'expired' : null;
}
