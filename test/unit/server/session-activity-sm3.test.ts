import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionActivity } from '../../../src/server/session-activity.js';

const SECRET = 'a-secret-of-at-least-16-chars';
const AT = new Date('2025-03-01T02:00:00.000Z');
const mac = (algorithm: string) =>
  createHmac(algorithm, SECRET).update(`session-activity\nsession-1\n${AT.getTime()}`).digest('base64url');

describe('session activity stamps under 商用密码', () => {
  const activity = createSessionActivity(SECRET);

  it('signs the stamp with HMAC-SM3', () => {
    expect(activity.stamp('session-1', AT)).toBe(`${AT.getTime()}.${mac('sm3')}`);
    expect(activity.lastActive('session-1', `${AT.getTime()}.${mac('sm3')}`)).toEqual(AT);
  });

  it('reads a stamp signed with HMAC-SHA-256 as missing', () =>
    expect(activity.lastActive('session-1', `${AT.getTime()}.${mac('sha256')}`)).toBeNull());
});
