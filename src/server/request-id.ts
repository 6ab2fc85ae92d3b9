import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { HttpEnv } from './env.js';

const ACCEPTABLE = /^[\w.:-]{1,128}$/;

/** Takes the caller's `X-Request-Id` when it is sane (a proxy's, a client's), else makes one; echoes it back. */
export function requestId(): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const incoming = c.req.header('X-Request-Id');
    const id = incoming && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
    c.res.headers.set('X-Request-Id', id);
  };
}
