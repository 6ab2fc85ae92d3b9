import type { Clock } from '../domain/shared/ids.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import type { Logger } from '../logger.js';
import { batches } from '../projections/batches.js';
import type { ProjectionStatus } from '../projections/status.js';
import type { SearchIndex } from '../search/port.js';
import { remindClosingCampaigns } from './campaign-closing.js';
import { readCheckpoint, saveCheckpoint, startNotifying } from './checkpoint.js';
import { crashPoint } from './crash-point.js';
import { deliver } from './deliver.js';
import type { Inbox } from './inbox-service.js';
import type { Notifier, NotifierContext } from './notifier.js';
import { notifiers as allNotifiers } from './notifiers.js';
import { Recipients } from './recipients.js';
import { warmSearch } from './warm-search.js';

export interface ReactorOptions {
  store: EventStore;
  search: SearchIndex;
  /** The projections it stays behind, so that notifiers read read models that include the event. */
  projections: ProjectionStatus;
  inbox: Inbox;
  clock: Clock;
  logger: Logger;
  notifiers?: Notifier[];
  /** How often open campaigns are checked for closing within three days; 0: only when asked. */
  closingCheckMs?: number;
  /** Saves the checkpoint at most this often while events flow (a replay after a crash appends nothing). */
  checkpointEveryMs?: number;
}

const RETRY_MS = [100, 250, 500, 1000, 2000, 5000];
const BATCH_SIZE = 500;
const WAIT_SLICE_MS = 1000;

/** Streams the reactor writes itself (and users' reads of their inboxes): nothing to tell anyone. */
const isOwnStream = (stream: string) => stream.startsWith('inbox-') || stream.startsWith('notifier-');

/**
 * Tells users what happened: follows `$all` behind the projections, asks every notifier about each event and
 * delivers the drafts to the recipients' inboxes. At-least-once: the checkpoint is saved after the events
 * it covers were delivered, and a replayed event finds its notifications there already (ids derive from
 * event, recipient and type). Errors never stop it: it logs, backs off and resumes after the last event it
 * finished. On its first run on a store with history it tells only of what happens from then on.
 */
