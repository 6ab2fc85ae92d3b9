import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userStream } from '../../../src/domain/user/stream.js';
import type { EventStore, RecordedEvent } from '../../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite/sqlite-event-store.js';
import { deliver } from '../../../src/notifications/deliver.js';
import { inboxStream } from '../../../src/notifications/inbox.js';
import { createInbox } from '../../../src/notifications/inbox-service.js';
import type { NotificationDraft } from '../../../src/notifications/notifier.js';
import { Recipients } from '../../../src/notifications/recipients.js';

const AT = '2025-03-01T08:00:00.000Z';
const ORG = '0195a000-0000-7000-8000-00000000a000';
const userId = (i: number) => `0195a000-0000-7000-8000-${String(i).padStart(12, '0')}`;

const draft = (recipients: NotificationDraft['recipients']): NotificationDraft => ({
  type: 'subscription.hit',
  recipients,
  title: '您订阅的搜索有新的需求',
  body: '新发布的需求符合您订阅的搜索。',
  link: '/needs/n1',
});

describe('delivering one event to many inboxes', () => {
  let dir: string;
  let store: EventStore;
  /** Transactions that appended something, as the SQLite store reports its group commits. */
  let commits: number;
  /** The user streams read, one entry per read. */
  let userReads: string[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yunsupei-deliver-'));
    commits = 0;
    userReads = [];
    const sqlite = openSqliteEventStore({
      path: join(dir, 'events.db'),
      synchronous: 'NORMAL',
      onCommit: (stats) => {
        if (stats.appends > 0) commits += 1;
      },
    });
    store = new Proxy(sqlite, {
      get(target, key, receiver) {
        if (key === 'readStream') {
          return (stream: string, options?: Parameters<EventStore['readStream']>[1]) => {
            if (stream.startsWith('user-')) userReads.push(stream);
            return target.readStream(stream, options);
          };
        }
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Registers users 0..count-1 as members of ORG (through the reactor's own learning) and returns them. */
  async function members(recipients: Recipients, count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, (_, i) => userId(i));
    for (const id of ids) {
      const data = { userId: id, username: `u${id}`, passwordHash: 'x', role: 'vendor', orgId: ORG, at: AT };
      await store.append(userStream(id), [{ type: 'UserRegistered', data }]);
      const [registered] = await store.readStream(userStream(id));
      await recipients.learn(registered as RecordedEvent);
    }
    return ids;
  }

  it('commits a fan-out to 300 inboxes in a few transactions, not one per inbox', async () => {
    const recipients = new Recipients(store);
    const inbox = createInbox(store, () => new Date(AT));
    const ids = await members(recipients, 300);
    commits = 0;

    const appended = await deliver({ id: 'e1', at: AT }, [draft({ orgIds: [ORG] })], recipients, inbox);

    expect(appended).toBe(300);
    expect(commits).toBeLessThanOrEqual(10);
    for (const id of ids) expect(await store.readStream(inboxStream(id))).toHaveLength(1);
    // Again: every notification is there already.
    expect(await deliver({ id: 'e1', at: AT }, [draft({ orgIds: [ORG] })], recipients, inbox)).toBe(0);
  });

  it('reads each named user once, however many drafts name them, and tells active users only', async () => {
    const recipients = new Recipients(store);
    const inbox = createInbox(store, () => new Date(AT));
    const [first, disabled, third] = await members(recipients, 3);
    await store.append(userStream(disabled!), [
      { type: 'UserDisabled', data: { userId: disabled!, reason: null, at: AT } },
    ]);
    userReads = [];

    const drafts = [
      draft({ orgIds: [ORG] }),
      { ...draft({ userIds: [first!, disabled!] }), type: 'need.matched' as const },
    ];
    const appended = await deliver({ id: 'e2', at: AT }, drafts, recipients, inbox);

    expect(userReads.toSorted()).toEqual([first, disabled, third].map((id) => userStream(id!)).toSorted());
    expect(appended).toBe(3);
    const told = async (id: string) => (await store.readStream(inboxStream(id))).map((e) => e.data.type);
    expect(await told(first!)).toEqual(['subscription.hit', 'need.matched']);
    expect(await told(disabled!)).toEqual([]);
    expect(await told(third!)).toEqual(['subscription.hit']);
  });
});
