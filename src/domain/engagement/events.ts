import type { DomainEvent } from '../shared/decider.js';

/** The two parties: the demander owns the need, the vendor owns the solution. */
export type Side = 'demander' | 'vendor';

type Opening = {
  engagementId: string;
  needId: string;
  needOrgId: string;
  solutionId: string;
  vendorId: string;
  at: string;
};

/** 揭榜: a vendor takes up a published need with one of its published solutions. */
export type EngagementApplied = DomainEvent<
  'EngagementApplied',
  Opening & { proposal: string; quoteWan: number }
>;
/** Staff (or a match round acting as staff) put a solution in front of the need owner. */
export type EngagementRecommended = DomainEvent<'EngagementRecommended', Opening>;
export type EngagementRecommendationAccepted = DomainEvent<
  'EngagementRecommendationAccepted',
  { proposal: string; quoteWan: number; at: string }
>;
/**
 * `shareContact`: the demander consented to show its contact details to the vendor. Absent on engagements
 * shortlisted before the consent was asked, which showed the contact then: they are read as shared.
 */
export type EngagementShortlisted = DomainEvent<
  'EngagementShortlisted',
  { shareContact?: boolean; at: string }
>;
export type EngagementDeclined = DomainEvent<'EngagementDeclined', { reason: string; at: string }>;
export type EngagementWithdrawn = DomainEvent<'EngagementWithdrawn', { reason: string | null; at: string }>;
export type EngagementMeetingScheduled = DomainEvent<
  'EngagementMeetingScheduled',
  { meetingAt: string; location: string; scheduledBy: Side; at: string }
>;
/** One side's signature; `EngagementSigned` follows in the same append once both sides have signed. */
export type EngagementSignatureAdded = DomainEvent<
  'EngagementSignatureAdded',
  { side: Side; amountWan: number; at: string }
>;
/** A side took back its amount before both matched (a typo, or a figure the other side disputes). */
export type EngagementSignatureWithdrawn = DomainEvent<
  'EngagementSignatureWithdrawn',
  { side: Side; at: string }
>;
/**
 * `pilot`: signed as a pilot agreement under the need's race (赛马); absent on engagements signed without
 * one, which take the need into implementation at once.
 */
export type EngagementSigned = DomainEvent<
  'EngagementSigned',
  { amountWan: number; pilot?: boolean; at: string }
>;
export type EngagementDelivered = DomainEvent<'EngagementDelivered', { at: string }>;
/** `side` is who gives the rating: the demander rates the vendor and the vendor rates the demander. */
export type EngagementRated = DomainEvent<
  'EngagementRated',
  { side: Side; score: number; comment: string; at: string }
>;

/**
 * The race this pilot ran in was decided: `selected` goes on as a signed engagement (delivery, rating),
 * `not_selected` ends here (试点结束（未入选）).
 */
export type EngagementPilotConcluded = DomainEvent<
  'EngagementPilotConcluded',
  { outcome: PilotOutcome; at: string }
>;
export type PilotOutcome = 'selected' | 'not_selected';

export type EngagementEvent =
  | EngagementApplied
  | EngagementRecommended
  | EngagementRecommendationAccepted
  | EngagementShortlisted
  | EngagementDeclined
  | EngagementWithdrawn
  | EngagementMeetingScheduled
  | EngagementSignatureAdded
  | EngagementSignatureWithdrawn
  | EngagementSigned
  | EngagementDelivered
  | EngagementRated
  | EngagementPilotConcluded;
