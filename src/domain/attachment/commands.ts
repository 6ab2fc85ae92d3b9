import type { Command } from '../shared/decider.js';
import type { AttachmentType } from './file-types.js';
import type { ListingKind } from './state.js';

/** The listing the files belong to, loaded by the service from its own stream. */
export interface ListingFact {
  kind: ListingKind;
  id: string;
  /** The organization that owns it: the need's demander or the solution's vendor. */
  ownerOrgId: string;
  status: string;
}

/** What the service found out about an upload; `type` is from the bytes (null: none of ours). */
export interface UploadedFile {
  name: string;
  size: number;
  type: AttachmentType | null;
  sha256: string;
}

export type AttachFile = Command<
  'AttachFile',
  { attachmentId: string; listing: ListingFact; file: UploadedFile }
>;
export type RemoveAttachment = Command<'RemoveAttachment', { attachmentId: string; listing: ListingFact }>;

export type AttachmentCommand = AttachFile | RemoveAttachment;
