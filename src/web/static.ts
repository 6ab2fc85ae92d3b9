import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import type { WebEnv } from './env.js';

const STATIC_DIR = new URL('./static/', import.meta.url);

/** The stylesheet, read once at start; its ETag lets browsers revalidate cheaply after a deploy. */
export function registerStatic(web: Hono<WebEnv>): void {
  const css = readFileSync(new URL('app.css', STATIC_DIR));
  const etag = `"${createHash('sha256').update(css).digest('base64url').slice(0, 16)}"`;
  web.get('/static/app.css', (c) => {
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304, { ETag: etag });
    return c.body(new Uint8Array(css), 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      ETag: etag,
    });
  });
}
