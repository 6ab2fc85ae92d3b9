import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { RequestClient } from '../application/deps.js';

/**
 * The peer address of the socket. Forwarded headers are ignored: anyone can write them, and a rate
 * limit keyed on them would be a rate limit the attacker chooses. Requests without a socket (tests
 * through `app.request()`) share one key.
 */
export function clientIp(c: Context): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

/** Who is at the other end, for the security log: the peer address and the User-Agent as sent. */
export function requestClient(c: Context): RequestClient {
  return { ip: clientIp(c), userAgent: c.req.header('User-Agent') ?? '' };
}
