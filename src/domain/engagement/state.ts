import type { PilotOutcome, Side } from './events.js';

/**
 * recommended|applied → shortlisted → meeting_scheduled → signed → delivered → rated (both sides rated);
 * declined (need owner) or withdrawn (vendor) from any state before signed. Under a race (赛马) signed is a
 * pilot: selected, it goes on to delivered; not selected, it ends in pilot_ended.
 */
export type EngagementStatus =
  | 'initial'
  | 'recommended'
  | 'applied'
  | 'shortlisted'
  | 'meeting_scheduled'
  | 'signed'
  | 'delivered'
  | 'rated'
  | 'declined'
  | 'withdrawn'
  | 'pilot_ended';

export const ENDED_STATUSES: ReadonlySet<EngagementStatus> = new Set([
  'declined',
  'withdrawn',
  'pilot_ended',
]);
/** Statuses from which the engagement can still be declined or withdrawn. */
export const UNSIGNED_STATUSES: ReadonlySet<EngagementStatus> = new Set([
  'recommended',
  'applied',
  'shortlisted',
  'meeting_scheduled',
]);

export interface Signature {
  amountWan: number;
  at: string;
}

export interface Rating {
  score: number;
  comment: string;
  at: string;
}

export interface EngagementState {
  status: EngagementStatus;
  id: string;
  needId: string;
  /** The demander: the org that owns the need. */
  needOrgId: string;
  solutionId: string;
  vendorId: string;
  origin: 'applied' | 'recommended' | null;
  proposal: string | null;
  quoteWan: number | null;
  /** Whether the demander consented, when shortlisting, to show the vendor its contact details. */
  contactShared: boolean;
  meeting: { at: string; location: string; scheduledBy: Side } | null;
  signatures: Partial<Record<Side, Signature>>;
  amountWan: number | null;
  signedAt: string | null;
  /** Signed as a pilot under the need's race (赛马). */
  pilot: boolean;
  /** How the race ended for this pilot; null while it runs, and on engagements that are no pilot. */
  pilotOutcome: PilotOutcome | null;
  deliveredAt: string | null;
  /** Keyed by who rated. */
  ratings: Partial<Record<Side, Rating>>;
  declineReason: string | null;
  withdrawReason: string | null;
  /** Every status the engagement went through, with when. */
  history: { status: EngagementStatus; at: string }[];
  createdAt: string | null;
  updatedAt: string | null;
}
