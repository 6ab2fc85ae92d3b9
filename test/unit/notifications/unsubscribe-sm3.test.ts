import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUnsubscribeLinks } from '../../../src/notifications/mail-unsubscribe.js';

const SECRET = 'a-secret-of-at-least-16-chars';
const payload = Buffer.from('user-1|engagement.applied', 'utf8').toString('base64url');
const signed = (algorithm: string, secret = SECRET) => {
  const key = createHmac(algorithm, secret).update('yunsupei unsubscribe links').digest();
  return `${payload}.${createHmac(algorithm, key).update(payload).digest('base64url')}`;
};

describe('unsubscribe links under 商用密码', () => {
  const links = createUnsubscribeLinks(SECRET);

  it('signs new links with HMAC-SM3', () =>
    expect(links.token('user-1', ['engagement.applied'])).toBe(signed('sm3')));

  it('still honours a link signed with HMAC-SHA-256 in mail sent before SM3', () =>
    expect(links.verify(signed('sha256'))).toEqual({ userId: 'user-1', types: ['engagement.applied'] }));

  it('refuses a link signed with another secret or another hash', () => {
    expect(links.verify(signed('sm3', 'another-secret-of-16-chars'))).toBeNull();
    expect(links.verify(signed('sha256', 'another-secret-of-16-chars'))).toBeNull();
    expect(links.verify(signed('sha512'))).toBeNull();
  });
});
