import { pbkdf2, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Passwords are stored as `pbkdf2-sm3$iterations$salt$hash` (base64): PBKDF2 over HMAC-SM3 (GB/T 32905),
 * the 商用密码 hash. Each hash names how it was made, so the cost can be raised later without breaking
 * stored hashes. Hashes written before SM3, `scrypt$N$r$p$salt$hash`, still verify, and are replaced at
 * the user's next successful sign-in (isOutdatedHash), when the password is at hand.
 *
 * 100 000 iterations: on the reference machine scrypt N=16384 took about 28 ms and PBKDF2-SM3 the same
 * at about 75 000 iterations; rounded up because PBKDF2 is not memory-hard, so at equal time it is the
 * cheaper of the two for an attacker with GPUs.
 */
export const PBKDF2_SM3_ITERATIONS = 100_000;
const SM3_SCHEME = 'pbkdf2-sm3';
const SM3_KEY_LENGTH = 32;

const SCRYPT_KEY_LENGTH = 64;

function deriveSm3(password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(password.normalize('NFKC'), salt, iterations, SM3_KEY_LENGTH, 'sm3', (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function deriveScrypt(
  password: string,
  salt: Buffer,
  cost: { N: number; r: number; p: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      SCRYPT_KEY_LENGTH,
      { ...cost, maxmem: 64 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await deriveSm3(password, salt, PBKDF2_SM3_ITERATIONS);
  return [SM3_SCHEME, PBKDF2_SM3_ITERATIONS, salt.toString('base64'), key.toString('base64')].join('$');
}

/** A stored hash in neither scheme, or with parameters out of range, matches no password. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  const expected = Buffer.from(parts.at(-1) ?? '', 'base64');
  const salt = Buffer.from(parts.at(-2) ?? '', 'base64');
  if (expected.length === 0 || salt.length === 0) return false;
  const actual = await derive(password, salt, parts);
  return actual !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
}

function derive(password: string, salt: Buffer, [scheme, ...cost]: string[]): Promise<Buffer> | null {
  if (scheme === SM3_SCHEME && cost.length === 3) {
    const iterations = Number(cost[0]);
    return Number.isSafeInteger(iterations) && iterations > 0 ? deriveSm3(password, salt, iterations) : null;
  }
  if (scheme === 'scrypt' && cost.length === 5) {
    return deriveScrypt(password, salt, { N: Number(cost[0]), r: Number(cost[1]), p: Number(cost[2]) });
  }
  return null;
}

/** Whether a stored hash is to be replaced by a current one: another scheme, or fewer iterations. */
export function isOutdatedHash(stored: string): boolean {
  const [scheme, iterations] = stored.split('$');
  return scheme !== SM3_SCHEME || Number(iterations) < PBKDF2_SM3_ITERATIONS;
}

let decoy: Promise<string> | undefined;

/** A hash to check against when the user does not exist, so that a wrong username costs as long as a wrong password. */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(12).toString('base64'));
  return decoy;
}
