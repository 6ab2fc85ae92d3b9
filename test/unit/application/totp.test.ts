import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hashRecoveryCode,
  hotp,
  newRecoveryCodes,
  newTotpSecret,
  totpCode,
  verifyTotp,
} from '../../../src/application/totp.js';

/** RFC 6238 appendix B, SHA-1 rows: the seed is ASCII "12345678901234567890", codes of 8 digits. */
const RFC_SEED = Buffer.from('12345678901234567890');
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('computes the RFC test vector at %i s', (seconds, code) => {
    expect(hotp(RFC_SEED, Math.floor(seconds / 30), 8)).toBe(code);
  });

  it('reads the same seed in Base32 as authenticator apps do, giving the 6-digit code', () => {
    const secret = base32Encode(RFC_SEED);
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(secret)).toEqual(RFC_SEED);
    expect(totpCode(secret, new Date(59_000))).toBe('287082');
  });

  it('accepts the codes of the step before and after, and no others', () => {
    const secret = newTotpSecret();
    const now = new Date('2025-03-01T08:00:10.000Z');
    const at = (offsetSeconds: number) => totpCode(secret, new Date(now.getTime() + offsetSeconds * 1000));
    expect(verifyTotp(secret, at(0), now)).toBe(true);
    expect(verifyTotp(secret, at(-30), now)).toBe(true);
    expect(verifyTotp(secret, at(30), now)).toBe(true);
    const outside = [at(-60), at(60)].filter((code) => ![at(-30), at(0), at(30)].includes(code));
    for (const code of outside) expect(verifyTotp(secret, code, now)).toBe(false);
    expect(verifyTotp(secret, 'abcdef', now)).toBe(false);
  });

  it('makes 10 different recovery codes whose hash ignores dashes and case', () => {
    const codes = newRecoveryCodes(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
    const [code] = codes as [string];
    expect(hashRecoveryCode(code.replace('-', '').toLowerCase())).toBe(hashRecoveryCode(code));
    expect(hashRecoveryCode(code)).not.toContain(code.replace('-', ''));
  });
});
