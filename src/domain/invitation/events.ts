import type { DomainEvent } from '../shared/decider.js';

/** The need's owner invites the vendor behind one of its published solutions to take the need up (揭榜). */
export type VendorInvited = DomainEvent<
  'VendorInvited',
  { invitationId: string; needId: string; vendorId: string; solutionId: string; at: string }
>;
/** The invited vendor applied to the need: the invitation is answered by that engagement. */
export type InvitationAccepted = DomainEvent<
  'InvitationAccepted',
  { invitationId: string; vendorId: string; engagementId: string; at: string }
>;

export type InvitationEvent = VendorInvited | InvitationAccepted;
