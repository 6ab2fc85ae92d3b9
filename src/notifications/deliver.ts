import { inParallel } from './in-parallel.js';
import type { NotificationCreatedData } from './inbox.js';
import type { Inbox } from './inbox-service.js';
import { notificationId } from './notification-id.js';
import type { NotificationDraft } from './notifier.js';
import type { Recipients } from './recipients.js';

/**
 * Inboxes appended to at once. The SQLite store commits the appends queued in one tick together (one fsync
 * for all of them), so a fan-out to a thousand users costs a few commits instead of a thousand; bounded so
 * that KurrentDB is not sent a thousand appends at once.
 */
const INBOXES_AT_ONCE = 100;

/** What the drafts are about: a stored event, or for campaign.closing the campaign and the moment. */
export interface Source {
  id: string;
  at: string;
}

/**
 * Turns drafts into notifications in each recipient's inbox, with ids derived from (source, recipient,
 * type): delivering the same source again appends nothing. Returns how many notifications were appended,
 * once every inbox has them (so a checkpoint saved after it covers them all).
 */
export async function deliver(
  source: Source,
  drafts: NotificationDraft[],
  recipients: Recipients,
  inbox: Inbox,
): Promise<number> {
  const resolved = await recipients.resolveEach(drafts.map((draft) => draft.recipients));
  const perUser = new Map<string, NotificationCreatedData[]>();
  drafts.forEach((draft, i) => {
    for (const userId of resolved[i]!) {
      const list = perUser.get(userId) ?? [];
      list.push({
        id: notificationId(source.id, userId, draft.type),
        type: draft.type,
        title: draft.title,
        body: draft.body,
        link: draft.link,
        sourceEventId: source.id,
        createdAt: source.at,
        ...(draft.channels ? { channels: draft.channels } : {}),
      });
      perUser.set(userId, list);
    }
  });
  let appended = 0;
  await inParallel([...perUser], INBOXES_AT_ONCE, async ([userId, notifications]) => {
    // Added after the await: `appended += await …` would add to the count read before it.
    const fresh = await inbox.deliver(userId, notifications);
    appended += fresh;
  });
  return appended;
}
