import { createHash, createHmac } from 'node:crypto';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { WebEnv } from '../../../src/web/env.js';
import { CSRF_COOKIE } from '../../../src/web/session/cookies.js';
import { CSRF_FIELD, csrf } from '../../../src/web/session/csrf.js';

const SECRET = 'a-random-csrf-cookie-secret';

function app() {
  const web = new Hono<WebEnv>();
  web.use(csrf({ onFailure: (c) => c.text('refused', 403) }));
  web.get('/', (c) => c.text(c.get('csrfToken')));
  web.post('/', (c) => c.text('done'));
  return web;
}

const post = (field: string) =>
  app().request('/', {
    method: 'POST',
    headers: { cookie: `${CSRF_COOKIE}=${SECRET}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ [CSRF_FIELD]: field }).toString(),
  });

describe('CSRF tokens under 商用密码', () => {
  it('puts in the form an HMAC-SM3 of the session keyed with the cookie’s secret', async () => {
    const sm3 = createHmac('sm3', SECRET).update('csrf\n').digest('base64url');
    const page = await app().request('/', { headers: { cookie: `${CSRF_COOKIE}=${SECRET}` } });
    expect(await page.text()).toBe(sm3);
    expect((await post(sm3)).status).toBe(200);
  });

  it('refuses the SHA-256 token of before', async () => {
    const before = createHash('sha256').update(`${SECRET}|`).digest('base64url');
    expect((await post(before)).status).toBe(403);
  });
});
