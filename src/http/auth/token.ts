import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../domain/shared/ids.js';

/**
 * Bearer tokens in the compact JWT form, signed with HS256 from node:crypto. They name the user and an
 * expiry only: role, organization and whether the user is still active are read fresh on each request.
 */
export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export interface TokenClaims {
  userId: string;
  expiresAt: Date;
}

export interface TokenSigner {
  issue(userId: string): IssuedToken;
  /** The claims of a well-signed, unexpired token; null for anything else. */
  verify(token: string): TokenClaims | null;
}

export interface TokenSignerOptions {
  secret: string;
  clock: Clock;
  ttlSeconds?: number;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 8 * 60 * 60;

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

export function createTokenSigner({
  secret,
  clock,
  ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS,
}: TokenSignerOptions): TokenSigner {
  const sign = (input: string) => createHmac('sha256', secret).update(input).digest();
  return {
    issue(userId) {
      const now = Math.floor(clock().getTime() / 1000);
      const exp = now + ttlSeconds;
      const payload = base64url(JSON.stringify({ sub: userId, iat: now, exp }));
      const signature = sign(`${HEADER}.${payload}`).toString('base64url');
      return { token: `${HEADER}.${payload}.${signature}`, expiresAt: new Date(exp * 1000) };
    },
    verify(token) {
      const [header, payload, signature, ...rest] = token.split('.');
      if (header !== HEADER || !payload || !signature || rest.length > 0) return null;
      const expected = sign(`${header}.${payload}`);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const claims = parseClaims(payload);
      if (!claims || claims.exp * 1000 <= clock().getTime()) return null;
      return { userId: claims.sub, expiresAt: new Date(claims.exp * 1000) };
    },
  };
}

function parseClaims(payload: string): { sub: string; exp: number } | null {
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return null;
    const { sub, exp } = claims as Record<string, unknown>;
    return typeof sub === 'string' && typeof exp === 'number' ? { sub, exp } : null;
  } catch {
    return null;
  }
}
