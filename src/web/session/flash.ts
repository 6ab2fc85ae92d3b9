import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Flash, WebEnv } from '../env.js';
import { clearWebCookie, FLASH_COOKIE, setWebCookie } from './cookies.js';

const TONES = new Set(['success', 'error', 'info']);

/** A one-line message carried across a redirect (post/redirect/get) and shown once. */
export function setFlash(c: Context, flash: Flash): void {
  setWebCookie(c, FLASH_COOKIE, Buffer.from(JSON.stringify(flash), 'utf8').toString('base64url'), 60);
}

function parse(raw: string): Flash | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { tone, text } = value as Record<string, unknown>;
    if (typeof tone !== 'string' || !TONES.has(tone) || typeof text !== 'string') return null;
    return { tone: tone as Flash['tone'], text: text.slice(0, 300) };
  } catch {
    return null;
  }
}

/** Takes the flash of the previous response, if any, and clears it so a reload does not show it again. */
export function readFlash(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const raw = getCookie(c, FLASH_COOKIE);
    c.set('flash', raw ? parse(raw) : null);
    if (raw && c.req.method === 'GET') clearWebCookie(c, FLASH_COOKIE);
    await next();
  };
}
