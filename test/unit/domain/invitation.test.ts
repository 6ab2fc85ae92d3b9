import { describe, it } from 'vitest';
import type { InvitationCommand, InviteVendor } from '../../../src/domain/invitation/commands.js';
import { invitationDecider } from '../../../src/domain/invitation/decider.js';
import type { InvitationEvent } from '../../../src/domain/invitation/events.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(invitationDecider);

const NEED = '01900000-0000-7000-8000-00000000a001';
const DEMANDER = '01900000-0000-7000-8000-00000000d001';
const VENDOR = '01900000-0000-7000-8000-00000000f001';
const OTHER_VENDOR = '01900000-0000-7000-8000-00000000f002';
const SOLUTION = '01900000-0000-7000-8000-00000000b001';
const FIRST = '01900000-0000-7000-8000-00000000c001';
const SECOND = '01900000-0000-7000-8000-00000000c002';
const ENGAGEMENT = '01900000-0000-7000-8000-00000000e001';

const owner: Actor = { userId: 'u-owner', orgId: DEMANDER, role: 'demander' };
const otherDemander: Actor = {
  userId: 'u-other',
  orgId: '01900000-0000-7000-8000-00000000d002',
  role: 'demander',
};
const staff: Actor = { userId: 'u-staff', orgId: null, role: 'staff' };
const vendor: Actor = { userId: 'u-vendor', orgId: VENDOR, role: 'vendor' };
const now = new Date('2025-03-01T08:00:00.000Z');
const at = now.toISOString();

type InviteData = InviteVendor['data'];
function invite(
  overrides: Partial<InviteData> = {},
  actor: Actor = owner,
  invitationId = FIRST,
): InvitationCommand {
  return {
    type: 'InviteVendor',
    data: {
      invitationId,
      need: { id: NEED, orgId: DEMANDER, status: 'published' },
      solution: { id: SOLUTION, vendorId: VENDOR, status: 'published' },
      vendor: { status: 'verified' },
      vendorEngaged: false,
      ...overrides,
    },
    context: { actor, now },
  };
}

const invited = (invitationId = FIRST, vendorId = VENDOR): InvitationEvent => ({
  type: 'VendorInvited',
  data: { invitationId, needId: NEED, vendorId, solutionId: SOLUTION, at },
});
const accepted = (invitationId = FIRST): InvitationEvent => ({
  type: 'InvitationAccepted',
  data: { invitationId, vendorId: VENDOR, engagementId: ENGAGEMENT, at },
});
const accept = (actor: Actor = vendor): InvitationCommand => ({
  type: 'AcceptInvitation',
  data: { vendorId: VENDOR, engagementId: ENGAGEMENT },
  context: { actor, now },
});

describe('InviteVendor', () => {
  it('invites the vendor behind a published solution to a published need of the owner', () =>
    spec([]).when(invite()).then([invited()]));
  it('is refused to a demander who does not own the need', () =>
    spec([]).when(invite({}, otherDemander)).thenThrows('invitation.not_need_owner', 403));
  it('is refused to staff, who recommend instead', () =>
    spec([]).when(invite({}, staff)).thenThrows('invitation.not_need_owner', 403));
  it('is refused to a vendor', () =>
    spec([]).when(invite({}, vendor)).thenThrows('invitation.not_need_owner', 403));
  for (const status of ['draft', 'submitted', 'approved', 'in_progress', 'fulfilled', 'closed']) {
    it(`is refused on a ${status} need`, () =>
      spec([])
        .when(invite({ need: { id: NEED, orgId: DEMANDER, status } }))
        .thenThrows('invitation.need_not_published', 409));
  }
  it('is refused for an unknown solution', () =>
    spec([])
      .when(invite({ solution: null }))
      .thenThrows('invitation.solution_not_found', 404));
  it('is refused for a solution that is not published', () =>
    spec([])
      .when(invite({ solution: { id: SOLUTION, vendorId: VENDOR, status: 'retired' } }))
      .thenThrows('invitation.solution_not_published', 409));
  it("is refused for the owner's own solution", () =>
    spec([])
      .when(invite({ solution: { id: SOLUTION, vendorId: DEMANDER, status: 'published' } }))
      .thenThrows('invitation.own_solution', 409));
  it('is refused for a vendor that is not verified', () =>
    spec([])
      .when(invite({ vendor: { status: 'suspended' } }))
      .thenThrows('invitation.vendor_not_verified', 409));
  it('is refused for a vendor that already applied or was recommended', () =>
    spec([])
      .when(invite({ vendorEngaged: true }))
      .thenThrows('invitation.vendor_engaged', 409));
  it('is refused while the vendor has an open invitation on the need', () =>
    spec([invited()])
      .when(invite({}, owner, SECOND))
      .thenThrows('invitation.already_open', 409));
  it('lets the owner invite another vendor meanwhile', () =>
    spec([invited(FIRST, OTHER_VENDOR)])
      .when(invite({}, owner, SECOND))
      .then([invited(SECOND)]));
  it('lets the owner invite the vendor again once it answered the last invitation', () =>
    spec([invited(), accepted()])
      .when(invite({}, owner, SECOND))
      .then([invited(SECOND)]));
});

describe('AcceptInvitation', () => {
  it("accepts the vendor's open invitation with the engagement it opened", () =>
    spec([invited()]).when(accept()).then([accepted()]));
  it('is a no-op when the vendor was not invited', () =>
    spec([invited(FIRST, OTHER_VENDOR)])
      .when(accept())
      .then([]));
  it('is a no-op once the invitation is accepted, so a repeated follow-up writes nothing', () =>
    spec([invited(), accepted()]).when(accept()).then([]));
  it('is refused to anyone but the invited vendor', () =>
    spec([invited()]).when(accept(owner)).thenThrows('invitation.not_vendor', 403));
});
