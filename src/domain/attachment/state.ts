import type { AttachmentType } from './file-types.js';

/** A need or a solution: the listings that carry files. */
export type ListingKind = 'need' | 'solution';

/** One file's metadata; the bytes are in the attachment store under the attachment's key. */
export interface Attachment {
  id: string;
  name: string;
  size: number;
  type: AttachmentType;
  sha256: string;
  /** Who attached it. */
  userId: string | null;
  addedAt: string;
}

/** The files a listing carries now, oldest first (removed ones are gone). */
export interface ListingAttachments {
  listingKind: ListingKind | null;
  listingId: string | null;
  attachments: Attachment[];
}

/** Listing statuses in which the owner may change its content: the need and solution deciders' edits. */
export const EDITABLE_LISTING_STATUSES: ReadonlySet<string> = new Set(['draft', 'rejected']);
