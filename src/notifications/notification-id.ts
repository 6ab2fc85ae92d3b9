import { createHash } from 'node:crypto';
import type { NotificationType } from './types.js';

/**
 * The same (source, recipient, type) always gives the same id, so a replayed event finds its notification
 * already delivered. UUID-shaped (version 8: custom) from a SHA-256 of the three.
 */
export function notificationId(sourceId: string, userId: string, type: NotificationType): string {
  const hex = createHash('sha256').update(`${sourceId}\n${userId}\n${type}`).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
