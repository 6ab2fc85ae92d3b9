import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * One personal value as stored: SM4-CTR ciphertext of its JSON, encrypt-then-MAC with HMAC-SM3 over the
 * IV, the ciphertext and the subject (so an envelope cannot be passed off as another subject's). Bytes in
 * base64. The subject is in clear: it names whose key opens the envelope.
 */
export type Sm4Envelope = {
  subject: string;
  iv: string;
  ct: string;
  mac: string;
};

/** The stored shape of an encrypted field: `{ $sm4: envelope }`. */
// Type aliases, not interfaces: they fit the store's JsonObject.
export type SealedValue = { $sm4: Sm4Envelope };

/** The envelope's MAC does not match: the stored bytes were changed, or a wrong key was used. */
export class PersonalDataTamperedError extends Error {
  constructor(readonly subject: string) {
    super(`personal data of ${subject} fails its HMAC-SM3 check: refusing to read it`);
    this.name = 'PersonalDataTamperedError';
  }
}

interface SubjectCipherKeys {
  encryption: Buffer;
  mac: Buffer;
}

// Derived once per key Buffer: the key store hands out the same Buffer while the key is unchanged.
const derived = new WeakMap<Buffer, SubjectCipherKeys>();

/** SM4's 128-bit key and the MAC key, derived apart from the subject key so neither key serves both. */
function cipherKeys(subjectKey: Buffer): SubjectCipherKeys {
  let keys = derived.get(subjectKey);
  if (!keys) {
    keys = {
      encryption: createHmac('sm3', subjectKey)
        .update('yunsupei personal data: sm4-ctr')
        .digest()
        .subarray(0, 16),
      mac: createHmac('sm3', subjectKey).update('yunsupei personal data: hmac-sm3').digest(),
    };
    derived.set(subjectKey, keys);
  }
  return keys;
}

function macOf(key: Buffer, iv: Buffer, ct: Buffer, subject: string): Buffer {
  // The length fixes where the ciphertext ends and the subject begins.
  const length = Buffer.alloc(4);
  length.writeUInt32BE(ct.length);
  return createHmac('sm3', key).update(iv).update(length).update(ct).update(subject, 'utf8').digest();
}

export function seal(plain: string, subject: string, subjectKey: Buffer): SealedValue {
  const keys = cipherKeys(subjectKey);
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-ctr', keys.encryption, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const mac = macOf(keys.mac, iv, ct, subject);
  return {
    $sm4: { subject, iv: iv.toString('base64'), ct: ct.toString('base64'), mac: mac.toString('base64') },
  };
}

export function unseal(envelope: Sm4Envelope, subjectKey: Buffer): string {
  const keys = cipherKeys(subjectKey);
  const iv = Buffer.from(envelope.iv, 'base64');
  const ct = Buffer.from(envelope.ct, 'base64');
  const expected = macOf(keys.mac, iv, ct, envelope.subject);
  const mac = Buffer.from(envelope.mac, 'base64');
  if (iv.length !== 16 || mac.length !== expected.length || !timingSafeEqual(mac, expected)) {
    throw new PersonalDataTamperedError(envelope.subject);
  }
  const decipher = createDecipheriv('sm4-ctr', keys.encryption, iv);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
}

export function isSealed(value: unknown): value is SealedValue {
  if (typeof value !== 'object' || value === null || !('$sm4' in value)) return false;
  const envelope = (value as { $sm4: unknown }).$sm4;
  return (
    typeof envelope === 'object' &&
    envelope !== null &&
    ['subject', 'iv', 'ct', 'mac'].every(
      (part) => typeof (envelope as Record<string, unknown>)[part] === 'string',
    )
  );
}
