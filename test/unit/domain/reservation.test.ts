import { describe, it } from 'vitest';
import { usccReservation } from '../../../src/domain/organization/uscc-reservation.js';
import { RESERVATION_STALE_AFTER_MS } from '../../../src/domain/shared/reservation.js';
import { usernameReservation } from '../../../src/domain/user/username-reservation.js';
import { AT, anonymousActor, NOW, VALID_USCC } from './listing-fixtures.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(usccReservation);
const ORG = 'org-1';
const LATER = new Date(NOW.getTime() + RESERVATION_STALE_AFTER_MS);

const reserved = { type: 'UsccReserved' as const, data: { key: VALID_USCC, ownerId: ORG, at: AT } };
const released = { type: 'UsccReleased' as const, data: { key: VALID_USCC, ownerId: ORG, at: AT } };

const reserve = (ownerId: string, ownerExists = false, now = NOW) => ({
  type: 'Reserve' as const,
  data: { key: VALID_USCC, ownerId, ownerExists },
  context: { actor: anonymousActor, now },
});
const release = (ownerId: string) => ({
  type: 'Release' as const,
  data: { key: VALID_USCC, ownerId },
  context: { actor: anonymousActor, now: NOW },
});

describe('USCC reservation', () => {
  it('reserves a free USCC', () => spec([]).when(reserve(ORG)).then([reserved]));

  it('does nothing when the same organization reserves again', () =>
    spec([reserved]).when(reserve(ORG)).then([]));

  it('refuses a USCC another organization holds', () =>
    spec([reserved])
      .when(reserve('org-2', true, LATER))
      .thenThrows('organization.uscc_taken', 409));

  it('refuses a fresh claim even if its owner is not written yet (a registration in flight)', () =>
    spec([reserved]).when(reserve('org-2', false)).thenThrows('organization.uscc_taken', 409));

  it('takes over a stale claim whose owner never came to exist', () =>
    spec([reserved])
      .when(reserve('org-2', false, LATER))
      .then([
        { type: 'UsccReleased', data: { key: VALID_USCC, ownerId: ORG, at: LATER.toISOString() } },
        { type: 'UsccReserved', data: { key: VALID_USCC, ownerId: 'org-2', at: LATER.toISOString() } },
      ]));

  it('reserves a released USCC again', () =>
    spec([reserved, released])
      .when(reserve('org-2'))
      .then([{ type: 'UsccReserved', data: { key: VALID_USCC, ownerId: 'org-2', at: AT } }]));

  it('releases its own claim', () => spec([reserved]).when(release(ORG)).then([released]));

  it("never releases another organization's claim", () => spec([reserved]).when(release('org-2')).then([]));
});

describe('username reservation', () => {
  it('refuses a username another user holds', () =>
    deciderSpec(usernameReservation)([
      { type: 'UsernameReserved', data: { key: 'alice', ownerId: 'u1', at: AT } },
    ])
      .when({
        type: 'Reserve',
        data: { key: 'alice', ownerId: 'u2', ownerExists: true },
        context: { actor: anonymousActor, now: NOW },
      })
      .thenThrows('user.username_taken', 409));
});
