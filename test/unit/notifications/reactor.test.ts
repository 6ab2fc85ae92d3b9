import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../../src/eventstore/port.js';
import { CHECKPOINT_STREAM } from '../../../src/notifications/checkpoint.js';
import { emptyInbox, evolveInbox, inboxPage } from '../../../src/notifications/inbox.js';
import { notificationId } from '../../../src/notifications/notification-id.js';
import { inboxOf, startReactor } from '../../api/notifications-support.js';
import { createScenario } from '../../api/scenario.js';
import { createTestApi } from '../../api/support.js';

/**
 * A store whose reactor checkpoint reads as never saved (its start is kept): the next reactor replays every
 * event since it first started.
 */
function forgettingCheckpoint(store: EventStore, forget: () => boolean): EventStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'readStream') {
        return async (stream: string, options?: Parameters<EventStore['readStream']>[1]) => {
          const events = await target.readStream(stream, options);
          return stream === CHECKPOINT_STREAM && forget()
            ? events.filter((event) => event.type !== 'ReactorCheckpointed')
            : events;
        };
      }
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('the notification reactor', () => {
  it('replaying the same events gives one notification per event and recipient', async () => {
    let forget = false;
    const api = await createTestApi({ wrapStore: (store) => forgettingCheckpoint(store, () => forget) });
    try {
      const first = await startReactor(api);
      const s = await createScenario(api);
      await s.engagement('shortlisted');
      await first.settled();
      await first.reactor.stop();
      const once = await inboxOf(api, s.vendor.token, '?pageSize=100');
      expect(once.items.map((n) => n.type)).toEqual(
        expect.arrayContaining(['engagement.shortlisted', 'listing.approved', 'org.verified']),
      );

      forget = true;
      const replay = await startReactor(api);
      expect(replay.reactor.position()).toBe(-1n);
      await replay.settled();
      await replay.reactor.stop();
      expect(await inboxOf(api, s.vendor.token, '?pageSize=100')).toEqual(once);
      // Nothing was even appended twice.
      const stored = await api.store.readStream(`inbox-${s.vendor.userId}`);
      expect(stored.length).toBe(once.total);
    } finally {
      await api.close();
    }
  });
});

describe('the notification reactor, first run on a store with history', () => {
  it('tells nobody of past events, and tells of a new one the members it learnt from the history', async () => {
    let forget = false;
    const api = await createTestApi({ wrapStore: (store) => forgettingCheckpoint(store, () => forget) });
    try {
      // History written before notifications existed: organizations verified, a solution approved, an
      // engagement under way, a need waiting for review.
      const s = await createScenario(api);
      await s.engagement('shortlisted');
      const waiting = await s.need('submitted');
      const everyone = [s.demander, s.demander2, s.vendor, s.vendor2];
      const first = await startReactor(api);
      await first.settled();
      for (const org of everyone) expect((await inboxOf(api, org.token)).total).toBe(0);

      const approved = await api.request('POST', `/api/v1/needs/${waiting}/approve`, { token: s.staff });
      expect(approved.status).toBe(200);
      await first.settled();
      await first.reactor.stop();
      const told = async () =>
        Promise.all(
          everyone.map(async (org) =>
            (await inboxOf(api, org.token, '?pageSize=100')).items.map((n) => [n.type, n.link]),
          ),
        );
      const after = await told();
      // The demander's approval and the need.matched of the vendor whose solution fits: both organizations'
      // users were registered long before the reactor first ran.
      expect(after).toEqual([
        [['listing.approved', `/needs/${waiting}`]],
        [],
        [['need.matched', `/needs/${waiting}`]],
        [],
      ]);

      // A restart that lost its position (a crash before the first save) keeps the same start.
      forget = true;
      const again = await startReactor(api);
      expect(again.reactor.position()).toBe(-1n);
      await again.settled();
      await again.reactor.stop();
      expect(await told()).toEqual(after);
    } finally {
      await api.close();
    }
  });
});

describe('an inbox', () => {
  const created = (id: string, at: string) => ({
    type: 'NotificationCreated' as const,
    data: {
      id,
      type: 'org.verified' as const,
      title: 't',
      body: 'b',
      link: '/my',
      sourceEventId: 's',
      createdAt: at,
    },
  });

  it('shows a notification delivered twice once, and read-all covers only what the reader had', () => {
    const state = emptyInbox();
    evolveInbox(state, created('a', '2025-01-01T00:00:00Z'), 0);
    evolveInbox(state, created('a', '2025-01-01T00:00:00Z'), 1);
    evolveInbox(state, created('b', '2025-01-02T00:00:00Z'), 2);
    evolveInbox(state, { type: 'AllNotificationsRead', data: { upTo: 2, at: '2025-01-03T00:00:00Z' } }, 3);
    evolveInbox(state, created('c', '2025-01-04T00:00:00Z'), 4);
    const page = inboxPage(state, { page: 1, pageSize: 10 });
    expect(page.items.map((n) => [n.id, n.readAt])).toEqual([
      ['c', null],
      ['b', '2025-01-03T00:00:00Z'],
      ['a', '2025-01-03T00:00:00Z'],
    ]);
    expect(page.unread).toBe(1);
  });

  it('derives one id per source, recipient and type', () => {
    const id = notificationId('event-1', 'user-1', 'org.verified');
    expect(notificationId('event-1', 'user-1', 'org.verified')).toBe(id);
    expect(notificationId('event-1', 'user-2', 'org.verified')).not.toBe(id);
    expect(notificationId('event-1', 'user-1', 'org.suspended')).not.toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
