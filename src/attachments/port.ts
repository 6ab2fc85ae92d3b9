/**
 * Where attachment bytes live, by key (`need/<listingId>/<attachmentId>`). The events hold only the
 * metadata; the filesystem adapter (fs-store.ts) keeps the bytes under the data dir, and an object store
 * (S3, OSS, MinIO) can take over behind the same three calls when one machine's disk is not enough.
 */
export interface AttachmentStore {
  /** Stores the bytes whole or not at all: a reader never sees half a file, even after a crash. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when there is nothing under the key. */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes the key; removing a missing key is no error. */
  delete(key: string): Promise<void>;
}

export type ScanVerdict = { clean: true } | { clean: false; reason: string };

/**
 * A virus scanner looks at every upload before it is stored (ClamAV over clamd, a cloud scanning API).
 * None is wired in: `noScanner` passes every file, and downloads are made safe by how they are served
 * (attachment only, the sniffed type, nosniff, a sandboxing policy), not by a scan.
 */
export interface AttachmentScanner {
  scan(file: { name: string; bytes: Uint8Array }): Promise<ScanVerdict>;
}

export const noScanner: AttachmentScanner = { scan: async () => ({ clean: true }) };

/** Keys are ours (kind, listing id, attachment id): letters, digits, dashes, and slashes between them. */
const KEY = /^[A-Za-z0-9-]+(\/[A-Za-z0-9-]+)*$/;

export function assertAttachmentKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`invalid attachment key: ${JSON.stringify(key)}`);
}
