import { describe, it } from 'vitest';
import type { AttachFile, AttachmentCommand, ListingFact } from '../../../src/domain/attachment/commands.js';
import { attachmentDecider } from '../../../src/domain/attachment/decider.js';
import type { AttachmentAdded, AttachmentEvent } from '../../../src/domain/attachment/events.js';
import { MAX_ATTACHMENT_BYTES } from '../../../src/domain/attachment/limits.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(attachmentDecider);

const NEED = '01900000-0000-7000-8000-00000000a001';
const DEMANDER = '01900000-0000-7000-8000-00000000d001';
const FIRST = '01900000-0000-7000-8000-00000000c001';
const SECOND = '01900000-0000-7000-8000-00000000c002';

const owner: Actor = { userId: 'u-owner', orgId: DEMANDER, role: 'demander' };
const otherDemander: Actor = {
  userId: 'u-other',
  orgId: '01900000-0000-7000-8000-00000000d002',
  role: 'demander',
};
const staff: Actor = { userId: 'u-staff', orgId: null, role: 'staff' };
const now = new Date('2025-03-01T08:00:00.000Z');
const at = now.toISOString();

const draftNeed: ListingFact = { kind: 'need', id: NEED, ownerOrgId: DEMANDER, status: 'draft' };
const file: AttachFile['data']['file'] = {
  name: '需求说明.pdf',
  size: 2048,
  type: 'pdf',
  sha256: 'a'.repeat(64),
};

function attach(
  overrides: Partial<AttachFile['data']['file']> = {},
  options: { actor?: Actor; listing?: ListingFact; attachmentId?: string } = {},
): AttachmentCommand {
  return {
    type: 'AttachFile',
    data: {
      attachmentId: options.attachmentId ?? FIRST,
      listing: options.listing ?? draftNeed,
      file: { ...file, ...overrides },
    },
    context: { actor: options.actor ?? owner, now },
  };
}
const remove = (attachmentId = FIRST, actor: Actor = owner, listing = draftNeed): AttachmentCommand => ({
  type: 'RemoveAttachment',
  data: { attachmentId, listing },
  context: { actor, now },
});

const added = (overrides: Partial<AttachmentAdded['data']> = {}): AttachmentEvent => ({
  type: 'AttachmentAdded',
  data: {
    attachmentId: FIRST,
    listingKind: 'need',
    listingId: NEED,
    name: file.name,
    size: file.size,
    type: 'pdf',
    sha256: file.sha256,
    userId: owner.userId,
    at,
    ...overrides,
  },
});
const removed = (attachmentId = FIRST): AttachmentEvent => ({
  type: 'AttachmentRemoved',
  data: { attachmentId, listingKind: 'need', listingId: NEED, at },
});

describe('AttachFile', () => {
  it("records a PDF on the owner's draft need: metadata only", () => spec([]).when(attach()).then([added()]));
  it('records it on a rejected need too, which the owner may edit', () =>
    spec([])
      .when(attach({}, { listing: { ...draftNeed, status: 'rejected' } }))
      .then([added()]));
  it('keeps only the name, not the folders an old browser sends', () =>
    spec([])
      .when(attach({ name: 'C:\\资料\\需求说明.pdf' }))
      .then([added()]));
  it('is refused to another organization', () =>
    spec([])
      .when(attach({}, { actor: otherDemander }))
      .thenThrows('attachment.not_owner', 403));
  it('is refused to staff, who do not own listings', () =>
    spec([])
      .when(attach({}, { actor: staff }))
      .thenThrows('attachment.not_owner', 403));
  for (const status of ['submitted', 'approved', 'published', 'closed']) {
    it(`is refused on a ${status} need, which its owner may not edit either`, () =>
      spec([])
        .when(attach({}, { listing: { ...draftNeed, status } }))
        .thenThrows('attachment.listing_not_editable', 409));
  }
  it('refuses a file whose bytes are none of the allowed types', () =>
    spec([])
      .when(attach({ type: null }))
      .thenThrows('validation', 422));
  it('refuses a name whose ending does not fit the bytes (a PNG named .pdf)', () =>
    spec([])
      .when(attach({ type: 'png' }))
      .thenThrows('validation', 422));
  it('takes .jpg and .jpeg for a JPEG', () =>
    spec([])
      .when(attach({ type: 'jpeg', name: '现场.JPG' }))
      .then([added({ name: '现场.JPG', type: 'jpeg' })]));
  it('refuses an empty file', () =>
    spec([])
      .when(attach({ size: 0 }))
      .thenThrows('validation', 422));
  it('takes a file of exactly 20 MB and refuses one byte more', () => {
    spec([])
      .when(attach({ size: MAX_ATTACHMENT_BYTES }))
      .then([added({ size: MAX_ATTACHMENT_BYTES })]);
    spec([])
      .when(attach({ size: MAX_ATTACHMENT_BYTES + 1 }))
      .thenThrows('validation', 422);
  });
  it('refuses a missing name and a name with control characters', () => {
    spec([])
      .when(attach({ name: '  ' }))
      .thenThrows('validation', 422);
    spec([])
      .when(attach({ name: '说明\u0000.pdf' }))
      .thenThrows('validation', 422);
  });
  it('refuses the same bytes twice on one listing', () =>
    spec([added()])
      .when(attach({ name: '副本.pdf' }, { attachmentId: SECOND }))
      .thenThrows('attachment.duplicate', 409));
  it('takes at most 10 files', () => {
    const ten = Array.from({ length: 10 }, (_, i) =>
      added({ attachmentId: `id-${i}`, sha256: String(i).repeat(64) }),
    );
    spec(ten)
      .when(attach({}, { attachmentId: SECOND }))
      .thenThrows('attachment.too_many', 409);
    spec([...ten, removed('id-3')])
      .when(attach({}, { attachmentId: SECOND }))
      .then([added({ attachmentId: SECOND })]);
  });
});

describe('RemoveAttachment', () => {
  it('removes a file of the owner’s draft need', () => spec([added()]).when(remove()).then([removed()]));
  it('is refused to another organization', () =>
    spec([added()]).when(remove(FIRST, otherDemander)).thenThrows('attachment.not_owner', 403));
  it('is refused once the need is under review', () =>
    spec([added()])
      .when(remove(FIRST, owner, { ...draftNeed, status: 'submitted' }))
      .thenThrows('attachment.listing_not_editable', 409));
  it('is a 404 for a file that is not there (or was removed)', () => {
    spec([]).when(remove()).thenThrows('attachment.not_found', 404);
    spec([added(), removed()]).when(remove()).thenThrows('attachment.not_found', 404);
  });
});
