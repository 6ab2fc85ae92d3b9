import { createHmac, timingSafeEqual } from 'node:crypto';
import { notificationTypes } from './settings-messages.js';
import type { NotificationType } from './types.js';

/**
 * Signed unsubscribe links: whoever holds the mail may stop those kinds of mail without signing in, and
 * nobody can forge a link for another user or another kind. The key is derived from the server's secret,
 * so it differs from the one that signs bearer tokens. The links do not expire: a mail read a year later
 * must still stop the mail.
 */
export interface UnsubscribeLinks {
  token(userId: string, types: NotificationType[]): string;
  /** What a well-signed token stops; null for anything else. */
  verify(token: string): { userId: string; types: NotificationType[] } | null;
}

export function createUnsubscribeLinks(secret: string): UnsubscribeLinks {
  const key = createHmac('sha256', secret).update('yunsupei unsubscribe links').digest();
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
  const known = new Set<string>(notificationTypes);
  return {
    token(userId, types) {
      const payload = Buffer.from(`${userId}|${types.join(',')}`, 'utf8').toString('base64url');
      return `${payload}.${sign(payload)}`;
    },
    verify(token) {
      const [payload, signature, ...rest] = token.split('.');
      if (!payload || !signature || rest.length > 0) return null;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const [userId, list] = Buffer.from(payload, 'base64url').toString('utf8').split('|');
      const types = (list ?? '').split(',').filter((type) => known.has(type)) as NotificationType[];
      return userId && types.length > 0 ? { userId, types } : null;
    },
  };
}
