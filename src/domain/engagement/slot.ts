import type { Command, Decider, DomainEvent } from '../shared/decider.js';
import { engagementError } from './messages.js';
import type { EngagementStatus } from './state.js';
import { ENDED_STATUSES } from './state.js';

/**
 * The reservation that keeps one open engagement per need and vendor: the stream
 * `engagement-slot-<needId>-<vendorId>` names its current holder, and a new engagement may only be
 * opened by appending a reservation at the revision read, so two racing applications cannot both win.
 */
export const engagementSlotStream = (needId: string, vendorId: string) =>
  `engagement-slot-${needId}-${vendorId}`;

export interface SlotState {
  holder: { engagementId: string; reservedAt: string } | null;
}

/**
 * The reservation is appended before the engagement itself; a process that dies between the two leaves
 * a holder without a stream. After this long such a holder counts as abandoned.
 */
export const ABANDONED_RESERVATION_MS = 60_000;

export type EngagementSlotReserved = DomainEvent<
  'EngagementSlotReserved',
  { engagementId: string; needId: string; vendorId: string; at: string }
>;
export type EngagementSlotReleased = DomainEvent<
  'EngagementSlotReleased',
  { engagementId: string; at: string }
>;
export type SlotEvent = EngagementSlotReserved | EngagementSlotReleased;

export type ReserveEngagementSlot = Command<
  'ReserveEngagementSlot',
  {
    engagementId: string;
    needId: string;
    vendorId: string;
    /** The status of the current holder's engagement as the service read it ('initial': no stream yet). */
    holder: { engagementId: string; status: EngagementStatus } | null;
  }
>;
export type ReleaseEngagementSlot = Command<'ReleaseEngagementSlot', { engagementId: string }>;
export type SlotCommand = ReserveEngagementSlot | ReleaseEngagementSlot;

function holderIsGone(command: ReserveEngagementSlot, holder: NonNullable<SlotState['holder']>): boolean {
  const fact = command.data.holder;
  // A fact about another engagement was read before a concurrent reservation: it says nothing about this holder.
  if (!fact || fact.engagementId !== holder.engagementId) return false;
  if (ENDED_STATUSES.has(fact.status)) return true;
  const age = command.context.now.getTime() - Date.parse(holder.reservedAt);
  return fact.status === 'initial' && age >= ABANDONED_RESERVATION_MS;
}

function initialState(): SlotState {
  return { holder: null };
}

function decide(command: SlotCommand, state: SlotState): SlotEvent[] {
  const at = command.context.now.toISOString();
  const { holder } = state;
  if (command.type === 'ReleaseEngagementSlot') {
    if (holder?.engagementId !== command.data.engagementId) return [];
    return [{ type: 'EngagementSlotReleased', data: { engagementId: command.data.engagementId, at } }];
  }
  const { engagementId, needId, vendorId } = command.data;
  if (holder?.engagementId === engagementId) return [];
  if (holder && !holderIsGone(command, holder)) {
    throw engagementError('engagement.already_open', { engagementId: holder.engagementId });
  }
  return [{ type: 'EngagementSlotReserved', data: { engagementId, needId, vendorId, at } }];
}

function evolve(state: SlotState, event: SlotEvent): SlotState {
  switch (event.type) {
    case 'EngagementSlotReserved':
      return { holder: { engagementId: event.data.engagementId, reservedAt: event.data.at } };
    case 'EngagementSlotReleased':
      return state.holder?.engagementId === event.data.engagementId ? { holder: null } : state;
  }
}

export const slotDecider: Decider<SlotState, SlotCommand, SlotEvent> = { decide, evolve, initialState };
