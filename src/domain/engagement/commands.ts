import { z } from 'zod';
import type { OrganizationStatus } from '../organization/state.js';
import type { Command } from '../shared/decider.js';
import { chosenId, multilineText, plainText, reasonSchema, text } from '../shared/fields.js';
import { wanAmountSchema } from '../shared/money.js';
import { engagementFieldMessages } from './messages.js';

const proposal = multilineText('揭榜方案说明', { min: 10, max: 2000 });

/** POST /api/v1/needs/:id/applications (揭榜). */
export const applyToNeedInput = z.strictObject({
  solutionId: chosenId('揭榜方案'),
  proposal,
  quoteWan: wanAmountSchema,
});
export type ApplyToNeedInput = z.output<typeof applyToNeedInput>;

/** POST /api/v1/needs/:id/recommendations. */
export const recommendSolutionInput = z.strictObject({ solutionId: chosenId('推荐方案') });
export type RecommendSolutionInput = z.output<typeof recommendSolutionInput>;

/** POST /api/v1/engagements/:id/accept: the vendor takes up a recommendation with its own proposal. */
export const acceptRecommendationInput = z.strictObject({ proposal, quoteWan: wanAmountSchema });
export type AcceptRecommendationInput = z.output<typeof acceptRecommendationInput>;

/**
 * POST /api/v1/engagements/:id/shortlist: `shareContact` is the demander's separate consent (PIPL) to show
 * its contact details to this vendor; without it the vendor is shortlisted but does not see them.
 */
export const shortlistEngagementInput = z.strictObject({
  shareContact: z.boolean({ error: engagementFieldMessages.shareContact }).default(false),
});
export type ShortlistEngagementInput = z.output<typeof shortlistEngagementInput>;

export const declineEngagementInput = reasonSchema;
export type DeclineEngagementInput = z.output<typeof declineEngagementInput>;

export const withdrawEngagementInput = z.strictObject({
  reason: multilineText('原因', { min: 2, max: 500 }).optional(),
});
export type WithdrawEngagementInput = z.output<typeof withdrawEngagementInput>;

export const scheduleMeetingInput = z.strictObject({
  at: z.iso.datetime({ offset: true, error: engagementFieldMessages.meetingAt }),
  location: text('约谈地点', { min: 2, max: 200 }),
});
export type ScheduleMeetingInput = z.output<typeof scheduleMeetingInput>;

export const signEngagementInput = z.strictObject({ amountWan: wanAmountSchema });
export type SignEngagementInput = z.output<typeof signEngagementInput>;

export const rateEngagementInput = z.strictObject({
  score: z
    .int(engagementFieldMessages.score)
    .min(1, engagementFieldMessages.score)
    .max(5, engagementFieldMessages.score),
  comment: z
    .string()
    .trim()
    .max(500, engagementFieldMessages.comment)
    .refine(...plainText('评价', 'multi'))
    .default(''),
});
export type RateEngagementInput = z.output<typeof rateEngagementInput>;

/** Facts from other streams, loaded by the service so that the decider stays pure. */
export interface NeedFact {
  id: string;
  orgId: string;
  status: string;
  /** The demander's status: no one takes up the need of an organization out of the market. */
  orgStatus: OrganizationStatus;
}
export interface SolutionFact {
  id: string;
  vendorId: string;
  status: string;
}
export interface VendorFact {
  status: string;
}

type Opening = { engagementId: string; need: NeedFact; solution: SolutionFact; vendor: VendorFact };

export type ApplyToNeed = Command<'ApplyToNeed', Opening & { proposal: string; quoteWan: number }>;
export type RecommendSolution = Command<'RecommendSolution', Opening>;
export type AcceptRecommendation = Command<'AcceptRecommendation', { proposal: string; quoteWan: number }>;
export type ShortlistEngagement = Command<'ShortlistEngagement', { shareContact: boolean }>;
export type DeclineEngagement = Command<'DeclineEngagement', { reason: string }>;
export type WithdrawEngagement = Command<'WithdrawEngagement', { reason: string | null }>;
export type ScheduleMeeting = Command<'ScheduleMeeting', { meetingAt: string; location: string }>;
/**
 * `need.race`: the need's race (赛马) with how many pilots it has signed; absent when the need has none, and
 * then the engagement signs as before.
 */
export type SignEngagement = Command<
  'SignEngagement',
  { amountWan: number; need: { status: string; race?: { maxParallel: number; pilotsSigned: number } } }
>;
/** A side takes back its contract amount before the engagement is signed, to enter it again. */
export type WithdrawSignature = Command<'WithdrawSignature', Record<string, never>>;
export type ConfirmDelivery = Command<'ConfirmDelivery', Record<string, never>>;
export type RateEngagement = Command<'RateEngagement', { score: number; comment: string }>;
/** Issued by the need's selection: the fact is which pilot the demander selected. */
export type ConcludePilot = Command<'ConcludePilot', { selectedEngagementId: string }>;

export type EngagementCommand =
  | ApplyToNeed
  | RecommendSolution
  | AcceptRecommendation
  | ShortlistEngagement
  | DeclineEngagement
  | WithdrawEngagement
  | ScheduleMeeting
  | SignEngagement
  | WithdrawSignature
  | ConfirmDelivery
  | RateEngagement
  | ConcludePilot;
