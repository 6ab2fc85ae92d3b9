import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { type ProjectionStatus, readAfter } from '../../src/http/read-your-writes.js';
import type { HttpEnv } from '../../src/server/env.js';

/** A projection that reaches `reachesAt` only when told to. */
function laggingProjection(initial: bigint) {
  let position = initial;
  const waiters: (() => void)[] = [];
  const status: Pick<ProjectionStatus, 'position' | 'waitFor'> = {
    position: async () => position,
    waitFor: (target, timeoutMs) =>
      new Promise((resolve) => {
        if (position >= target) return resolve(true);
        const timer = setTimeout(() => resolve(position >= target), timeoutMs);
        waiters.push(() => {
          if (position >= target) {
            clearTimeout(timer);
            resolve(true);
          }
        });
      }),
  };
  return {
    status,
    advanceTo(next: bigint) {
      position = next;
      for (const wake of waiters) wake();
    },
  };
}

function appWith(projection: Pick<ProjectionStatus, 'waitFor'>, timeoutMs: number) {
  const app = new Hono<HttpEnv>();
  app.use('*', async (c, next) => {
    c.set('requestId', 'r');
    await next();
  });
  app.get('/list', readAfter(projection, timeoutMs), (c) => c.json({ ok: true }));
  return app;
}

describe('read your writes: ?after= and X-Min-Position', () => {
  it('answers at once when the projections are past the position', async () => {
    const projection = laggingProjection(10n);
    const res = await appWith(projection.status, 2000).request('/list?after=10');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-stale')).toBeNull();
  });

  it('waits for the projections to reach the position', async () => {
    const projection = laggingProjection(3n);
    const pending = appWith(projection.status, 2000).request('/list', { headers: { 'X-Min-Position': '7' } });
    setTimeout(() => projection.advanceTo(7n), 30);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.headers.get('x-stale')).toBeNull();
  });

  it('answers with what it has and X-Stale: true once the wait times out', async () => {
    const projection = laggingProjection(3n);
    const started = Date.now();
    const res = await appWith(projection.status, 100).request('/list?after=9');
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-stale')).toBe('true');
  });

  it('answers a position that is not a number with 422', async () => {
    const projection = laggingProjection(3n);
    const res = await appWith(projection.status, 100).request('/list?after=abc');
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});
