import type { DomainEvent } from '../shared/decider.js';

/**
 * Staff named the need's review panel: `expertIds` is the whole panel now, `added` those not on it before
 * (they are told). An expert taken off keeps the review already given, which no longer counts.
 */
export type NeedPanelSet = DomainEvent<
  'NeedPanelSet',
  { needId: string; expertIds: string[]; added: string[]; at: string }
>;

export type PanelEvent = NeedPanelSet;
