/** One file: 20 MB holds a scanned contract or a deck of photos; larger files belong in a shared drive. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** Files per listing: enough for specifications, drawings and photos, few enough to read through. */
export const MAX_ATTACHMENTS_PER_LISTING = 10;
/** Characters in a file's name, as shown and as downloaded. */
export const MAX_ATTACHMENT_NAME_LENGTH = 200;
