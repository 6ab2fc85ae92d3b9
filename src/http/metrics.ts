import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Metrics } from '../metrics/metrics.js';
import { clientIp } from '../server/client-ip.js';
import type { HttpEnv } from '../server/env.js';
import { httpMessages } from '../server/messages.js';
import { problemResponse } from './problem.js';

/** The route pattern (`/api/v1/needs/:id`), never the raw path, so that label values stay few. */
function routeLabel(c: Context): string {
  const route = matchedRoutes(c).findLast((r) => r.method !== 'ALL');
  return route?.path ?? 'unmatched';
}

export function httpMetrics(metrics: Metrics): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const labels = { method: c.req.method, route: routeLabel(c), status: String(c.res.status) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, (performance.now() - started) / 1000);
  };
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const FORWARDED = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/**
 * A scrape from this machine itself. `local` is a request with no socket at all (in-process, as tests
 * send them). A request relayed by a proxy on this machine also arrives from loopback, but on behalf of
 * someone else: any forwarding header makes it not local. Such a header can only take access away, never
 * grant it, so forging one gains nothing.
 */
function fromThisMachine(c: Context): boolean {
  const ip = clientIp(c);
  if (ip !== 'local' && !LOOPBACK.test(ip)) return false;
  return !FORWARDED.some((name) => c.req.raw.headers.has(name));
}

const digest = (value: string) => createHash('sha256').update(value).digest();

function bearerMatches(c: Context, token: string | undefined): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1];
  // Equal-length digests: the comparison takes the same time whatever the guess.
  return token !== undefined && given !== undefined && timingSafeEqual(digest(given), digest(token));
}

export interface MetricsAccess {
  /** YUNSUPEI_METRICS_TOKEN: a scraper elsewhere sends it as `Authorization: Bearer <token>`. */
  token?: string | undefined;
}

/**
 * `/metrics` names every route and its traffic, so it answers only a scraper on this machine or one that
 * holds the metrics token; anyone else gets 403 problem+json.
 */
export function metricsRoutes(metrics: Metrics, access: MetricsAccess = {}): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  app.get('/metrics', async (c) => {
    if (!fromThisMachine(c) && !bearerMatches(c, access.token)) {
      return problemResponse(c, { status: 403, code: 'forbidden', detail: httpMessages.metricsForbidden });
    }
    return c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType });
  });
  return app;
}
