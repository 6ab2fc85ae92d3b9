import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { getOrganization } from '../../application/organization-service.js';
import { getUser, signOut } from '../../application/user-service.js';
import { anonymous } from '../../domain/shared/actor.js';
import type { HttpDeps } from '../../server/deps.js';
import type { SessionUser, WebEnv } from '../env.js';
import { clearWebCookie, SESSION_COOKIE, setWebCookie } from './cookies.js';

type SessionDeps = Pick<HttpDeps, 'app' | 'tokens' | 'actors'>;

/**
 * The session cookie holds the same signed bearer token the API issues (src/http/auth/token.ts), so one
 * signing key and one expiry rule serve both. Who the user is now (disabled, suspended organization) and
 * whether the token was revoked (signed out, password changed) is looked up on every request, exactly as
 * the API's authentication does.
 */
async function sessionUser(deps: SessionDeps, token: string): Promise<SessionUser | null> {
  const claims = deps.tokens.verify(token);
  if (!claims) return null;
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

/** Sets `user` and `actor` from the session cookie; a stale or forged cookie is dropped, not an error. */
export function session(deps: SessionDeps): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const user = token ? await sessionUser(deps, token) : null;
    if (token && !user) clearWebCookie(c, SESSION_COOKIE);
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
  deps: Pick<HttpDeps, 'tokens' | 'app'>,
  userId: string,
): void {
  const { token, expiresAt } = deps.tokens.issue(userId);
  const seconds = Math.max(1, Math.floor((expiresAt.getTime() - deps.app.clock().getTime()) / 1000));
  setWebCookie(c, SESSION_COOKIE, token, seconds);
}

/** Logs out: the session's token is revoked in the store, so a copy of the cookie no longer signs in. */
export async function endSession(c: Context<WebEnv>, deps: SessionDeps): Promise<void> {
  const token = activeSessionToken(c);
  const claims = token ? deps.tokens.verify(token) : null;
  if (claims) {
    await signOut(deps.app, { actor: c.get('actor'), correlationId: c.get('requestId') }, claims);
    deps.actors.forget(claims.userId);
  }
  clearWebCookie(c, SESSION_COOKIE);
}
