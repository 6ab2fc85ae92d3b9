import { reservationDecider } from '../shared/reservation.js';
import { organizationError } from './messages.js';

export function usccStream(uscc: string): string {
  return `uscc-${uscc}`;
}

export const usccReservation = reservationDecider({ claimed: 'UsccReserved', released: 'UsccReleased' }, () =>
  organizationError('organization.uscc_taken'),
);
