import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { getOrganization } from '../../application/organization-service.js';
import { getUser, signOut } from '../../application/user-service.js';
import { anonymous } from '../../domain/shared/actor.js';
import { requestClient } from '../../server/client-ip.js';
import type { HttpDeps } from '../../server/deps.js';
import type { SessionUser, WebEnv } from '../env.js';
import { webMessages } from '../messages.js';
import { ACTIVITY_COOKIE, clearWebCookie, SESSION_COOKIE, setWebCookie } from './cookies.js';
import { setFlash } from './flash.js';

type SessionDeps = Pick<HttpDeps, 'app' | 'tokens' | 'actors' | 'sessionActivity'>;
/** What a session cookie's token says (the API's token signer reads it; pages do not import the API). */
type TokenClaims = NonNullable<ReturnType<HttpDeps['tokens']['verify']>>;

/**
 * The session cookie holds the same signed bearer token the API issues (src/http/auth/token.ts), so one
 * signing key and one expiry rule serve both. Who the user is now (disabled, suspended organization) and
 * whether the token was revoked (signed out, password changed) is looked up on every request, exactly as
 * the API's authentication does.
 */
async function sessionUser(deps: SessionDeps, claims: TokenClaims): Promise<SessionUser | null> {
  const actor = await deps.actors.actorOf(claims);
  if (!actor || actor.role === 'anonymous' || !actor.userId) return null;
  const { state: user } = await getUser(deps.app, actor.userId);
  const org = actor.orgId ? (await getOrganization(deps.app, actor.orgId)).state : null;
  return {
    id: actor.userId,
    username: user.username,
    role: actor.role,
    orgId: actor.orgId,
    orgName: org?.name ?? null,
    orgKind: org?.kind ?? null,
    orgStatus: org?.status ?? null,
  };
}

/**
 * A session idle for longer than allowed is signed out in the store, not only forgotten by the browser:
 * its token, which the API would also accept, is revoked everywhere.
 */
async function endIdleSession(c: Context<WebEnv>, deps: SessionDeps, user: SessionUser, claims: TokenClaims) {
  const actor = { userId: user.id, orgId: user.orgId, role: user.role };
  await signOut(deps.app, { actor, correlationId: c.get('requestId'), client: requestClient(c) }, claims);
  deps.actors.forget(user.id);
  setFlash(c, { tone: 'info', text: webMessages.sessionIdle(deps.sessionActivity.idleMs / 60_000) });
}

function isIdle(c: Context<WebEnv>, deps: SessionDeps, claims: TokenClaims, now: Date): boolean {
  const last = deps.sessionActivity.lastActive(claims.sessionId, getCookie(c, ACTIVITY_COOKIE));
  return last === null || now.getTime() - last.getTime() >= deps.sessionActivity.idleMs;
}

function markActive(
  c: Context<WebEnv>,
  deps: Pick<SessionDeps, 'app' | 'sessionActivity'>,
  claims: Pick<TokenClaims, 'sessionId' | 'expiresAt'>,
) {
  const now = deps.app.clock();
  const seconds = Math.max(1, Math.floor((claims.expiresAt.getTime() - now.getTime()) / 1000));
  setWebCookie(c, ACTIVITY_COOKIE, deps.sessionActivity.stamp(claims.sessionId, now), seconds);
}

/**
 * Sets `user` and `actor` from the session cookie; a stale or forged cookie is dropped, not an error. Each
 * request of a live session renews its activity stamp; one that comes after the idle timeout ends it.
 */
export function session(deps: SessionDeps): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const claims = token ? deps.tokens.verify(token) : null;
    let user = claims ? await sessionUser(deps, claims) : null;
    if (user && claims && isIdle(c, deps, claims, deps.app.clock())) {
      await endIdleSession(c, deps, user, claims);
      user = null;
    }
    if (user && claims) markActive(c, deps, claims);
    else if (token) {
      clearWebCookie(c, SESSION_COOKIE);
      clearWebCookie(c, ACTIVITY_COOKIE);
    }
    c.set('user', user);
    c.set('actor', user ? { userId: user.id, orgId: user.orgId, role: user.role } : anonymous);
    await next();
  };
}

/** The session cookie's value when it stands for a signed-in user; forms are bound to it (see csrf.ts). */
export function activeSessionToken(c: Context<WebEnv>): string | undefined {
  return c.get('user') ? getCookie(c, SESSION_COOKIE) : undefined;
}

export function startSession(
  c: Context<WebEnv>,
  deps: Pick<HttpDeps, 'tokens' | 'app' | 'sessionActivity'>,
  userId: string,
): void {
  const { token, sessionId, expiresAt } = deps.tokens.issue(userId);
  const seconds = Math.max(1, Math.floor((expiresAt.getTime() - deps.app.clock().getTime()) / 1000));
  setWebCookie(c, SESSION_COOKIE, token, seconds);
  markActive(c, deps, { sessionId, expiresAt });
}

/** Logs out: the session's token is revoked in the store, so a copy of the cookie no longer signs in. */
export async function endSession(c: Context<WebEnv>, deps: SessionDeps): Promise<void> {
  const token = activeSessionToken(c);
  const claims = token ? deps.tokens.verify(token) : null;
  if (claims) {
    const ctx = { actor: c.get('actor'), correlationId: c.get('requestId'), client: requestClient(c) };
    await signOut(deps.app, ctx, claims);
    deps.actors.forget(claims.userId);
  }
  clearWebCookie(c, SESSION_COOKIE);
  clearWebCookie(c, ACTIVITY_COOKIE);
}
