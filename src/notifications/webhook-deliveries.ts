import type { EventStore, JsonObject, RecordedEvent } from '../eventstore/port.js';

/** A hook's delivery log, written by the webhook dispatcher: `webhook-deliveries-<hookId>`. */
export const webhookDeliveriesStream = (hookId: string) => `webhook-deliveries-${hookId}`;

export interface WebhookDelivery {
  /** Also the `Idempotency-Key` of every attempt. */
  id: string;
  type: string;
  status: 'pending' | 'delivered' | 'abandoned';
  attempts: number;
  /** The receiver's HTTP status of the last attempt; null when it never answered. */
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  /** The JSON sent, the same on every attempt. */
  body: string;
}

export type DeliveryEvent =
  | {
      type: 'WebhookDeliveryQueued';
      data: { deliveryId: string; orgId: string; notificationType: string; body: string; at: string };
    }
  | {
      type: 'WebhookAttemptFailed';
      data: {
        deliveryId: string;
        attempt: number;
        status: number | null;
        error: string;
        at: string;
        nextAttemptAt: string;
      };
    }
  | { type: 'WebhookDelivered'; data: { deliveryId: string; attempt: number; status: number; at: string } }
  | { type: 'WebhookDeliveryAbandoned'; data: { deliveryId: string; reason: string; at: string } };

/** The log, oldest first. */
export function foldDeliveries(events: RecordedEvent[]): WebhookDelivery[] {
  const byId = new Map<string, WebhookDelivery>();
  for (const { type, data } of events) {
    const id = String(data.deliveryId);
    if (type === 'WebhookDeliveryQueued') {
      if (byId.has(id)) continue;
      byId.set(id, {
        id,
        type: String(data.notificationType),
        status: 'pending',
        attempts: 0,
        lastStatus: null,
        lastError: null,
        createdAt: String(data.at),
        lastAttemptAt: null,
        nextAttemptAt: String(data.at),
        body: String(data.body),
      });
      continue;
    }
    const delivery = byId.get(id);
    if (!delivery) continue;
    if (type === 'WebhookAttemptFailed') {
      delivery.attempts = Number(data.attempt);
      delivery.lastStatus = data.status === null ? null : Number(data.status);
      delivery.lastError = String(data.error);
      delivery.lastAttemptAt = String(data.at);
      delivery.nextAttemptAt = String(data.nextAttemptAt);
    } else if (type === 'WebhookDelivered') {
      delivery.status = 'delivered';
      delivery.attempts = Number(data.attempt);
      delivery.lastStatus = Number(data.status);
      delivery.lastAttemptAt = String(data.at);
      delivery.nextAttemptAt = null;
    } else if (type === 'WebhookDeliveryAbandoned') {
      delivery.status = 'abandoned';
      delivery.lastError = String(data.reason);
      delivery.nextAttemptAt = null;
    }
  }
  return [...byId.values()];
}

export async function readDeliveries(store: EventStore, hookId: string): Promise<WebhookDelivery[]> {
  return foldDeliveries(await store.readStream(webhookDeliveriesStream(hookId)));
}

export async function recordDelivery(store: EventStore, hookId: string, event: DeliveryEvent): Promise<void> {
  await store.append(webhookDeliveriesStream(hookId), [
    { type: event.type, data: event.data as JsonObject, metadata: {} },
  ]);
}
