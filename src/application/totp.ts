import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * RFC 6238 TOTP as every authenticator app computes it by default: HMAC-SHA-1, 6 digits, 30-second steps;
 * a code from the step before or after is accepted too, for clocks a little apart.
 */
export const TOTP = { digits: 6, stepSeconds: 30, window: 1 } as const;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP with the RFC 6238 counter; `digits` above 6 only for the RFC's test vectors. */
export function hotp(key: Buffer, counter: number, digits: number = TOTP.digits, algorithm = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function timeStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP.stepSeconds);
}

/** The code an authenticator shows at `at` for a Base32 secret. */
export function totpCode(secret: string, at: Date): string {
  return hotp(base32Decode(secret), timeStep(at));
}

export function verifyTotp(secret: string, code: string, at: Date): boolean {
  return matchingTotpStep(secret, code, at) !== null;
}

/** The latest time step in the window whose code is `code`, or null: a sign-in records it against replay. */
export function matchingTotpStep(secret: string, code: string, at: Date): number | null {
  // An erased secret (its key destroyed) would compute codes anyone can predict: it matches nothing.
  if (!/^\d{6}$/.test(code) || secret === '') return null;
  const key = base32Decode(secret);
  const given = Buffer.from(code);
  const step = timeStep(at);
  let matched: number | null = null;
  // Every step in the window is compared, so that the time taken tells nothing about which one matched.
  for (let delta = -TOTP.window; delta <= TOTP.window; delta++) {
    if (timingSafeEqual(given, Buffer.from(hotp(key, step + delta)))) matched = step + delta;
  }
  return matched;
}

/** 160 random bits, the key length RFC 4226 recommends. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The URI authenticator apps import (Google Authenticator's Key URI Format); the issuer is the platform. */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const query = new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${label}?${query.toString()}`;
}

/** Ten codes of 10 Base32 characters (50 bits), shown as `XXXXX-XXXXX`. */
export function newRecoveryCodes(count: number): string[] {
  return Array.from({ length: count }, () => {
    const code = base32Encode(randomBytes(7)).slice(0, 10);
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/**
 * Recovery codes are random and long enough that a fast hash suffices; dashes, spaces and case are
 * ignored, as people copy them in all three ways.
 */
export function hashRecoveryCode(code: string): string {
  const normal = code.replace(/[\s-]/g, '').toUpperCase();
  return createHash('sha256').update(`recovery-code\n${normal}`).digest('hex');
}

export function looksLikeTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code.trim());
}
