import { type AttachmentStore, assertAttachmentKey } from './port.js';

/** Bytes in memory, for a process whose events are in memory too (tests, a throwaway demo). */
export function memoryAttachmentStore(): AttachmentStore {
  const files = new Map<string, Uint8Array>();
  return {
    async put(key, bytes) {
      assertAttachmentKey(key);
      files.set(key, new Uint8Array(bytes));
    },
    async get(key) {
      assertAttachmentKey(key);
      return files.get(key) ?? null;
    },
    async delete(key) {
      assertAttachmentKey(key);
      files.delete(key);
    },
  };
}
