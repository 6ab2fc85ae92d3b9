import type { MiddlewareHandler } from 'hono';
import { type Actor, anonymous, type Role } from '../../domain/shared/actor.js';
import type { HttpEnv } from '../../server/env.js';
import { httpMessages } from '../../server/messages.js';
import { problemResponse } from '../problem.js';
import type { TokenSigner } from './token.js';

/** The actor a user id stands for now; null when the user is unknown or disabled. */
export type ActorLookup = (userId: string) => Promise<Actor | null>;

export interface CachedActorLookupOptions {
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/**
 * Remembers lookups briefly, so that a disabled user's token stops working within `ttlMs` without a
 * stream read on every request.
 */
export function cachedActorLookup(lookup: ActorLookup, options: CachedActorLookupOptions = {}): ActorLookup {
  const { ttlMs = 5000, maxEntries = 10_000, now = Date.now } = options;
  const cache = new Map<string, { actor: Actor | null; until: number }>();
  return async (userId) => {
    const hit = cache.get(userId);
    if (hit && hit.until > now()) return hit.actor;
    const actor = await lookup(userId);
    if (cache.size >= maxEntries) cache.clear();
    cache.set(userId, { actor, until: now() + ttlMs });
    return actor;
  };
}

const BEARER = /^Bearer\s+(\S+)$/i;

/** Sets `actor` from the bearer token; no token means anonymous, a bad one is a 401 rather than a downgrade. */
export function authenticate(tokens: TokenSigner, lookup: ActorLookup): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization');
    if (!header) {
      c.set('actor', anonymous);
      return next();
    }
    const claims = BEARER.exec(header)?.[1];
    const verified = claims ? tokens.verify(claims) : null;
    const actor = verified ? await lookup(verified.userId) : null;
    if (!actor) return unauthenticated(c, httpMessages.invalidToken);
    c.set('actor', actor);
    return next();
  };
}

function unauthenticated(c: Parameters<MiddlewareHandler<HttpEnv>>[0], detail: string): Response {
  return problemResponse(c, {
    status: 401,
    code: 'unauthenticated',
    detail,
    headers: { 'WWW-Authenticate': 'Bearer realm="yunsupei"' },
  });
}

/** Who may call a route: anyone signed in, or only the roles named. */
export function requireRole(...roles: Role[]): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const { role } = c.get('actor');
    if (role === 'anonymous') return unauthenticated(c, httpMessages.unauthenticated);
    if (roles.length > 0 && !roles.includes(role)) {
      return problemResponse(c, { status: 403, code: 'forbidden', detail: httpMessages.forbiddenRole });
    }
    return next();
  };
}
