import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../domain/shared/ids.js';

/**
 * Bearer tokens in the compact JWT form, signed with HMAC-SM3 (GB/T 32905, the 商用密码 hash) from
 * node:crypto; JOSE registers no name for it, so the header says `HSM3`. They name the user, the
 * session (`jti`), when they were issued and when they expire: role, organization, whether the user is
 * still active and whether the token was revoked are read fresh on each request (src/domain/user/sessions.ts).
 * `iat` is in seconds with millisecond fractions (RFC 7519 allows non-integer NumericDates), so that a
 * token issued just after a password change is told apart from one issued just before it.
 */
export interface IssuedToken {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

export interface TokenClaims {
  userId: string;
  sessionId: string;
  issuedAt: Date;
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

/**
 * Tokens signed before SM3 (`HS256`) are refused, not honoured until they expire: a deployment assessed
 * for 商用密码 must show that identification accepts only SM3 from the day it switches, and the cost is
 * one sign-in for whoever held a token (8 hours at most).
 */
const HEADER = base64url(JSON.stringify({ alg: 'HSM3', typ: 'JWT' }));

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

export function createTokenSigner({
  secret,
  clock,
  ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS,
}: TokenSignerOptions): TokenSigner {
  const sign = (input: string) => createHmac('sm3', secret).update(input).digest('base64url');
  return {
    issue(userId) {
      const now = clock().getTime();
      const exp = Math.floor(now / 1000) + ttlSeconds;
      const jti = randomUUID();
      const payload = base64url(JSON.stringify({ sub: userId, jti, iat: now / 1000, exp }));
      const signature = sign(`${HEADER}.${payload}`);
      return { token: `${HEADER}.${payload}.${signature}`, sessionId: jti, expiresAt: new Date(exp * 1000) };
    },
    verify(token) {
      const [header, payload, signature, ...rest] = token.split('.');
      if (header !== HEADER || !payload || !signature || rest.length > 0) return null;
      // The signature's text is compared, not its decoded bytes: base64url decoding skips stray characters
      // (`sig=`, `sig!`), which would let many spellings of one token pass.
      if (!sameText(signature, sign(`${header}.${payload}`))) return null;
      const claims = parseClaims(payload);
      if (!claims || claims.exp * 1000 <= clock().getTime()) return null;
      return {
        userId: claims.sub,
        sessionId: claims.jti,
        issuedAt: new Date(Math.round(claims.iat * 1000)),
        expiresAt: new Date(claims.exp * 1000),
      };
    },
  };
}

function sameText(given: string, expected: string): boolean {
  const left = Buffer.from(given, 'utf8');
  const right = Buffer.from(expected, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Every SM3-signed token carries a session id and its time of issue. */
interface Claims {
  sub: string;
  exp: number;
  jti: string;
  iat: number;
}

function parseClaims(payload: string): Claims | null {
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return null;
    const { sub, exp, jti, iat } = claims as Record<string, unknown>;
    if (typeof sub !== 'string' || typeof exp !== 'number' || typeof iat !== 'number') return null;
    if (typeof jti !== 'string' || jti.length === 0 || jti.length > 64) return null;
    return { sub, exp, jti, iat };
  } catch {
    return null;
  }
}
