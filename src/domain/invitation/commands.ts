import { z } from 'zod';
import type { Command } from '../shared/decider.js';
import { idSchema } from '../shared/fields.js';

/** POST /api/v1/needs/:id/invitations. */
export const inviteVendorInput = z.strictObject({ solutionId: idSchema });
export type InviteVendorInput = z.output<typeof inviteVendorInput>;

/** Facts from other streams, loaded by the service so that the decider stays pure. */
export interface InvitedNeedFact {
  id: string;
  orgId: string;
  status: string;
}
export interface InvitedSolutionFact {
  id: string;
  vendorId: string;
  status: string;
}

export type InviteVendor = Command<
  'InviteVendor',
  {
    invitationId: string;
    need: InvitedNeedFact;
    /** null when no such solution exists. */
    solution: InvitedSolutionFact | null;
    vendor: { status: string };
    /** Whether the vendor already has an open engagement (applied or recommended) on the need. */
    vendorEngaged: boolean;
  }
>;

/** Follows the vendor's application (揭榜); a no-op when the vendor had no open invitation. */
export type AcceptInvitation = Command<'AcceptInvitation', { vendorId: string; engagementId: string }>;

export type InvitationCommand = InviteVendor | AcceptInvitation;
