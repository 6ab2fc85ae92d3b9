import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';

/**
 * 长辈版 (适老化): larger text, higher contrast and wider spacing, chosen in the header and remembered in a
 * cookie for a year, so that it needs no script and no account.
 */
export const DISPLAY_COOKIE = 'ysp_display';
export const ELDER = 'elder';
export const DISPLAY_COOKIE_SECONDS = 365 * 24 * 3600;

export function isElderMode(c: Context): boolean {
  return getCookie(c, DISPLAY_COOKIE) === ELDER;
}
