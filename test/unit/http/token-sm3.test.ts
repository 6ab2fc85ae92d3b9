import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenSigner } from '../../../src/http/auth/token.js';

const SECRET = 'a-secret-of-at-least-16-chars';
const NOW = new Date('2025-03-01T02:00:00.000Z');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hmac = (algorithm: string, input: string) =>
  createHmac(algorithm, SECRET).update(input).digest('base64url');

describe('bearer tokens signed with HMAC-SM3 (商用密码)', () => {
  const signer = createTokenSigner({ secret: SECRET, clock: () => NOW });

  it('signs the header and claims with HMAC-SM3 under the header HSM3', () => {
    const { token, sessionId } = signer.issue('user-1');
    const [header, payload, signature] = token.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HSM3', typ: 'JWT' });
    expect(signature).toBe(hmac('sm3', `${header}.${payload}`));
    expect(signer.verify(token)).toMatchObject({ userId: 'user-1', sessionId, issuedAt: NOW });
  });

  it('refuses a token signed with HMAC-SHA-256 before the switch, though it has not expired', () => {
    const header = b64({ alg: 'HS256', typ: 'JWT' });
    const payload = b64({
      sub: 'user-1',
      jti: 'session-1',
      iat: NOW.getTime() / 1000 - 60,
      exp: NOW.getTime() / 1000 + 3600,
    });
    expect(signer.verify(`${header}.${payload}.${hmac('sha256', `${header}.${payload}`)}`)).toBeNull();
    // Nor does an SM3 header make a SHA-256 signature pass.
    const sm3Header = b64({ alg: 'HSM3', typ: 'JWT' });
    expect(signer.verify(`${sm3Header}.${payload}.${hmac('sha256', `${sm3Header}.${payload}`)}`)).toBeNull();
    expect(signer.verify(`${sm3Header}.${payload}.${hmac('sm3', `${sm3Header}.${payload}`)}`)).not.toBeNull();
  });

  it('refuses a well-signed token without a session id or time of issue', () => {
    const header = b64({ alg: 'HSM3', typ: 'JWT' });
    const exp = NOW.getTime() / 1000 + 3600;
    for (const claims of [
      { sub: 'user-1', iat: 1, exp },
      { sub: 'user-1', jti: 's', exp },
    ]) {
      const payload = b64(claims);
      expect(signer.verify(`${header}.${payload}.${hmac('sm3', `${header}.${payload}`)}`)).toBeNull();
    }
  });
});
