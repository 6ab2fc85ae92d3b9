import { reservationDecider } from '../shared/reservation.js';
import { userError } from './messages.js';

/** Usernames are unique regardless of case: `Alice` and `alice` are one name. */
export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

export function usernameStream(username: string): string {
  return `username-${usernameKey(username)}`;
}

export const usernameReservation = reservationDecider(
  { claimed: 'UsernameReserved', released: 'UsernameReleased' },
  () => userError('user.username_taken'),
);
