import type { User } from './state.js';

/** What a token says about the session it stands for (src/http/auth/token.ts). */
export interface SessionToken {
  sessionId: string;
  issuedAt: Date;
}

/** Everything of a user that revokes tokens. */
export type Revocations = Pick<User, 'tokensValidAfter' | 'signedOutSessions'>;

/**
 * A token is revoked when its session was signed out, or when it was issued before the user's password
 * changed or the user was disabled. A token issued in the same millisecond as the change stays valid, so
 * that the session started right after changing a password is not revoked by that change.
 */
export function isRevoked(revocations: Revocations, token: SessionToken): boolean {
  if (Object.hasOwn(revocations.signedOutSessions, token.sessionId)) return true;
  const { tokensValidAfter } = revocations;
  return tokensValidAfter !== null && token.issuedAt.getTime() < Date.parse(tokensValidAfter);
}

/** Signed-out sessions whose tokens have expired by `at` need no longer be remembered. */
export function unexpiredSessions(sessions: Record<string, string>, at: string): Record<string, string> {
  return Object.fromEntries(Object.entries(sessions).filter(([, expiresAt]) => expiresAt > at));
}
