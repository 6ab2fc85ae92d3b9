import type { Context, MiddlewareHandler } from 'hono';
import { type Actor, anonymous, type Role } from '../../domain/shared/actor.js';
import { isRevoked, type Revocations } from '../../domain/user/sessions.js';
import type { HttpEnv } from '../../server/env.js';
import { httpMessages } from '../../server/messages.js';
import { problemResponse } from '../problem.js';
import type { TokenClaims, TokenSigner } from './token.js';

/** A user as the token checks need them: the actor they stand for now, and which tokens they revoked. */
export interface Account {
  actor: Actor;
  revocations: Revocations;
}

/** The account of a user id now; null when the user is unknown or may not sign in (disabled, suspended). */
export type AccountLookup = (userId: string) => Promise<Account | null>;

/** Who a token stands for now; null when its user is unknown or disabled, or the token was revoked. */
export interface ActorLookup {
  actorOf(token: Pick<TokenClaims, 'userId' | 'sessionId' | 'issuedAt'>): Promise<Actor | null>;
  /** Forgets what is remembered of a user, so that their sign-out or revocation holds at once. */
  forget(userId: string): void;
}

export interface CachedActorLookupOptions {
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/**
 * Remembers accounts briefly, so that tokens are checked without a stream read on every request. This
 * process forgets a user as soon as it signs them out, changes their password or disables them; another
 * process sharing the store (a second server, the CLI) is heard from within `ttlMs`.
 */
export function cachedActorLookup(
  lookup: AccountLookup,
  options: CachedActorLookupOptions = {},
): ActorLookup {
  const { ttlMs = 5000, maxEntries = 10_000, now = Date.now } = options;
  const cache = new Map<string, { account: Account | null; until: number }>();
  const accountOf = async (userId: string) => {
    const hit = cache.get(userId);
    if (hit && hit.until > now()) return hit.account;
    const account = await lookup(userId);
    if (cache.size >= maxEntries) cache.clear();
    cache.set(userId, { account, until: now() + ttlMs });
    return account;
  };
  return {
    async actorOf(token) {
      const account = await accountOf(token.userId);
      return account && !isRevoked(account.revocations, token) ? account.actor : null;
    },
    forget(userId) {
      cache.delete(userId);
    },
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
    const verified = bearerClaims(c, tokens);
    const actor = verified ? await lookup.actorOf(verified) : null;
    if (!actor) return unauthenticated(c, httpMessages.invalidToken);
    c.set('actor', actor);
    return next();
  };
}

/** The claims of the request's bearer token, when it is well signed and unexpired. */
export function bearerClaims(c: Context, tokens: TokenSigner): TokenClaims | null {
  const token = BEARER.exec(c.req.header('Authorization') ?? '')?.[1];
  return token ? tokens.verify(token) : null;
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
