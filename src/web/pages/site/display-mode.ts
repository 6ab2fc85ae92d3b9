import { Hono } from 'hono';
import { DISPLAY_COOKIE, DISPLAY_COOKIE_SECONDS, ELDER } from '../../display-mode.js';
import type { WebEnv } from '../../env.js';
import { clearWebCookie, setWebCookie } from '../../session/cookies.js';
import { safeNext } from '../../session/next.js';

/** The header's 长辈版 switch: a form (`mode` = elder or standard), back to the page it was on. */
export function displayModePages() {
  const web = new Hono<WebEnv>();
  web.post('/display-mode', async (c) => {
    const body = await c.req.parseBody();
    if (body.mode === ELDER) setWebCookie(c, DISPLAY_COOKIE, ELDER, DISPLAY_COOKIE_SECONDS);
    else clearWebCookie(c, DISPLAY_COOKIE);
    return c.redirect(safeNext(typeof body.next === 'string' ? body.next : undefined), 303);
  });
  return web;
}
