import type { NotificationCreatedData } from './inbox.js';
import type { Inbox } from './inbox-service.js';
import { notificationId } from './notification-id.js';
import type { NotificationDraft } from './notifier.js';
import type { Recipients } from './recipients.js';

/** What the drafts are about: a stored event, or for campaign.closing the campaign and the moment. */
export interface Source {
  id: string;
  at: string;
}

/**
 * Turns drafts into notifications in each recipient's inbox, with ids derived from (source, recipient,
 * type): delivering the same source again appends nothing. Returns how many notifications were appended.
 */
export async function deliver(
  source: Source,
  drafts: NotificationDraft[],
  recipients: Recipients,
  inbox: Inbox,
): Promise<number> {
  const perUser = new Map<string, NotificationCreatedData[]>();
  for (const draft of drafts) {
    for (const userId of await recipients.resolve(draft.recipients)) {
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
  }
  let appended = 0;
  for (const [userId, notifications] of perUser) appended += await inbox.deliver(userId, notifications);
  return appended;
}