export class NotificationReactor {
  private readonly notifiers: Notifier[];
  private readonly recipients: Recipients;
  private readonly reminded = new Set<string>();
  private readonly waiters = new Set<() => void>();
  /** The last event handled, and the last position saved. */
  private handled: bigint | null = null;
  private saved: bigint | null = null;
  /** Events at or below it predate the reactor's first run: learnt from, told to nobody. */
  private quietUpTo = -1n;
  /** Events of others were handled since the last save. */
  private dirty = false;
  private lastSave = 0;
  private trailingSave: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  private stopSubscription: (() => Promise<void>) | null = null;
  private closingTimer: NodeJS.Timeout | null = null;
  private warming: NodeJS.Timeout | null = null;
  private closingCheck: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ReactorOptions) {
    this.notifiers = options.notifiers ?? allNotifiers;
    this.recipients = new Recipients(options.store);
  }

  async start(): Promise<void> {
    const { store, clock, logger } = this.options;
    const checkpoint = (await readCheckpoint(store)) ?? (await startNotifying(store, clock()));
    this.handled = checkpoint.position;
    this.saved = this.handled;
    this.quietUpTo = checkpoint.quietUpTo ?? -1n;
    if (this.quietUpTo > (this.handled ?? -1n)) {
      logger.info(
        { quietUpTo: this.quietUpTo.toString() },
        'notifications start at the head of the store: earlier events are read for memberships, told to nobody',
      );
    }
    this.running = this.run();
    // Not awaited, so that start returns at once: the first search after a start then no longer pays for it.
    this.warming = setTimeout(warmSearch, 0).unref();
    const every = this.options.closingCheckMs ?? 60_000;
    if (every > 0) {
      this.closingTimer = setInterval(() => {
        this.closingCheck = this.remindClosingCampaigns().catch((error: unknown) =>
          this.options.logger.error({ err: error }, 'closing campaigns check failed'),
        );
      }, every);
      this.closingTimer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.closingTimer) clearInterval(this.closingTimer);
    if (this.warming) clearTimeout(this.warming);
    if (this.trailingSave) clearTimeout(this.trailingSave);
    await this.stopSubscription?.();
    await this.running;
    await this.closingCheck;
    await this.saveIfBehind(true).catch((error: unknown) =>
      this.options.logger.warn({ err: error }, 'notification checkpoint not saved on stop'),
    );
    for (const wake of this.waiters) wake();
  }

  /** The last `$all` position handled; -1n before the first. */
  position(): bigint {
    return this.handled ?? -1n;
  }

  /** Resolves true once the reactor has handled `position`, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.position() >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        resolve(this.position() >= position);
      }, timeoutMs);
      const check = () => {
        if (this.position() < position && !this.stopping) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(this.position() >= position);
      };
      this.waiters.add(check);
    });
  }

  /** Reminds the organizations of campaigns closing within three days; the timer calls it, tests may too. */
  remindClosingCampaigns(): Promise<number> {
    const { store, search, clock, inbox } = this.options;
    return remindClosingCampaigns(
      { store, search, clock, inbox, recipients: this.recipients },
      this.reminded,
    );
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
        this.options.logger.error({ err: error, retryInMs: delay }, 'notification reactor failed; resuming');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async follow(): Promise<void> {
    const subscription = this.options.store.subscribeToAll({ fromPosition: this.handled ?? 'start' });
    this.stopSubscription = () => subscription.close();
    try {
      for await (const batch of batches(subscription, BATCH_SIZE)) {
        if (this.stopping) return;
        // Quiet events are not told, so no notifier reads a read model for them.
        if (batch.at(-1)!.position > this.quietUpTo) await this.behindProjections(batch.at(-1)!.position);
        if (this.stopping) return;
        for (const event of batch) {
          await this.handle(event);
          this.handled = event.position;
        }
        for (const wake of [...this.waiters]) wake();
        await this.saveIfBehind(false);
      }
    } finally {
      await subscription.close();
    }
  }

  private async behindProjections(position: bigint): Promise<void> {
    while (!this.stopping && !(await this.options.projections.waitFor(position, WAIT_SLICE_MS))) {
      // The projections are behind (catching up, or retrying a failure): keep waiting for them.
    }
  }

  private async handle(event: RecordedEvent): Promise<void> {
    if (isOwnStream(event.stream)) return;
    await this.recipients.learn(event);
    this.dirty = true;
    if (event.position <= this.quietUpTo) return;
    const ctx: NotifierContext = {
      store: this.options.store,
      search: this.options.search,
      clock: this.options.clock,
    };
    const source = { id: event.id, at: event.time.toISOString() };
    for (const notifier of this.notifiers) {
      const drafts = await notifier(event, ctx);
      if (drafts.length === 0) continue;
      crashPoint('notifier.delivered', await deliver(source, drafts, this.recipients, this.options.inbox));
    }
  }

  /**
   * Saves the position after events of others were handled, at most every `checkpointEveryMs`: its own
   * checkpoint events come back through `$all` and must not cause another save.
   */
  private async saveIfBehind(now: boolean): Promise<void> {
    if (!this.dirty || this.handled === null || this.handled === this.saved) return;
    const every = this.options.checkpointEveryMs ?? 1000;
    const wait = this.lastSave + every - Date.now();
    if (!now && wait > 0) {
      // The end of a burst is saved too, a little later, without waiting for the next event.
      this.trailingSave ??= setTimeout(() => {
        this.trailingSave = null;
        if (!this.stopping) this.saveIfBehind(true).catch(() => undefined);
      }, wait);
      return;
    }
    await saveCheckpoint(this.options.store, this.handled, this.options.clock());
    this.saved = this.handled;
    this.dirty = false;
    this.lastSave = Date.now();
  }
}
