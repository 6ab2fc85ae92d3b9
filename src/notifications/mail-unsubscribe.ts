import { createHmac, timingSafeEqual } from 'node:crypto';
import { notificationTypes } from './settings-messages.js';
import type { NotificationType } from './types.js';

/**
 * Signed unsubscribe links: whoever holds the mail may stop those kinds of mail without signing in, and
 * nobody can forge a link for another user or another kind. The key is derived from the server's secret,
 * so it differs from the one that signs bearer tokens. The links do not expire: a mail read a year later
 * must still stop the mail. New links are signed with HMAC-SM3; links in mail sent before SM3 were signed
 * with HMAC-SHA-256 and are still honoured, since they can only stop mail and the mail cannot be resent.
 */
export interface UnsubscribeLinks {
  token(userId: string, types: NotificationType[]): string;
  /** What a well-signed token stops; null for anything else. */
  verify(token: string): { userId: string; types: NotificationType[] } | null;
}

export function createUnsubscribeLinks(secret: string): UnsubscribeLinks {
  const signer = (algorithm: 'sm3' | 'sha256') => {
    const key = createHmac(algorithm, secret).update('yunsupei unsubscribe links').digest();
    return (payload: string) => createHmac(algorithm, key).update(payload).digest('base64url');
  };
  const sign = signer('sm3');
  const signedBefore = signer('sha256');
  const known = new Set<string>(notificationTypes);
  return {
    token(userId, types) {
      const payload = Buffer.from(`${userId}|${types.join(',')}`, 'utf8').toString('base64url');
      return `${payload}.${sign(payload)}`;
    },
    verify(token) {
      const [payload, signature, ...rest] = token.split('.');
      if (!payload || !signature || rest.length > 0) return null;
      if (!sameText(signature, sign(payload)) && !sameText(signature, signedBefore(payload))) return null;
      const [userId, list] = Buffer.from(payload, 'base64url').toString('utf8').split('|');
      const types = (list ?? '').split(',').filter((type) => known.has(type)) as NotificationType[];
      return userId && types.length > 0 ? { userId, types } : null;
    },
  };
}

function sameText(given: string, expected: string): boolean {
  const left = Buffer.from(given);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}
