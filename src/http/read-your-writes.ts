import type { MiddlewareHandler } from 'hono';
import type { ProjectionStatus } from '../projections/status.js';
import type { HttpEnv } from '../server/env.js';
import { httpMessages } from '../server/messages.js';
import { READ_YOUR_WRITES_TIMEOUT_MS } from '../server/read-your-writes.js';
import { problemResponse } from './problem.js';

export type { ProjectionStatus };

const POSITION = /^\d{1,19}$/;

/**
 * `?after=<position>` or `X-Min-Position`: wait until projections have passed the caller's own write,
 * up to 2 s; then answer with what the index has and say so with `X-Stale: true`.
 */
export function readAfter(
  projections: Pick<ProjectionStatus, 'waitFor'>,
  timeoutMs = READ_YOUR_WRITES_TIMEOUT_MS,
): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const raw = c.req.query('after') ?? c.req.header('X-Min-Position');
    if (raw === undefined) return next();
    if (!POSITION.test(raw)) {
      return problemResponse(c, {
        status: 422,
        code: 'validation',
        detail: httpMessages.validation,
        errors: [{ path: 'after', message: httpMessages.badPosition }],
      });
    }
    const caughtUp = await projections.waitFor(BigInt(raw), timeoutMs);
    await next();
    if (!caughtUp) c.res.headers.set('X-Stale', 'true');
  };
}
