import type { CommandContext } from '../shared/actor.js';
import type { Decider } from '../shared/decider.js';
import { ValidationError } from '../shared/errors.js';
import { isPlainText } from '../shared/fields.js';
import type { AttachFile, AttachmentCommand, ListingFact, RemoveAttachment } from './commands.js';
import type { AttachmentEvent } from './events.js';
import { ATTACHMENT_TYPES, extensionOf } from './file-types.js';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_NAME_LENGTH, MAX_ATTACHMENTS_PER_LISTING } from './limits.js';
import { attachmentError, attachmentFieldMessages as m } from './messages.js';
import { EDITABLE_LISTING_STATUSES, type ListingAttachments } from './state.js';

/**
 * The name as a person gave it, without the folders some browsers send along ("C:\\资料\\方案.pdf").
 */
export function attachmentName(raw: string): string {
  return (raw.split(/[\\/]/).at(-1) ?? '').trim();
}

/** Files are the listing's content: its organization changes them, and only while it may edit the listing. */
function requireEditableByActor(context: CommandContext, listing: ListingFact): void {
  if (!context.actor.orgId || context.actor.orgId !== listing.ownerOrgId)
    throw attachmentError.notOwner(listing.kind);
  if (!EDITABLE_LISTING_STATUSES.has(listing.status)) throw attachmentError.notEditable(listing.kind);
}

const fileError = (message: string) => new ValidationError([{ path: 'file', message }], message);

function attach({ data, context }: AttachFile, state: ListingAttachments): AttachmentEvent[] {
  const { listing, file } = data;
  requireEditableByActor(context, listing);
  const name = attachmentName(file.name);
  if (!name) throw fileError(m.missing);
  if (name.length > MAX_ATTACHMENT_NAME_LENGTH) throw fileError(m.nameTooLong);
  if (!isPlainText(name, 'single')) throw fileError(m.nameNotText);
  if (file.size === 0) throw fileError(m.empty(name));
  if (file.size > MAX_ATTACHMENT_BYTES) throw fileError(m.tooLarge(name, file.size));
  if (!file.type) throw fileError(m.wrongType(name));
  if (!ATTACHMENT_TYPES[file.type].extensions.includes(extensionOf(name)))
    throw fileError(m.wrongExtension(name, file.type));
  const same = state.attachments.find((attachment) => attachment.sha256 === file.sha256);
  if (same) throw attachmentError.duplicate(same.name);
  if (state.attachments.length >= MAX_ATTACHMENTS_PER_LISTING) throw attachmentError.tooMany(listing.kind);
  return [
    {
      type: 'AttachmentAdded',
      data: {
        attachmentId: data.attachmentId,
        listingKind: listing.kind,
        listingId: listing.id,
        name,
        size: file.size,
        type: file.type,
        sha256: file.sha256,
        userId: context.actor.userId,
        at: context.now.toISOString(),
      },
    },
  ];
}

function remove({ data, context }: RemoveAttachment, state: ListingAttachments): AttachmentEvent[] {
  requireEditableByActor(context, data.listing);
  if (!state.attachments.some((attachment) => attachment.id === data.attachmentId))
    throw attachmentError.notFound(data.attachmentId);
  return [
    {
      type: 'AttachmentRemoved',
      data: {
        attachmentId: data.attachmentId,
        listingKind: data.listing.kind,
        listingId: data.listing.id,
        at: context.now.toISOString(),
      },
    },
  ];
}

function evolve(state: ListingAttachments, event: AttachmentEvent): ListingAttachments {
  switch (event.type) {
    case 'AttachmentAdded': {
      const { attachmentId, listingKind, listingId, name, size, type, sha256, userId, at } = event.data;
      const attachment = { id: attachmentId, name, size, type, sha256, userId, addedAt: at };
      return { listingKind, listingId, attachments: [...state.attachments, attachment] };
    }
    case 'AttachmentRemoved':
      return {
        ...state,
        attachments: state.attachments.filter((attachment) => attachment.id !== event.data.attachmentId),
      };
  }
}

function initialState(): ListingAttachments {
  return { listingKind: null, listingId: null, attachments: [] };
}

function decide(command: AttachmentCommand, state: ListingAttachments): AttachmentEvent[] {
  return command.type === 'AttachFile' ? attach(command, state) : remove(command, state);
}

export const attachmentDecider: Decider<ListingAttachments, AttachmentCommand, AttachmentEvent> = {
  decide,
  evolve,
  initialState,
};
