import { createHash, createHmac } from 'node:crypto';
import { handleCommand, readEntity } from '../application/command-handler.js';
import type { Clock } from '../domain/shared/ids.js';
import { userDecider } from '../domain/user/decider.js';
import { userStream } from '../domain/user/stream.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import type { Logger } from '../logger.js';
import { DispatchFollower, notificationIn } from './dispatch-follower.js';
import type { Inbox } from './inbox-service.js';
import { notificationId } from './notification-id.js';
import { Recipients } from './recipients.js';
import { type Webhook, webhookDecider, webhooksStream } from './webhook.js';
import { foldDeliveries, recordDelivery, webhookDeliveriesStream } from './webhook-deliveries.js';
import { webhookText } from './webhook-messages.js';
import { readWebhooks } from './webhook-service.js';

export interface WebhookDispatcherOptions {
  store: EventStore;
  clock: Clock;
  logger: Logger;
  /** Tells an organization's users that its hook was switched off. */
  inbox: Inbox;
  /** Makes the links in payloads absolute when set. */
  publicUrl?: string | undefined;
  /** First retry after this long, doubling up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How often due retries are looked for; 0: only when asked (tests). */
  tickMs?: number;
  checkpointEveryMs?: number;
  /** Per attempt. */
  timeoutMs?: number;
}

const DAY = 24 * 3600_000;
/** The hooks this dispatcher has queued deliveries for, so that a restart finds their pending ones. */
const HOOKS_STREAM = 'webhooker-hooks';

interface Pending {
  deliveryId: string;
  hookId: string;
  orgId: string;
  type: string;
  body: string;
  attempts: number;
  nextAt: number;
}

