import type { DomainEvent } from '../shared/decider.js';
import type { Channel, SubscriptionKind } from './state.js';

/** A user saved a search to hear of listings published later that it finds. */
export type SubscriptionCreated = DomainEvent<
  'SubscriptionCreated',
  {
    subscriptionId: string;
    userId: string;
    kind: SubscriptionKind;
    q: string;
    industries: string[];
    technologies: string[];
    cities: string[];
    channels: Channel[];
    at: string;
  }
>;
export type SubscriptionCancelled = DomainEvent<
  'SubscriptionCancelled',
  { subscriptionId: string; at: string }
>;

export type SubscriptionEvent = SubscriptionCreated | SubscriptionCancelled;
