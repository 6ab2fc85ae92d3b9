import type { NotificationChannel, NotificationType } from './types.js';

/**
 * A user's inbox is the stream `inbox-<userId>`; its state is the fold of these events. Delivery is
 * at-least-once, so a NotificationCreated may be stored twice: the fold keeps the first of each id.
 */
export const inboxStream = (userId: string) => `inbox-${userId}`;

export interface NotificationCreatedData {
  id: string;
  type: NotificationType;
  title: string;
  body: string;
  link: string;
  /** The event (or, for campaign.closing, the campaign) it tells about. */
  sourceEventId: string;
  createdAt: string;
  /** Absent on notifications stored before saved searches chose channels. */
  channels?: NotificationChannel[];
}

export type InboxEvent =
  | { type: 'NotificationCreated'; data: NotificationCreatedData }
  | { type: 'NotificationRead'; data: { id: string; at: string } }
  /** Every notification at or below stream revision `upTo`: what the reader had when they pressed it. */
  | { type: 'AllNotificationsRead'; data: { upTo: number; at: string } };

export interface Notification {
  id: string;
  type: NotificationType;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface InboxState {
  /** In delivery order, oldest first. */
  items: (Notification & { revision: number })[];
  byId: Map<string, Notification & { revision: number }>;
  unread: number;
  /** Revision of the last event folded, -1 for an empty stream. */
  revision: number;
}

export const emptyInbox = (): InboxState => ({ items: [], byId: new Map(), unread: 0, revision: -1 });

/** Folds one event in place: the caller owns the state (one per user, folded in stream order). */
export function evolveInbox(state: InboxState, event: InboxEvent, revision: number): void {
  state.revision = revision;
  switch (event.type) {
    case 'NotificationCreated': {
      const { sourceEventId: _source, channels: _channels, ...fields } = event.data;
      if (state.byId.has(fields.id)) return;
      const item = { ...fields, readAt: null, revision };
      state.items.push(item);
      state.byId.set(item.id, item);
      state.unread += 1;
      return;
    }
    case 'NotificationRead': {
      const item = state.byId.get(event.data.id);
      if (!item || item.readAt) return;
      item.readAt = event.data.at;
      state.unread -= 1;
      return;
    }
    case 'AllNotificationsRead':
      for (const item of state.items) {
        if (item.revision > event.data.upTo) break;
        if (item.readAt) continue;
        item.readAt = event.data.at;
        state.unread -= 1;
      }
  }
}

export interface InboxPage {
  items: Notification[];
  unread: number;
  total: number;
}

/** Newest first; `total` counts what the filter keeps, `unread` the whole inbox. */
export function inboxPage(
  state: InboxState,
  query: { unread?: boolean; page: number; pageSize: number },
): InboxPage {
  const kept = state.items.filter((item) => !query.unread || item.readAt === null).reverse();
  const start = (query.page - 1) * query.pageSize;
  return {
    items: kept.slice(start, start + query.pageSize).map(({ revision: _revision, ...item }) => item),
    unread: state.unread,
    total: kept.length,
  };
}
