import { describe, expect, it } from 'vitest';
import { createUnsubscribeLinks } from '../../../src/notifications/mail-unsubscribe.js';
import {
  emailChoiceOf,
  type NotificationSettingsEvent,
  notificationSettingsDecider,
} from '../../../src/notifications/settings.js';
import { deciderSpec } from '../domain/spec.js';

const spec = deciderSpec(notificationSettingsDecider);
const now = new Date('2025-03-01T02:00:00.000Z');
const at = now.toISOString();
const me = { userId: 'u1', orgId: 'o1', role: 'vendor' as const };
const context = { actor: me, now };

const changed = (data: Partial<NotificationSettingsEvent['data']> & object): NotificationSettingsEvent =>
  ({
    type: 'NotificationSettingsChanged',
    data: { userId: 'u1', email: null, choices: {}, at, ...data },
  }) as NotificationSettingsEvent;

describe('notification settings', () => {
  it('defaults: news that asks for an answer at once, match news in the daily digest', () => {
    const state = notificationSettingsDecider.initialState();
    expect(emailChoiceOf(state, 'invitation.received')).toBe('immediately');
    expect(emailChoiceOf(state, 'engagement.applied')).toBe('immediately');
    expect(emailChoiceOf(state, 'need.matched')).toBe('daily');
    expect(emailChoiceOf(state, 'subscription.hit')).toBe('daily');
  });

  it('given nothing, when the user sets an address and a choice, then both are recorded', () =>
    spec([])
      .when({
        type: 'ChangeNotificationSettings',
        data: { userId: 'u1', email: 'me@example.cn', choices: { 'need.matched': 'never' } },
        context,
      })
      .then([changed({ email: 'me@example.cn', choices: { 'need.matched': 'never' } })]));

  it('given choices, when another is changed, then the earlier ones are kept', () =>
    spec([changed({ choices: { 'need.matched': 'never' } })])
      .when({
        type: 'ChangeNotificationSettings',
        data: { userId: 'u1', choices: { 'org.verified': 'daily' } },
        context,
      })
      .then([changed({ choices: { 'need.matched': 'never', 'org.verified': 'daily' } })]));

  it('given settings, when the same are saved again, then nothing is recorded', () =>
    spec([changed({ email: 'me@example.cn' })])
      .when({
        type: 'ChangeNotificationSettings',
        data: { userId: 'u1', email: 'me@example.cn', choices: { 'need.matched': 'daily' } },
        context,
      })
      .then([]));

  it("when someone changes another user's settings, then it is refused", () =>
    spec([])
      .when({ type: 'ChangeNotificationSettings', data: { userId: 'u2', choices: {} }, context })
      .thenThrows('notification_settings.not_own', 403));

  it('given nothing, when a mail link stops two kinds, then both become never; stopping again records nothing', () => {
    const stopped: NotificationSettingsEvent = {
      type: 'EmailsStopped',
      data: { userId: 'u1', types: ['need.matched', 'org.verified'], at },
    };
    const anonymous = { actor: { userId: null, orgId: null, role: 'anonymous' as const }, now };
    spec([])
      .when({
        type: 'StopEmails',
        data: { userId: 'u1', types: ['need.matched', 'org.verified'] },
        context: anonymous,
      })
      .then([stopped]);
    spec([stopped])
      .when({ type: 'StopEmails', data: { userId: 'u1', types: ['org.verified'] }, context: anonymous })
      .then([]);
  });
});

describe('unsubscribe links', () => {
  const links = createUnsubscribeLinks('a-secret-of-at-least-16-chars');
  it('carry the user and the kinds, and refuse a changed or foreign link', () => {
    const token = links.token('u1', ['need.matched', 'org.verified']);
    expect(links.verify(token)).toEqual({ userId: 'u1', types: ['need.matched', 'org.verified'] });
    const [payload, signature] = token.split('.');
    const other = links.token('u2', ['need.matched']).split('.')[0];
    expect(links.verify(`${other}.${signature}`)).toBeNull();
    expect(links.verify(`${payload}.${signature!.slice(0, -1)}A`)).toBeNull();
    expect(createUnsubscribeLinks('another-secret-of-16-chars').verify(token)).toBeNull();
  });
});
