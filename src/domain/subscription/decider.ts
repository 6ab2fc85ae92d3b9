import type { CommandContext } from '../shared/actor.js';
import type { Decider } from '../shared/decider.js';
import { parseInput } from '../shared/validation.js';
import { type Subscribe, type SubscriptionCommand, subscribeInput, type Unsubscribe } from './commands.js';
import type { SubscriptionEvent } from './events.js';
import { MAX_SUBSCRIPTIONS, subscriptionError } from './messages.js';
import { sameSearch, type UserSubscriptions } from './state.js';

/** A user manages their own saved searches only, whatever their role. */
function requireOwner(context: CommandContext, userId: string): void {
  if (context.actor.userId === null) throw subscriptionError('subscription.sign_in_required');
  if (context.actor.userId !== userId) throw subscriptionError('subscription.not_owner');
}

function subscribe({ data, context }: Subscribe, state: UserSubscriptions): SubscriptionEvent[] {
  requireOwner(context, data.userId);
  const search = parseInput(subscribeInput, data.search);
  if (state.subscriptions.some((saved) => sameSearch(saved, search))) {
    throw subscriptionError('subscription.duplicate');
  }
  if (state.subscriptions.length >= MAX_SUBSCRIPTIONS) {
    throw subscriptionError('subscription.limit_reached', { limit: MAX_SUBSCRIPTIONS });
  }
  return [
    {
      type: 'SubscriptionCreated',
      data: {
        subscriptionId: data.subscriptionId,
        userId: data.userId,
        ...search,
        at: context.now.toISOString(),
      },
    },
  ];
}

function unsubscribe({ data, context }: Unsubscribe, state: UserSubscriptions): SubscriptionEvent[] {
  requireOwner(context, data.userId);
  if (!state.subscriptions.some((saved) => saved.id === data.subscriptionId)) {
    throw subscriptionError('subscription.not_found', { id: data.subscriptionId });
  }
  return [
    {
      type: 'SubscriptionCancelled',
      data: { subscriptionId: data.subscriptionId, at: context.now.toISOString() },
    },
  ];
}

function decide(command: SubscriptionCommand, state: UserSubscriptions): SubscriptionEvent[] {
  return command.type === 'Subscribe' ? subscribe(command, state) : unsubscribe(command, state);
}

function evolve(state: UserSubscriptions, event: SubscriptionEvent): UserSubscriptions {
  switch (event.type) {
    case 'SubscriptionCreated': {
      const { subscriptionId, userId, at, ...search } = event.data;
      return {
        userId,
        subscriptions: [...state.subscriptions, { id: subscriptionId, ...search, createdAt: at }],
      };
    }
    case 'SubscriptionCancelled':
      return {
        ...state,
        subscriptions: state.subscriptions.filter((saved) => saved.id !== event.data.subscriptionId),
      };
  }
}

function initialState(): UserSubscriptions {
  return { userId: '', subscriptions: [] };
}

export const subscriptionDecider: Decider<UserSubscriptions, SubscriptionCommand, SubscriptionEvent> = {
  decide,
  evolve,
  initialState,
};
