import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../../src/eventstore/port.js';
import { CHECKPOINT_STREAM } from '../../../src/notifications/checkpoint.js';
import { emptyInbox, evolveInbox, inboxPage } from '../../../src/notifications/inbox.js';
import { notificationId } from '../../../src/notifications/notification-id.js';
import { inboxOf, startReactor } from '../../api/notifications-support.js';
import { createScenario } from '../../api/scenario.js';
import { createTestApi } from '../../api/support.js';

/** A store whose reactor checkpoint reads as never saved: the next reactor replays every event. */
function forgettingCheckpoint(store: EventStore, forget: () => boolean): EventStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'readStream') {
        return (stream: string, options?: Parameters<EventStore['readStream']>[1]) =>
          stream === CHECKPOINT_STREAM && forget() ? Promise.resolve([]) : target.readStream(stream, options);
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
