import { randomUUID } from 'node:crypto';
import type { Actor } from '../domain/shared/actor.js';
import type { Clock } from '../domain/shared/ids.js';
import type { EventData, EventStore, JsonObject } from '../eventstore/port.js';
import {
  emptyInbox,
  evolveInbox,
  type InboxEvent,
  type InboxPage,
  type InboxState,
  inboxPage,
  inboxStream,
  type Notification,
  type NotificationCreatedData,
} from './inbox.js';
import { notificationError } from './messages.js';

/** Users whose folded inbox a process keeps; the oldest-used is dropped first. */
const CACHED_INBOXES = 5000;

export interface InboxQuery {
  unread?: boolean | undefined;
  page: number;
  pageSize: number;
}

/**
 * Reads and writes users' inboxes. The header of every signed-in page asks for the unread count, so each
 * user's fold is kept and brought up to date by reading only the events after the revision it has
 * (one small read per request, correct across processes). Reads of one user run one after another, so the
 * fold is never advanced twice at once.
 */
export interface Inbox {
  page(userId: string, query: InboxQuery): Promise<InboxPage>;
  unreadCount(userId: string): Promise<number>;
  /** Marks one notification read; someone else's id, or one that does not exist, is notification.not_found. */
  markRead(reader: Actor, id: string): Promise<Notification>;
  markAllRead(reader: Actor): Promise<{ unread: number }>;
  /** Appends the notifications the inbox does not hold yet; returns how many it appended. */
  deliver(userId: string, notifications: NotificationCreatedData[]): Promise<number>;
}

/** Deliveries are the platform's doing, as start-up's and the CLI's writes are. */
const PLATFORM: Actor = { userId: null, orgId: null, role: 'staff' };

const metadata = (actor: Actor, at: string, causationId: string | null): JsonObject => ({
  actor: { userId: actor.userId, orgId: actor.orgId, role: actor.role },
  at,
  correlationId: causationId ?? randomUUID(),
  causationId,
});

export function createInbox(store: EventStore, clock: Clock): Inbox {
  const folds = new Map<string, InboxState>();
  const queues = new Map<string, Promise<unknown>>();

  /** Runs `work` after every earlier piece of work on the same user's inbox. */
  function serialized<T>(userId: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(userId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    queues.set(userId, settled);
    settled.then(() => {
      if (queues.get(userId) === settled) queues.delete(userId);
    });
    return next;
  }

  async function load(userId: string): Promise<InboxState> {
    const state = folds.get(userId) ?? emptyInbox();
    const recorded = await store.readStream(inboxStream(userId), {
      fromRevision: BigInt(state.revision + 1),
    });
    for (const event of recorded) {
      evolveInbox(state, { type: event.type, data: event.data } as InboxEvent, Number(event.revision));
    }
    folds.delete(userId);
    folds.set(userId, state);
    if (folds.size > CACHED_INBOXES) folds.delete(folds.keys().next().value!);
    return state;
  }

  const append = (userId: string, events: EventData[]) =>
    store.append(inboxStream(userId), events, { expectedRevision: 'any' });

  return {
    page: (userId, query) => serialized(userId, async () => inboxPage(await load(userId), query)),
    unreadCount: (userId) => serialized(userId, async () => (await load(userId)).unread),
    markRead: (reader, id) => {
      const userId = reader.userId ?? '';
      return serialized(userId, async () => {
        const item = (await load(userId)).byId.get(id);
        if (!item) throw notificationError('not_found', { id });
        if (item.readAt === null) {
          const at = clock().toISOString();
          await append(userId, [
            { type: 'NotificationRead', data: { id, at }, metadata: metadata(reader, at, null) },
          ]);
        }
        const { revision: _revision, ...read } = (await load(userId)).byId.get(id)!;
        return read;
      });
    },
    markAllRead: (reader) => {
      const userId = reader.userId ?? '';
      return serialized(userId, async () => {
        const state = await load(userId);
        if (state.unread === 0) return { unread: 0 };
        const at = clock().toISOString();
        await append(userId, [
          {
            type: 'AllNotificationsRead',
            data: { upTo: state.revision, at },
            metadata: metadata(reader, at, null),
          },
        ]);
        return { unread: (await load(userId)).unread };
      });
    },
    deliver: (userId, notifications) =>
      serialized(userId, async () => {
        const state = await load(userId);
        const fresh = [...new Map(notifications.map((n) => [n.id, n])).values()].filter(
          (n) => !state.byId.has(n.id),
        );
        if (fresh.length === 0) return 0;
        await append(
          userId,
          fresh.map((data) => ({
            type: 'NotificationCreated',
            data: { ...data },
            metadata: metadata(PLATFORM, data.createdAt, data.sourceEventId),
          })),
        );
        return fresh.length;
      }),
  };
}
