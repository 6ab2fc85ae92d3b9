import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';

export const SESSION_COOKIE = 'ysp_session';
export const CSRF_COOKIE = 'ysp_csrf';
export const FLASH_COOKIE = 'ysp_flash';
/** When the session's last request came, signed for that session (src/server/session-activity.ts). */
export const ACTIVITY_COOKIE = 'ysp_active';

/**
 * Behind a TLS-terminating proxy the request arrives over http with `X-Forwarded-Proto: https`; the cookie
 * must still be `Secure` then, since the browser speaks https.
 */
export function isHttps(c: Context): boolean {
  const forwarded = c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(c.req.url).protocol === 'https:';
}

function options(c: Context, maxAgeSeconds?: number): CookieOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

export function setWebCookie(c: Context, name: string, value: string, maxAgeSeconds?: number): void {
  setCookie(c, name, value, options(c, maxAgeSeconds));
}

export function clearWebCookie(c: Context, name: string): void {
  deleteCookie(c, name, options(c));
}
