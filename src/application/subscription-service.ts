import type { Actor } from '../domain/shared/actor.js';
import type { SubscribeInput, SubscriptionCommand } from '../domain/subscription/commands.js';
import { subscriptionDecider } from '../domain/subscription/decider.js';
import { subscriptionError } from '../domain/subscription/messages.js';
import type { Subscription } from '../domain/subscription/state.js';
import { userSubscriptionsStream } from '../domain/subscription/stream.js';
import { handleCommand, readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';

/** A subscription after a command, with the `$all` position for read-your-writes. */
export interface SubscriptionResult {
  subscription: Subscription;
  position: bigint;
}

function run(deps: AppDeps, ctx: RequestContext, userId: string, command: SubscriptionCommand) {
  return handleCommand(deps.store, userSubscriptionsStream(userId), subscriptionDecider, command, {
    metadata: eventMetadata(ctx, command.context.now),
  });
}

function ownUserId(actor: Actor): string {
  if (actor.userId === null) throw subscriptionError('subscription.sign_in_required');
  return actor.userId;
}

/** POST /api/v1/me/subscriptions: saves a search for the caller. */
export async function subscribe(
  deps: AppDeps,
  ctx: RequestContext,
  search: SubscribeInput,
): Promise<SubscriptionResult> {
  const userId = ownUserId(ctx.actor);
  const subscriptionId = deps.newId();
  const handled = await run(deps, ctx, userId, {
    type: 'Subscribe',
    data: { subscriptionId, userId, search },
    context: { actor: ctx.actor, now: deps.clock() },
  });
  const subscription = handled.state.subscriptions.find((saved) => saved.id === subscriptionId);
  if (!subscription || handled.position === null) {
    throw new Error(`subscription ${subscriptionId} was not recorded for user ${userId}`);
  }
  return { subscription, position: handled.position };
}

/** DELETE /api/v1/me/subscriptions/:id: another user's id is as unknown as one that never existed. */
export async function unsubscribe(
  deps: AppDeps,
  ctx: RequestContext,
  subscriptionId: string,
): Promise<bigint> {
  const userId = ownUserId(ctx.actor);
  const handled = await run(deps, ctx, userId, {
    type: 'Unsubscribe',
    data: { subscriptionId, userId },
    context: { actor: ctx.actor, now: deps.clock() },
  });
  return handled.position ?? -1n;
}

/** GET /api/v1/me/subscriptions: the caller's saved searches, newest first. */
export async function listSubscriptions(deps: Pick<AppDeps, 'store'>, actor: Actor): Promise<Subscription[]> {
  const { state } = await readEntity(
    deps.store,
    userSubscriptionsStream(ownUserId(actor)),
    subscriptionDecider,
  );
  return [...state.subscriptions].reverse();
}
