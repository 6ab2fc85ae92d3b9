import type { Context, Env, MiddlewareHandler } from 'hono';
import type { HttpEnv } from './env.js';

/** Generic over the environment, so that the pages' richer context draws from the same limiter. */
export interface RateLimitOptions<E extends Env = HttpEnv> {
  /** Sustained requests per minute per key; also the burst a full bucket allows. */
  perMinute: number;
  /** Which bucket a request draws from (an IP, a user). */
  key: (c: Context<E>) => string;
  now?: () => number;
  /** Idle full buckets are forgotten past this many keys. */
  maxKeys?: number;
  /**
   * The answer to a request over the limit: the API's is problem+json. Without one, a bare 429 with
   * `Retry-After`, for callers that word the refusal themselves (the pages).
   */
  refuse?: (c: Context<E>, retryAfterSeconds: number) => Response;
}

const bare429 = (c: Context, retryAfterSeconds: number) =>
  c.body(null, 429, { 'Retry-After': String(retryAfterSeconds) });

interface Bucket {
  tokens: number;
  at: number;
}

/** A token bucket per key: `perMinute` tokens, refilled continuously; an empty bucket answers 429. */
export function rateLimit<E extends Env = HttpEnv>({
  perMinute,
  key,
  now = Date.now,
  maxKeys = 50_000,
  refuse = bare429,
}: RateLimitOptions<E>): MiddlewareHandler<E> {
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, t: number) => {
    bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.at) * perMs);
    bucket.at = t;
  };

  const forgetIdle = (t: number) => {
    for (const [k, bucket] of buckets) {
      refill(bucket, t);
      if (bucket.tokens >= perMinute) buckets.delete(k);
    }
    if (buckets.size >= maxKeys) buckets.clear();
  };

  return async (c, next) => {
    const t = now();
    const k = key(c);
    let bucket = buckets.get(k);
    if (!bucket) {
      if (buckets.size >= maxKeys) forgetIdle(t);
      bucket = { tokens: perMinute, at: t };
      buckets.set(k, bucket);
    }
    refill(bucket, t);
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      return refuse(c, retryAfter);
    }
    bucket.tokens -= 1;
    return next();
  };
}
