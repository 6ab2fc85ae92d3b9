/**
 * Where the keys of personal data live: outside the event store, so that destroying a subject's key
 * leaves its personal data in the log unreadable (crypto-shredding) while the log itself is never
 * rewritten. A subject is the person or organization the data is about (`subjectOf` in
 * `personal-fields.ts`).
 *
 * The adapters: `file-key-store.ts` (the default, one file in `YUNSUPEI_KEY_DIR`) and
 * `memory-key-store.ts` (tests). A KMS or a crypto device (密码机) implements the same four functions:
 * `createKey` asks it for a new data key and keeps the key wrapped by the device's master key, `keyFor`
 * unwraps it (caching the clear key in memory for a short while, since every read of a personal field
 * asks), `destroyKey` deletes the wrapped key and records that it did. The event store never sees more
 * than the data key.
 */
export interface KeyStore {
  /** The subject's key; null when it has none: never made, or destroyed (`isDestroyed` tells which). */
  keyFor(subject: string): Promise<Buffer | null>;
  /** The subject's key, made on first use. Throws `SubjectKeyDestroyedError` once it was destroyed. */
  createKey(subject: string): Promise<Buffer>;
  /** Forgets the key for good and remembers that it did. Harmless to repeat. */
  destroyKey(subject: string): Promise<void>;
  isDestroyed(subject: string): Promise<boolean>;
}

/** Bytes of a subject key: SM4's and HMAC-SM3's keys are derived from it (`sm4-envelope.ts`). */
export const SUBJECT_KEY_BYTES = 32;

/** Personal data of a subject whose key was destroyed cannot be written again. */
export class SubjectKeyDestroyedError extends Error {
  constructor(readonly subject: string) {
    super(`the personal-data key of ${subject} was destroyed: its personal data cannot be stored again`);
    this.name = 'SubjectKeyDestroyedError';
  }
}
