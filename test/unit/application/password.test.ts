import { pbkdf2Sync, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  isOutdatedHash,
  PBKDF2_SM3_ITERATIONS,
  verifyPassword,
} from '../../../src/application/password.js';

const PASSWORD = 'Pass1234word';
const salt = Buffer.from('0123456789abcdef');

/** A hash as stored before SM3: scrypt N=16384, r=8, p=1, 64 bytes. */
function scryptHash(password: string): string {
  const key = scryptSync(password.normalize('NFKC'), salt, 64, { N: 16384, r: 8, p: 1, maxmem: 64 << 20 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

const sm3Hash = (password: string, iterations: number) =>
  [
    'pbkdf2-sm3',
    iterations,
    salt.toString('base64'),
    pbkdf2Sync(password, salt, iterations, 32, 'sm3').toString('base64'),
  ].join('$');

describe('password hashes (商用密码: PBKDF2-SM3)', () => {
  it('hashes a new password with PBKDF2 over HMAC-SM3, naming the scheme and iterations', async () => {
    const stored = await hashPassword(PASSWORD);
    const [scheme, iterations, storedSalt, hash] = stored.split('$');
    expect([scheme, Number(iterations)]).toEqual(['pbkdf2-sm3', PBKDF2_SM3_ITERATIONS]);
    const expected = pbkdf2Sync(
      PASSWORD,
      Buffer.from(storedSalt ?? '', 'base64'),
      PBKDF2_SM3_ITERATIONS,
      32,
      'sm3',
    );
    expect(hash).toBe(expected.toString('base64'));
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword('Pass1234Word', stored)).toBe(false);
  });

  it('still verifies a hash stored with scrypt, and says it is outdated', async () => {
    const old = scryptHash(PASSWORD);
    expect(await verifyPassword(PASSWORD, old)).toBe(true);
    expect(await verifyPassword('Pass1234Word', old)).toBe(false);
    expect(isOutdatedHash(old)).toBe(true);
  });

  it('verifies a PBKDF2-SM3 hash at the iterations it names; fewer than today’s is outdated', async () => {
    const fewer = sm3Hash(PASSWORD, 1000);
    expect(await verifyPassword(PASSWORD, fewer)).toBe(true);
    expect(isOutdatedHash(fewer)).toBe(true);
    expect(isOutdatedHash(sm3Hash(PASSWORD, PBKDF2_SM3_ITERATIONS))).toBe(false);
    expect(isOutdatedHash(await hashPassword(PASSWORD))).toBe(false);
  });

  it('matches no password against a hash it cannot read', async () => {
    for (const stored of [
      '',
      'plain',
      'md5$abc$def',
      'pbkdf2-sm3$x$c2FsdA==$aGFzaA==',
      'pbkdf2-sm3$1000$$aGFzaA==',
    ]) {
      expect(await verifyPassword(PASSWORD, stored), stored).toBe(false);
    }
  });
});
