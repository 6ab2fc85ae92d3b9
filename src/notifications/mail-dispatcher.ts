import type { Clock } from '../domain/shared/ids.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import type { Logger } from '../logger.js';
import { crashPoint } from './dispatch-crash.js';
import { DispatchFollower, notificationIn } from './dispatch-follower.js';
import { DigestQueue } from './mail-digest.js';
import { type DigestItem, digestMail, immediateMail, type MailSite } from './mail-text.js';
import { type MailMessage, MailRefused, type MailTransport } from './mail-transport.js';
import { emailChoiceOf } from './settings.js';
import { mailAddressOf, readSettings } from './settings-service.js';

export interface MailDispatcherOptions {
  store: EventStore;
  clock: Clock;
  logger: Logger;
  transport: MailTransport;
  site: MailSite;
  /** How often due digests are looked for; 0: only when asked (tests). */
  digestCheckMs?: number;
  checkpointEveryMs?: number;
  /** Mails sent at once. */
  concurrency?: number;
}

/** Message-IDs this process has had accepted, so that a batch retried after one failure resends nothing else. */
const REMEMBERED_SENDS = 10_000;

/**
 * Mail: for each new notification, the recipient's choice for its kind decides — sent at once, queued for
 * the daily digest, or nothing. A saved search that chose its channels without mail sends none.
 */
export class MailDispatcher {
  private readonly follower: DispatchFollower;
  private readonly digests: DigestQueue;
  private readonly sent = new Set<string>();
  private digestTimer: NodeJS.Timeout | null = null;
  private digestRun: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: MailDispatcherOptions) {
    this.digests = new DigestQueue(options.store, options.clock);
    this.follower = new DispatchFollower({
      store: options.store,
      logger: options.logger,
      checkpointStream: 'mailer-checkpoint',
      handle: (batch) => this.handle(batch),
      ...(options.checkpointEveryMs === undefined ? {} : { checkpointEveryMs: options.checkpointEveryMs }),
    });
  }

  async start(): Promise<void> {
    await this.follower.start();
    const every = this.options.digestCheckMs ?? 60_000;
    if (every > 0) {
      this.digestTimer = setInterval(() => {
        this.digestRun = this.sendDueDigests().catch((error: unknown) =>
          this.options.logger.error({ err: error }, 'daily digest failed; trying again later'),
        );
      }, every);
      this.digestTimer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.digestTimer) clearInterval(this.digestTimer);
    await this.digestRun;
    await this.follower.stop();
  }

  /** Resolves true once every notification up to `position` was mailed or queued. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    return this.follower.waitFor(position, timeoutMs);
  }

  /** Sends every digest that is due (a day over, from 08:00 Beijing); returns how many mails went out. */
  async sendDueDigests(): Promise<number> {
    let mailed = 0;
    for (const day of await this.digests.due()) {
      const digest = await this.digests.read(day);
      for (const [userId, queued] of digest.items) {
        if (digest.mailed.has(userId)) continue;
        const { settings } = await readSettings(this.options.store, userId);
        // A kind stopped since it was queued stays stopped.
        const items = queued.filter((item) => emailChoiceOf(settings, item.type) !== 'never');
        const to = items.length > 0 ? await mailAddressOf(this.options.store, settings) : null;
        if (to) {
          await this.send(digestMail(this.options.site, to, userId, day, items));
          mailed += 1;
        }
        await this.digests.markMailed(day, userId);
      }
      await this.digests.markDone(day);
    }
    return mailed;
  }

  private async handle(batch: RecordedEvent[]): Promise<void> {
    const now: MailMessage[] = [];
    const daily: { userId: string; item: DigestItem }[] = [];
    for (const event of batch) {
      const { userId, notification } = notificationIn(event);
      if (notification.channels && !notification.channels.includes('email')) continue;
      const { settings } = await readSettings(this.options.store, userId);
      const choice = emailChoiceOf(settings, notification.type);
      if (choice === 'daily') {
        const { id, type, title, body, link, createdAt } = notification;
        daily.push({ userId, item: { notificationId: id, type, title, body, link, createdAt } });
      } else if (choice === 'immediately') {
        const to = await mailAddressOf(this.options.store, settings);
        if (to) now.push(immediateMail(this.options.site, to, userId, notification));
      }
    }
    if (daily.length > 0) await this.digests.enqueue(daily);
    await this.sendAll(now);
  }

  private async sendAll(messages: MailMessage[]): Promise<void> {
    const queue = [...messages];
    const worker = async () => {
      for (let message = queue.shift(); message; message = queue.shift()) await this.send(message);
    };
    // Every worker finishes before a failure makes the batch come again, so no mail is in flight twice.
    const results = await Promise.allSettled(Array.from({ length: this.options.concurrency ?? 8 }, worker));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async send(message: MailMessage): Promise<void> {
    if (this.sent.has(message.messageId)) return;
    crashPoint('mail.before-send');
    try {
      await this.options.transport.send(message);
    } catch (error) {
      if (!(error instanceof MailRefused)) throw error;
      this.options.logger.warn(
        { err: error, messageId: message.messageId },
        'mail refused for good; skipped',
      );
    }
    this.sent.add(message.messageId);
    if (this.sent.size > REMEMBERED_SENDS) this.sent.delete(this.sent.values().next().value!);
  }
}
