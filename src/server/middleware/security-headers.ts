import type { MiddlewareHandler } from 'hono';

type HeaderSet = Readonly<Record<string, string>>;

const csp = (...directives: string[]) => directives.join('; ');

/** Every response: browsers take the declared type as it is, and no other site may frame us. */
const COMMON: HeaderSet = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

/**
 * The pages run no inline script and no other site's (charts are server-rendered SVG): the one script is
 * our own file, the need form's live hints (/static/need-hints.js), which posts the form to this origin;
 * the form works without it. Styles allow 'unsafe-inline': ECharts writes a <style> element and style attributes into every chart,
 * and the templates use a few style attributes; with scripts off, injected CSS cannot run code.
 * Forms post only to this site; URLs (which carry ids and search words) are not sent to other sites.
 */
const PAGE_HEADERS: HeaderSet = {
  ...COMMON,
  'Content-Security-Policy': csp(
    "default-src 'none'",
    "script-src 'self'",
    "connect-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ),
  'Referrer-Policy': 'same-origin',
};

/**
 * Swagger UI: its scripts are our own files under /docs (no inline script), it fetches /openapi.json and
 * "try it out" calls the API on this origin, and it sets inline styles and data: icons.
 */
const DOCS_HEADERS: HeaderSet = {
  ...COMMON,
  'Content-Security-Policy': csp(
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ),
  'Referrer-Policy': 'same-origin',
};

/**
 * JSON, CSV, metrics, CSS, attachments: nothing in them is a document to render, so a browser gets
 * nothing to run, and a file opened anyway is sandboxed (no scripts, no same origin).
 */
const API_HEADERS: HeaderSet = {
  ...COMMON,
  'Content-Security-Policy': csp("default-src 'none'", "frame-ancestors 'none'", 'sandbox'),
  'Referrer-Policy': 'no-referrer',
};

const isDocs = (path: string) => path === '/docs' || path.startsWith('/docs/');
const isHtml = (res: Response) => /^text\/html\b/i.test(res.headers.get('content-type') ?? '');

/**
 * Sets the headers for what was answered, on every response including errors and 404s: Swagger UI under
 * /docs, a page wherever HTML was answered, the API's policy on anything else.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = isDocs(c.req.path) ? DOCS_HEADERS : isHtml(c.res) ? PAGE_HEADERS : API_HEADERS;
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
