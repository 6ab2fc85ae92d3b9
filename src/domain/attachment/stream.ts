import type { ListingKind } from './state.js';

/**
 * The stream holding every attachment of one listing. Kept apart from the listing's own stream so that
 * files come and go without touching the listing's revision (an edit form's If-Match), and so that the
 * per-listing limit is a check on one stream's state.
 */
export const attachmentsStream = (kind: ListingKind, listingId: string) => `attachments-${kind}-${listingId}`;
