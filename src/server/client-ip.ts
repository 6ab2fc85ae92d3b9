import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The peer address of the socket. Forwarded headers are ignored: anyone can write them, and a rate
 * limit keyed on them would be a rate limit the attacker chooses. Requests without a socket (tests
 * through `app.request()`) share one key.
 */
export function clientIp(c: Context): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}
