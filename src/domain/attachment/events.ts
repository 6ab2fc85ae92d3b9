import type { DomainEvent } from '../shared/decider.js';
import type { AttachmentType } from './file-types.js';
import type { ListingKind } from './state.js';

/** A file was attached to a listing; only its metadata is an event, the bytes are in the attachment store. */
export type AttachmentAdded = DomainEvent<
  'AttachmentAdded',
  {
    attachmentId: string;
    listingKind: ListingKind;
    listingId: string;
    name: string;
    size: number;
    type: AttachmentType;
    sha256: string;
    userId: string | null;
    at: string;
  }
>;
/** The owner removed a file; its bytes are deleted from the store. */
export type AttachmentRemoved = DomainEvent<
  'AttachmentRemoved',
  { attachmentId: string; listingKind: ListingKind; listingId: string; at: string }
>;

export type AttachmentEvent = AttachmentAdded | AttachmentRemoved;
