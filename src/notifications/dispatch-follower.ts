import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import type { Logger } from '../logger.js';
import { batches } from '../projections/batches.js';
import { inboxStream, type NotificationCreatedData } from './inbox.js';
import type { NotificationChannel, NotificationType } from './types.js';

const isNotification = (event: RecordedEvent) =>
  event.type === 'NotificationCreated' && event.stream.startsWith(inboxStream(''));

/** The user and the notification of a NotificationCreated in `inbox-<userId>`. */
export function notificationIn(event: RecordedEvent): {
  userId: string;
  notification: NotificationCreatedData;
} {
  const { data } = event;
  return {
    userId: event.stream.slice(inboxStream('').length),
    notification: {
      id: String(data.id),
      type: String(data.type) as NotificationType,
      title: String(data.title),
      body: String(data.body),
      link: String(data.link),
      sourceEventId: String(data.sourceEventId),
      createdAt: String(data.createdAt),
      ...(Array.isArray(data.channels)
        ? { channels: data.channels.map(String) as NotificationChannel[] }
        : {}),
    },
  };
}

export interface DispatchFollowerOptions {
  store: EventStore;
  logger: Logger;
  /** The stream holding this dispatcher's position in `$all`, e.g. `mailer-checkpoint`. */
  checkpointStream: string;
  /** Sends what a batch of new notifications asks for; throwing makes the batch come again. */
  handle(batch: RecordedEvent[]): Promise<void>;
  /** Saves the checkpoint at most this often while notifications flow. */
  checkpointEveryMs?: number;
}

const RETRY_MS = [200, 500, 1000, 2000, 5000, 10_000];
const BATCH_SIZE = 200;

/**
 * The outbox read side. A NotificationCreated in a user's inbox is the durable record that something is to
 * be sent; a dispatcher follows those events in `$all` with its own checkpoint, saved only after the batch
 * it covers was sent. A crash between the notification and the send leaves the checkpoint before it, and
 * the notification is sent on restart, with the same idempotency key. It reads the inboxes the reactor
 * wrote, so it never holds back the projections or the reactor.
 *
 * On its first start it begins at the head of the store: switching mail on does not mail the past.
 */
export class DispatchFollower {
  private handled: bigint | null = null;
  private lastSave = 0;
  private dirty = false;
  private trailingSave: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  private stopSubscription: (() => Promise<void>) | null = null;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: DispatchFollowerOptions) {}

  async start(): Promise<void> {
    const { store, checkpointStream } = this.options;
    const [last] = await store.readStream(checkpointStream, { direction: 'backwards', maxCount: 1 });
    if (last) this.handled = BigInt(String(last.data.position));
    else {
      const head = await store.headPosition();
      if (head >= 0n) await this.save(head);
      this.handled = head >= 0n ? head : null;
    }
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.trailingSave) clearTimeout(this.trailingSave);
    await this.stopSubscription?.();
    await this.running;
    if (this.dirty && this.handled !== null) {
      await this.save(this.handled).catch((error: unknown) =>
        this.options.logger.warn({ err: error }, 'dispatch checkpoint not saved on stop'),
      );
    }
    for (const wake of this.waiters) wake();
  }

  /** Resolves true once every notification up to `position` was dispatched, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    const done = () => (this.handled ?? -1n) >= position;
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        resolve(done());
      }, timeoutMs);
      const check = () => {
        if (!done() && !this.stopping) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(done());
      };
      this.waiters.add(check);
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        await this.follow();
        failures = 0;
      } catch (error) {
        if (this.stopping) break;
        const delay = RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]!;
        this.options.logger.error(
          { err: error, retryInMs: delay, dispatcher: this.options.checkpointStream },
          'dispatch failed; resuming',
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async follow(): Promise<void> {
    // Unfiltered, so that the position moves past everything else too and `waitFor(head)` can answer.
    const subscription = this.options.store.subscribeToAll({ fromPosition: this.handled ?? 'start' });
    this.stopSubscription = () => subscription.close();
    try {
      for await (const batch of batches(subscription, BATCH_SIZE)) {
        if (this.stopping) return;
        const notifications = batch.filter(isNotification);
        if (notifications.length > 0) await this.options.handle(notifications);
        this.handled = batch.at(-1)!.position;
        for (const wake of [...this.waiters]) wake();
        // Only notifications move the checkpoint: its own events come back through `$all`.
        if (notifications.length > 0) this.dirty = true;
        if (this.dirty) await this.saveIfDue();
      }
    } finally {
      await subscription.close();
    }
  }

  private async saveIfDue(): Promise<void> {
    const wait = this.lastSave + (this.options.checkpointEveryMs ?? 1000) - Date.now();
    if (wait > 0) {
      this.trailingSave ??= setTimeout(() => {
        this.trailingSave = null;
        if (!this.stopping && this.dirty && this.handled !== null) {
          this.save(this.handled).catch(() => undefined);
        }
      }, wait);
      return;
    }
    if (this.handled !== null) await this.save(this.handled);
  }

  private async save(position: bigint): Promise<void> {
    await this.options.store.append(this.options.checkpointStream, [
      { type: 'DispatchCheckpointed', data: { position: position.toString() }, metadata: {} },
    ]);
    this.lastSave = Date.now();
    this.dirty = false;
  }
}
