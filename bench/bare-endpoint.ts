/**
 * `GET /bench/fts?q=&city=` beside the product's app, for bench/search-http-server.ts: a Hono app of its
 * own, asked before the product's. Added to the product's app instead, the route would come after the
 * pages' catch-all, which answers every path outside /api/ with the Chinese 404 page.
 */
import { Hono } from 'hono';
import type { NeedRequest } from './search-workload.js';

export const BARE_PATH = '/bench/fts';

type Fetch<E> = (request: Request, env: E) => Response | Promise<Response>;

export function withBareEndpoint<E, A extends object>(
  product: Fetch<E>,
  answer: (request: NeedRequest) => A,
): Fetch<E> {
  const bare = new Hono();
  bare.get(BARE_PATH, (c) => c.json(answer({ q: c.req.query('q') ?? '', city: c.req.query('city') ?? '' })));
  return (request, env) =>
    new URL(request.url).pathname === BARE_PATH ? bare.fetch(request) : product(request, env);
}
