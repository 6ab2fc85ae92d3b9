import type { Command, Decider, DomainEvent } from './decider.js';
import type { DomainError } from './errors.js';

/**
 * Uniqueness without a scan: a value (a USCC, a username) is claimed by appending to a stream named after
 * it, so two claims of one value race on one stream and the store's revision check picks the winner.
 * A claim can be released (a registration that failed half-way gives its values back). A claim whose owner
 * never came to exist (the process died between the claim and the owner's first event) goes stale after
 * `RESERVATION_STALE_AFTER_MS` and may then be taken over, so a crash cannot lock a value away for good.
 */
export const RESERVATION_STALE_AFTER_MS = 10 * 60 * 1000;

export type ReservationData = { key: string; ownerId: string; at: string };

export type ReservationEvent<Claimed extends string, Released extends string> =
  | DomainEvent<Claimed, ReservationData>
  | DomainEvent<Released, ReservationData>;

/** `ownerExists`: whether the current holder's own stream has events (loaded by the service). */
export type ReservationCommand =
  | Command<'Reserve', { key: string; ownerId: string; ownerExists: boolean }>
  | Command<'Release', { key: string; ownerId: string }>;

export interface Reservation {
  key: string | null;
  ownerId: string | null;
  reservedAt: string | null;
}

export function reservationDecider<Claimed extends string, Released extends string>(
  types: { claimed: Claimed; released: Released },
  taken: () => DomainError,
): Decider<Reservation, ReservationCommand, ReservationEvent<Claimed, Released>> {
  type Event = ReservationEvent<Claimed, Released>;
  const claimed = (data: ReservationData): Event => ({ type: types.claimed, data });
  const released = (data: ReservationData): Event => ({ type: types.released, data });

  function initialState(): Reservation {
    return { key: null, ownerId: null, reservedAt: null };
  }

  function decide(command: ReservationCommand, state: Reservation): Event[] {
    const at = command.context.now.toISOString();
    const { key, ownerId } = command.data;
    if (command.type === 'Release') {
      return state.ownerId === ownerId ? [released({ key, ownerId, at })] : [];
    }
    if (state.ownerId === null) return [claimed({ key, ownerId, at })];
    if (state.ownerId === ownerId) return [];
    const age = command.context.now.getTime() - Date.parse(state.reservedAt ?? at);
    if (command.data.ownerExists || age < RESERVATION_STALE_AFTER_MS) throw taken();
    return [released({ key, ownerId: state.ownerId, at }), claimed({ key, ownerId, at })];
  }

  function evolve(state: Reservation, event: Event): Reservation {
    if (event.type === types.claimed) {
      return { key: event.data.key, ownerId: event.data.ownerId, reservedAt: event.data.at };
    }
    return { ...state, ownerId: null, reservedAt: null };
  }

  return { decide, evolve, initialState };
}
