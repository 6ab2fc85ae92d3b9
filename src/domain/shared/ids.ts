import { randomUUID } from 'node:crypto';

/** Domain code never calls this directly: ids and time are injected so that deciders stay pure. */
export type IdGenerator = () => string;
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * RFC 9562 UUIDv7: 48-bit millisecond timestamp, then random bits, so ids sort by creation time. The random
 * part comes from randomUUID (pooled by Node, so several times cheaper than randomBytes per call).
 */
export function uuidv7(now: number = Date.now()): string {
  const random = randomUUID();
  const ts = now.toString(16).padStart(12, '0').slice(-12);
  return `${ts.slice(0, 8)}-${ts.slice(8)}-7${random.slice(15, 18)}-${random.slice(19, 23)}-${random.slice(24)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
