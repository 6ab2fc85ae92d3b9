export type InvitationStatus = 'open' | 'accepted';

export interface Invitation {
  id: string;
  needId: string;
  vendorId: string;
  solutionId: string;
  status: InvitationStatus;
  invitedAt: string;
  acceptedAt: string | null;
  /** The engagement the vendor opened by applying. */
  engagementId: string | null;
}

/** All invitations on one need, oldest first. */
export interface NeedInvitations {
  needId: string;
  invitations: Invitation[];
}

/** The vendor's invitation still waiting for it to apply, if any. */
export function openInvitationOf(state: NeedInvitations, vendorId: string): Invitation | undefined {
  return state.invitations.find(
    (invitation) => invitation.vendorId === vendorId && invitation.status === 'open',
  );
}
