import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_SESSION_IDLE_MINUTES = 30;

/**
 * The idle timeout of web sessions, besides the token's absolute lifetime. The browser carries the time of
 * its session's last request in a cookie signed for that session, so that no write happens per request and
 * every server process sharing the secret agrees; a stamp can be replayed only to look older, never newer.
 */
export interface SessionActivity {
  idleMs: number;
  stamp(sessionId: string, at: Date): string;
  /** When a session was last active by its stamp; null for a missing, forged or another session's stamp. */
  lastActive(sessionId: string, stamp: string | undefined): Date | null;
}

const STAMP = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/;

export function createSessionActivity(
  secret: string,
  idleMinutes = DEFAULT_SESSION_IDLE_MINUTES,
): SessionActivity {
  // A label of its own, so that no stamp can pass for a token's signature or an unsubscribe link's.
  // HMAC-SM3; a stamp signed before SM3 reads as missing, which the token it goes with is refused anyway.
  const sign = (sessionId: string, ms: number) =>
    createHmac('sm3', secret).update(`session-activity\n${sessionId}\n${ms}`).digest('base64url');
  return {
    idleMs: idleMinutes * 60_000,
    stamp(sessionId, at) {
      const ms = at.getTime();
      return `${ms}.${sign(sessionId, ms)}`;
    },
    lastActive(sessionId, stamp) {
      const match = STAMP.exec(stamp ?? '');
      if (!match?.[1] || !match[2]) return null;
      const ms = Number(match[1]);
      const given = Buffer.from(match[2]);
      const expected = Buffer.from(sign(sessionId, ms));
      return given.length === expected.length && timingSafeEqual(given, expected) ? new Date(ms) : null;
    },
  };
}
