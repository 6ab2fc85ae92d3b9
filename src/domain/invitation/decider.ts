import type { Decider } from '../shared/decider.js';
import type { AcceptInvitation, InvitationCommand, InviteVendor } from './commands.js';
import type { InvitationEvent } from './events.js';
import { invitationError } from './messages.js';
import type { NeedInvitations } from './state.js';
import { openInvitationOf } from './state.js';

function initialState(): NeedInvitations {
  return { needId: '', invitations: [] };
}

function invite({ data, context }: InviteVendor, state: NeedInvitations): InvitationEvent[] {
  const { actor } = context;
  const { need, solution } = data;
  // Staff put solutions in front of a need by recommending them; inviting is the owner's own choice.
  if (actor.role !== 'demander' || actor.orgId !== need.orgId)
    throw invitationError('invitation.not_need_owner');
  if (need.status !== 'published')
    throw invitationError('invitation.need_not_published', { status: need.status });
  if (!solution) throw invitationError('invitation.solution_not_found', { path: 'solutionId' });
  if (solution.vendorId === need.orgId)
    throw invitationError('invitation.own_solution', { path: 'solutionId' });
  if (solution.status !== 'published') throw invitationError('invitation.solution_not_published');
  if (data.vendor.status !== 'verified') throw invitationError('invitation.vendor_not_verified');
  if (data.vendorEngaged) throw invitationError('invitation.vendor_engaged');
  const open = openInvitationOf(state, solution.vendorId);
  if (open) throw invitationError('invitation.already_open', { invitationId: open.id });
  return [
    {
      type: 'VendorInvited',
      data: {
        invitationId: data.invitationId,
        needId: need.id,
        vendorId: solution.vendorId,
        solutionId: solution.id,
        at: context.now.toISOString(),
      },
    },
  ];
}

function accept({ data, context }: AcceptInvitation, state: NeedInvitations): InvitationEvent[] {
  if (context.actor.role !== 'vendor' || context.actor.orgId !== data.vendorId) {
    throw invitationError('invitation.not_vendor');
  }
  const open = openInvitationOf(state, data.vendorId);
  if (!open) return [];
  return [
    {
      type: 'InvitationAccepted',
      data: {
        invitationId: open.id,
        vendorId: data.vendorId,
        engagementId: data.engagementId,
        at: context.now.toISOString(),
      },
    },
  ];
}

function decide(command: InvitationCommand, state: NeedInvitations): InvitationEvent[] {
  return command.type === 'InviteVendor' ? invite(command, state) : accept(command, state);
}

function evolve(state: NeedInvitations, event: InvitationEvent): NeedInvitations {
  switch (event.type) {
    case 'VendorInvited': {
      const { invitationId, needId, vendorId, solutionId, at } = event.data;
      const invitation = {
        id: invitationId,
        needId,
        vendorId,
        solutionId,
        status: 'open' as const,
        invitedAt: at,
        acceptedAt: null,
        engagementId: null,
      };
      return { needId, invitations: [...state.invitations, invitation] };
    }
    case 'InvitationAccepted': {
      const { invitationId, engagementId, at } = event.data;
      const invitations = state.invitations.map((invitation) =>
        invitation.id === invitationId
          ? { ...invitation, status: 'accepted' as const, acceptedAt: at, engagementId }
          : invitation,
      );
      return { ...state, invitations };
    }
  }
}

export const invitationDecider: Decider<NeedInvitations, InvitationCommand, InvitationEvent> = {
  decide,
  evolve,
  initialState,
};
