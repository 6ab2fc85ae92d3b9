import { fold } from '../domain/shared/decider.js';
import { subscriptionDecider } from '../domain/subscription/decider.js';
import type { SubscriptionEvent } from '../domain/subscription/events.js';
import type { Subscription, SubscriptionKind } from '../domain/subscription/state.js';
import { userSubscriptionsStream } from '../domain/subscription/stream.js';
import { entityOfStream, type Projection } from './projection.js';

/** A saved search and the `$all` position it was saved at (decimal: KurrentDB's exceed 2^53). */
export type SubscriptionEntry = Subscription & { position: string };

/**
 * One user's saved searches, as the `subscriptions` index holds them: one document per user (its id), so
 * that the subscription notifier finds every saved search of a kind by `kinds` instead of reading every
 * user's stream for each new listing.
 */
export type SubscriptionDocument = {
  id: string;
  revision: number;
  userId: string;
  kinds: SubscriptionKind[];
  subscriptions: SubscriptionEntry[];
};

const PREFIX = 'subscriptions-';

export const subscriptionsProjection: Projection = {
  index: 'subscriptions',
  streamPrefixes: [PREFIX],
  affected: entityOfStream(PREFIX),
  async build(userId, ctx): Promise<SubscriptionDocument | null> {
    const recorded = await ctx.store.readStream(userSubscriptionsStream(userId));
    const last = recorded.at(-1);
    const { subscriptions } = fold(
      subscriptionDecider,
      recorded.map((event) => ({ type: event.type, data: event.data }) as SubscriptionEvent),
    );
    if (!last || subscriptions.length === 0) return null;
    const savedAt = new Map(
      recorded
        .filter((event) => event.type === 'SubscriptionCreated')
        .map((event) => [String(event.data.subscriptionId), String(event.position)]),
    );
    return {
      id: userId,
      revision: Number(last.revision),
      userId,
      kinds: [...new Set(subscriptions.map((saved) => saved.kind))],
      subscriptions: subscriptions.map((saved) => ({ ...saved, position: savedAt.get(saved.id) ?? '0' })),
    };
  },
};
