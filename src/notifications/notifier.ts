import type { Clock } from '../domain/shared/ids.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import type { SearchIndex } from '../search/port.js';
import type { NotificationChannel, NotificationType } from './types.js';

export interface NotificationDraft {
  type: NotificationType;
  /** Users by id, and/or organizations (every active user of the org gets one). */
  recipients: { userIds?: string[]; orgIds?: string[] };
  /** Chinese. */
  title: string;
  /** Chinese. */
  body: string;
  /** A site path, e.g. /needs/<id>. */
  link: string;
  /** Only where the recipient chose the channels (a saved search); otherwise their preferences decide. */
  channels?: NotificationChannel[];
}

export interface NotifierContext {
  store: EventStore;
  search: SearchIndex;
  clock: Clock;
}

/** What one stored event tells whom. Pure over its inputs apart from reads through ctx. */
export type Notifier = (event: RecordedEvent, ctx: NotifierContext) => Promise<NotificationDraft[]>;
