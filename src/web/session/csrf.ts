import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { WebEnv } from '../env.js';
import { CSRF_COOKIE, setWebCookie } from './cookies.js';
import { activeSessionToken } from './session.js';

export const CSRF_FIELD = '_csrf';

/**
 * Synchronizer tokens without server state: a random secret in an httpOnly cookie, and in every form an
 * HMAC-SM3 of the session cookie keyed with that secret. Another site can neither read the cookie nor the
 * page, so it cannot produce the field; signing in changes the session and with it the token.
 */
function tokenOf(secret: string, session: string | undefined): string {
  return createHmac('sm3', secret)
    .update(`csrf\n${session ?? ''}`)
    .digest('base64url');
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface CsrfOptions {
  /** Answers a POST whose token is missing or wrong. */
  onFailure: (c: Context<WebEnv>) => Response | Promise<Response>;
}

/**
 * Gives the page its token (minting the secret on a first visit) and checks `_csrf` on every POST. Runs
 * after `session`, so that a token is bound to a session only while that session is valid.
 * Forms are urlencoded or multipart, so the field is read from the parsed body, which Hono caches for the
 * handler.
 */
export function csrf({ onFailure }: CsrfOptions): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    let secret = getCookie(c, CSRF_COOKIE);
    if (c.req.method === 'POST') {
      const body = secret ? await c.req.parseBody().catch(() => null) : null;
      const given = body?.[CSRF_FIELD];
      if (!secret || typeof given !== 'string' || !same(given, tokenOf(secret, activeSessionToken(c)))) {
        return onFailure(c);
      }
    }
    if (!secret) {
      secret = randomBytes(24).toString('base64url');
      setWebCookie(c, CSRF_COOKIE, secret);
    }
    c.set('csrfToken', tokenOf(secret, activeSessionToken(c)));
    await next();
  };
}
