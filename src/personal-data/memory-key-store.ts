import { randomBytes } from 'node:crypto';
import { type KeyStore, SUBJECT_KEY_BYTES, SubjectKeyDestroyedError } from './key-store.js';

/** Keys in memory, for tests. */
export function memoryKeyStore(): KeyStore {
  const keys = new Map<string, Buffer>();
  const destroyed = new Set<string>();
  return {
    keyFor: async (subject) => keys.get(subject) ?? null,
    async createKey(subject) {
      if (destroyed.has(subject)) throw new SubjectKeyDestroyedError(subject);
      let key = keys.get(subject);
      if (!key) {
        key = randomBytes(SUBJECT_KEY_BYTES);
        keys.set(subject, key);
      }
      return key;
    },
    async destroyKey(subject) {
      keys.delete(subject);
      destroyed.add(subject);
    },
    isDestroyed: async (subject) => destroyed.has(subject),
  };
}
