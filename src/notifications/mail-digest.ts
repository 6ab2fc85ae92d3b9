import type { Clock } from '../domain/shared/ids.js';
import type { EventStore, JsonObject } from '../eventstore/port.js';
import type { DigestItem } from './mail-text.js';
import type { NotificationType } from './types.js';

/**
 * The daily digest's queue, kept by the mail dispatcher: `mailer-digest-<day>` holds the items of one
 * Beijing day and which users were mailed; `mailer-digest-days` which days have items and which are done.
 * Day D's digest goes out from 08:00 Beijing time on day D+1.
 */
export const digestDayStream = (day: string) => `mailer-digest-${day}`;
export const DIGEST_DAYS_STREAM = 'mailer-digest-days';

const HOUR = 3600_000;

/** The Beijing calendar day of an instant, `YYYY-MM-DD`. */
export const beijingDay = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * HOUR).toISOString().slice(0, 10);

/** 08:00 Beijing on the next day is 00:00 UTC on it. */
export const digestDueAt = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 24 * HOUR);

const digestItemOf = (data: JsonObject): DigestItem => ({
  notificationId: String(data.notificationId),
  type: String(data.type) as NotificationType,
  title: String(data.title),
  body: String(data.body),
  link: String(data.link),
  createdAt: String(data.createdAt),
});

export interface QueuedDigest {
  day: string;
  /** Per user, each notification once, in the order queued. */
  items: Map<string, DigestItem[]>;
  mailed: Set<string>;
}

export class DigestQueue {
  private openDays: Set<string> | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async enqueue(entries: { userId: string; item: DigestItem }[]): Promise<void> {
    // The day on the injected clock when queued, a moment after the notification was created.
    const day = beijingDay(this.clock().toISOString());
    const days = await this.days();
    if (!days.has(day)) {
      await this.store.append(DIGEST_DAYS_STREAM, [{ type: 'DigestDayOpened', data: { day }, metadata: {} }]);
      days.add(day);
    }
    await this.store.append(
      digestDayStream(day),
      entries.map(({ userId, item }) => ({
        type: 'DigestItemQueued',
        data: { userId, ...item },
        metadata: {},
      })),
    );
  }

  /** The open days whose digest is due now. */
  async due(): Promise<string[]> {
    const now = this.clock().getTime();
    return [...(await this.days())].filter((day) => digestDueAt(day).getTime() <= now).sort();
  }

  async read(day: string): Promise<QueuedDigest> {
    const items = new Map<string, DigestItem[]>();
    const seen = new Set<string>();
    const mailed = new Set<string>();
    for (const event of await this.store.readStream(digestDayStream(day))) {
      const userId = String(event.data.userId);
      if (event.type === 'DigestMailed') mailed.add(userId);
      if (event.type !== 'DigestItemQueued') continue;
      const item = digestItemOf(event.data);
      if (seen.has(item.notificationId)) continue;
      seen.add(item.notificationId);
      items.set(userId, [...(items.get(userId) ?? []), item]);
    }
    return { day, items, mailed };
  }

  async markMailed(day: string, userId: string): Promise<void> {
    await this.store.append(digestDayStream(day), [{ type: 'DigestMailed', data: { userId }, metadata: {} }]);
  }

  async markDone(day: string): Promise<void> {
    await this.store.append(DIGEST_DAYS_STREAM, [{ type: 'DigestDayDone', data: { day }, metadata: {} }]);
    (await this.days()).delete(day);
  }

  private async days(): Promise<Set<string>> {
    if (!this.openDays) {
      const open = new Set<string>();
      for (const event of await this.store.readStream(DIGEST_DAYS_STREAM)) {
        if (event.type === 'DigestDayOpened') open.add(String(event.data.day));
        else open.delete(String(event.data.day));
      }
      this.openDays = open;
    }
    return this.openDays;
  }
}
