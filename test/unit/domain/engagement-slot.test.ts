import { describe, it } from 'vitest';
import type { SlotCommand, SlotEvent } from '../../../src/domain/engagement/slot.js';
import { ABANDONED_RESERVATION_MS, slotDecider } from '../../../src/domain/engagement/slot.js';
import type { EngagementStatus } from '../../../src/domain/engagement/state.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(slotDecider);

const NEED = '01900000-0000-7000-8000-00000000a001';
const VENDOR = '01900000-0000-7000-8000-00000000f001';
const FIRST = '01900000-0000-7000-8000-00000000e001';
const SECOND = '01900000-0000-7000-8000-00000000e002';
const vendor: Actor = { userId: 'u-vendor', orgId: VENDOR, role: 'vendor' };
const reservedAt = '2025-03-01T08:00:00.000Z';
const soon = new Date(Date.parse(reservedAt) + 1000);
const later = new Date(Date.parse(reservedAt) + ABANDONED_RESERVATION_MS);

const reserved = (engagementId: string, at = reservedAt): SlotEvent => ({
  type: 'EngagementSlotReserved',
  data: { engagementId, needId: NEED, vendorId: VENDOR, at },
});

function reserve(
  engagementId: string,
  holderStatus: EngagementStatus | null,
  now = soon,
  holderId = FIRST,
): SlotCommand {
  const holder = holderStatus === null ? null : { engagementId: holderId, status: holderStatus };
  return {
    type: 'ReserveEngagementSlot',
    data: { engagementId, needId: NEED, vendorId: VENDOR, holder },
    context: { actor: vendor, now },
  };
}

const release = (engagementId: string): SlotCommand => ({
  type: 'ReleaseEngagementSlot',
  data: { engagementId },
  context: { actor: vendor, now: soon },
});

describe('ReserveEngagementSlot', () => {
  it('takes a free slot', () =>
    spec([])
      .when(reserve(FIRST, null))
      .then([reserved(FIRST, soon.toISOString())]));
  it('is a no-op for the engagement that holds it', () =>
    spec([reserved(FIRST)])
      .when(reserve(FIRST, 'applied'))
      .then([]));
  it('is refused while the holder is open', () =>
    spec([reserved(FIRST)])
      .when(reserve(SECOND, 'shortlisted'))
      .thenThrows('engagement.already_open', 409));
  it('is refused while the holder is being written', () =>
    spec([reserved(FIRST)])
      .when(reserve(SECOND, 'initial'))
      .thenThrows('engagement.already_open', 409));
  it('is refused on a fact about another engagement', () =>
    spec([reserved(FIRST)])
      .when(reserve(SECOND, 'withdrawn', soon, SECOND))
      .thenThrows('engagement.already_open', 409));
  it('is refused while the holder is signed', () =>
    spec([reserved(FIRST)])
      .when(reserve(SECOND, 'delivered'))
      .thenThrows('engagement.already_open', 409));
  it('takes over from a holder that ended but was not released', () =>
    spec([reserved(FIRST)])
      .when(reserve(SECOND, 'declined'))
      .then([reserved(SECOND, soon.toISOString())]));
  it('takes over from a holder whose engagement never came to exist', () =>
    spec([reserved(FIRST)])
      .when(reserve(SECOND, 'initial', later))
      .then([reserved(SECOND, later.toISOString())]));
  it('takes a released slot', () =>
    spec([reserved(FIRST), { type: 'EngagementSlotReleased', data: { engagementId: FIRST, at: reservedAt } }])
      .when(reserve(SECOND, null))
      .then([reserved(SECOND, soon.toISOString())]));
});

describe('ReleaseEngagementSlot', () => {
  it('frees the slot held by the engagement', () =>
    spec([reserved(FIRST)])
      .when(release(FIRST))
      .then([{ type: 'EngagementSlotReleased', data: { engagementId: FIRST, at: soon.toISOString() } }]));
  it('leaves a slot held by another engagement alone', () =>
    spec([reserved(SECOND)])
      .when(release(FIRST))
      .then([]));
  it('is a no-op on a free slot', () => spec([]).when(release(FIRST)).then([]));
});
