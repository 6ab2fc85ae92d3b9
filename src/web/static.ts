import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import type { WebEnv } from './env.js';

const STATIC_DIR = new URL('./static/', import.meta.url);

/**
 * The stylesheet, the need form's script and the icon, read once at start; their ETags let browsers revalidate cheaply after a
 * deploy. Browsers ask for /favicon.ico on every site whatever the page says, so the icon (an SVG, which
 * they take by its Content-Type) is served there.
 */
export function registerStatic(web: Hono<WebEnv>): void {
  serve(web, '/static/app.css', 'app.css', 'text/css; charset=utf-8', 300);
  serve(web, '/static/need-hints.js', 'need-hints.js', 'text/javascript; charset=utf-8', 300);
  serve(web, '/favicon.ico', 'favicon.svg', 'image/svg+xml', 86_400);
}

function serve(web: Hono<WebEnv>, path: string, file: string, type: string, maxAge: number): void {
  const content = readFileSync(new URL(file, STATIC_DIR));
  const etag = `"${createHash('sha256').update(content).digest('base64url').slice(0, 16)}"`;
  web.get(path, (c) => {
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304, { ETag: etag });
    return c.body(new Uint8Array(content), 200, {
      'Content-Type': type,
      'Cache-Control': `public, max-age=${maxAge}`,
      ETag: etag,
    });
  });
}