/** One delivery per (source event, organization, type) and hook, whichever of the org's users it reached. */
export function deliveryId(sourceEventId: string, orgId: string, type: string, hookId: string): string {
  const hex = createHash('sha256').update(`${sourceEventId}\n${orgId}\n${type}\n${hookId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `X-Yunsupei-Signature`: HMAC-SHA256 over `<timestamp>.<body>` with the hook's secret, hex. */
export const signature = (secret: string, timestamp: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/**
 * Webhooks: each new notification of a type an organization's hook listens to is queued once in the hook's
 * delivery log and POSTed, signed, with its delivery id as `Idempotency-Key`; a failure is retried with
 * exponential backoff, and a hook that has failed for a day is switched off and the organization told.
 */
export class WebhookDispatcher {
  private readonly follower: DispatchFollower;
  private readonly pending = new Map<string, Pending>();
  /** Per hook, when it began failing (injected clock, ms); absent while it works. */
  private readonly failingSince = new Map<string, number>();
  private readonly queued = new Map<string, Set<string>>();
  private readonly orgOf = new Map<string, string | null>();
  private knownHooks: Set<string> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private attempting: Promise<void> | null = null;
  private stopping = false;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.follower = new DispatchFollower({
      store: options.store,
      logger: options.logger,
      checkpointStream: 'webhooker-checkpoint',
      handle: (batch) => this.handle(batch),
      ...(options.checkpointEveryMs === undefined ? {} : { checkpointEveryMs: options.checkpointEveryMs }),
    });
  }

  async start(): Promise<void> {
    for (const hookId of await this.hooks()) await this.recover(hookId);
    await this.follower.start();
    const every = this.options.tickMs ?? 1000;
    if (every > 0) {
      this.timer = setInterval(() => this.kick(), every);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.follower.stop();
    await this.attempting;
  }

  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    return this.follower.waitFor(position, timeoutMs);
  }

  /** Attempts every delivery that is due; the timer calls it, tests may too. */
  attemptDue(): Promise<void> {
    this.attempting ??= this.attemptAll().finally(() => {
      this.attempting = null;
    });
    return this.attempting;
  }

  private kick(): void {
    if (this.stopping) return;
    this.attemptDue().catch((error: unknown) =>
      this.options.logger.error({ err: error }, 'webhook deliveries failed; trying again later'),
    );
  }

  private async hooks(): Promise<Set<string>> {
    if (!this.knownHooks) {
      const events = await this.options.store.readStream(HOOKS_STREAM);
      this.knownHooks = new Set(events.map((event) => String(event.data.hookId)));
    }
    return this.knownHooks;
  }

  /** After a restart: the hook's undelivered deliveries, and since when it has been failing. */
  private async recover(hookId: string): Promise<void> {
    const events = await this.options.store.readStream(webhookDeliveriesStream(hookId));
    const ids = new Set<string>();
    for (const event of events) ids.add(String(event.data.deliveryId));
    this.queued.set(hookId, ids);
    let failing: number | null = null;
    for (const event of events) {
      if (event.type === 'WebhookDelivered') failing = null;
      if (event.type === 'WebhookAttemptFailed') failing ??= Date.parse(String(event.data.at));
    }
    if (failing !== null) this.failingSince.set(hookId, failing);
    const orgId = String(events.find((event) => event.data.orgId)?.data.orgId ?? '');
    for (const delivery of foldDeliveries(events)) {
      if (delivery.status !== 'pending') continue;
      this.pending.set(delivery.id, {
        deliveryId: delivery.id,
        hookId,
        orgId,
        type: delivery.type,
        body: delivery.body,
        attempts: delivery.attempts,
        nextAt: Date.parse(delivery.nextAttemptAt ?? delivery.createdAt),
      });
    }
  }

  private async orgOfUser(userId: string): Promise<string | null> {
    if (!this.orgOf.has(userId)) {
      const { state } = await readEntity(this.options.store, userStream(userId), userDecider);
      this.orgOf.set(userId, state.orgId);
    }
    return this.orgOf.get(userId) ?? null;
  }

  private async handle(batch: RecordedEvent[]): Promise<void> {
    const hooksOf = new Map<string, Webhook[]>();
    for (const event of batch) {
      const { userId, notification } = notificationIn(event);
      if (notification.channels && !notification.channels.includes('webhook')) continue;
      const orgId = await this.orgOfUser(userId);
      if (!orgId) continue;
      if (!hooksOf.has(orgId)) hooksOf.set(orgId, await readWebhooks(this.options, orgId));
      for (const hook of hooksOf.get(orgId)!) {
        if (hook.status !== 'active' || !hook.types.includes(notification.type)) continue;
        const id = deliveryId(notification.sourceEventId, orgId, notification.type, hook.id);
        const queued = this.queued.get(hook.id) ?? new Set<string>();
        this.queued.set(hook.id, queued);
        if (queued.has(id)) continue;
        const at = this.options.clock().toISOString();
        const link = this.options.publicUrl
          ? `${this.options.publicUrl.replace(/\/+$/, '')}${notification.link}`
          : notification.link;
        const body = JSON.stringify({
          id,
          type: notification.type,
          organizationId: orgId,
          occurredAt: notification.createdAt,
          title: notification.title,
          body: notification.body,
          link,
        });
        if (!(await this.hooks()).has(hook.id)) {
          await this.options.store.append(HOOKS_STREAM, [
            { type: 'WebhookHookKnown', data: { hookId: hook.id, orgId }, metadata: {} },
          ]);
          this.knownHooks!.add(hook.id);
        }
        await recordDelivery(this.options.store, hook.id, {
          type: 'WebhookDeliveryQueued',
          data: { deliveryId: id, notificationType: notification.type, body, at, orgId },
        });
        queued.add(id);
        this.pending.set(id, {
          deliveryId: id,
          hookId: hook.id,
          orgId,
          type: notification.type,
          body,
          attempts: 0,
          nextAt: Date.parse(at),
        });
      }
    }
    // Sending is the timer's: a slow receiver never holds the follower back.
    if (this.pending.size > 0) this.kick();
  }

  private async attemptAll(): Promise<void> {
    const now = this.options.clock().getTime();
    const due = [...this.pending.values()].filter((p) => p.nextAt <= now);
    for (const delivery of due) {
      if (this.stopping) return;
      await this.attempt(delivery);
    }
  }

  private async attempt(delivery: Pending): Promise<void> {
    const { store, clock } = this.options;
    const hook = (await readWebhooks(this.options, delivery.orgId)).find((h) => h.id === delivery.hookId);
    if (hook?.status !== 'active') {
      await this.abandon(delivery, hook ? webhookText.failedForADay : webhookText.removed);
      return;
    }
    const attempt = delivery.attempts + 1;
    const timestamp = String(Math.floor(clock().getTime() / 1000));
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Idempotency-Key': delivery.deliveryId,
          'X-Yunsupei-Event': delivery.type,
          'X-Yunsupei-Timestamp': timestamp,
          'X-Yunsupei-Signature': signature(hook.secret, timestamp, delivery.body),
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      status = res.status;
      await res.body?.cancel();
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message : String(thrown);
    }
    const at = clock();
    if (error === null) {
      await recordDelivery(store, hook.id, {
        type: 'WebhookDelivered',
        data: { deliveryId: delivery.deliveryId, attempt, status: status!, at: at.toISOString() },
      });
      this.pending.delete(delivery.deliveryId);
      this.failingSince.delete(hook.id);
      return;
    }
    const base = this.options.retryBaseMs ?? 30_000;
    const wait = Math.min(base * 2 ** (attempt - 1), this.options.retryMaxMs ?? 3600_000);
    delivery.attempts = attempt;
    delivery.nextAt = at.getTime() + wait;
    await recordDelivery(store, hook.id, {
      type: 'WebhookAttemptFailed',
      data: {
        deliveryId: delivery.deliveryId,
        attempt,
        status,
        error,
        at: at.toISOString(),
        nextAttemptAt: new Date(delivery.nextAt).toISOString(),
      },
    });
    const since = this.failingSince.get(hook.id) ?? at.getTime();
    this.failingSince.set(hook.id, since);
    if (at.getTime() - since >= DAY) await this.disable(hook, delivery.orgId);
  }

  private async abandon(delivery: Pending, reason: string): Promise<void> {
    await recordDelivery(this.options.store, delivery.hookId, {
      type: 'WebhookDeliveryAbandoned',
      data: { deliveryId: delivery.deliveryId, reason, at: this.options.clock().toISOString() },
    });
    this.pending.delete(delivery.deliveryId);
  }

  /** Switches the hook off, drops what it still owed, and tells the organization's users. */
  private async disable(hook: Webhook, orgId: string): Promise<void> {
    const { store, clock, logger } = this.options;
    const now = clock();
    const { events } = await handleCommand(
      store,
      webhooksStream(orgId),
      webhookDecider,
      {
        type: 'DisableWebhook',
        data: { orgId, hookId: hook.id, reason: webhookText.failedForADay },
        context: { actor: { userId: null, orgId: null, role: 'staff' }, now },
      },
      {
        metadata: {
          actor: { userId: null, orgId: null, role: 'staff' },
          at: now.toISOString(),
          correlationId: hook.id,
          causationId: null,
        },
      },
    );
    for (const delivery of [...this.pending.values()]) {
      if (delivery.hookId === hook.id) await this.abandon(delivery, webhookText.failedForADay);
    }
    this.failingSince.delete(hook.id);
    if (events.length === 0) return;
    logger.warn({ hookId: hook.id, orgId, url: hook.url }, 'webhook failing for a day: disabled');
    const source = `webhook-disabled-${hook.id}`;
    for (const userId of await new Recipients(store).resolve({ orgIds: [orgId] })) {
      await this.options.inbox.deliver(userId, [
        {
          id: notificationId(source, userId, 'webhook.disabled'),
          type: 'webhook.disabled',
          ...webhookText.disabled(hook.url),
          link: '/my',
          sourceEventId: source,
          createdAt: now.toISOString(),
        },
      ]);
    }
  }
}
