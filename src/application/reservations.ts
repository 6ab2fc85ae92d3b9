import type { Decider } from '../domain/shared/decider.js';
import type { Reservation, ReservationCommand, ReservationEvent } from '../domain/shared/reservation.js';
import type { EventStore } from '../eventstore/port.js';
import { handleCommand, readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';

type ReservationDecider = Decider<Reservation, ReservationCommand, ReservationEvent<string, string>>;

export interface ReservationTarget {
  decider: ReservationDecider;
  /** The reservation stream, e.g. `uscc-<USCC>`. */
  stream: string;
  key: string;
  /**
   * Whether whoever holds the key came to exist in full, so that a claim left by a crashed registration can
   * be recognised and, once stale, taken over.
   */
  holderExists: (store: EventStore, holderId: string) => Promise<boolean>;
}

export async function streamExists(store: EventStore, stream: string): Promise<boolean> {
  return (await store.readStream(stream, { maxCount: 1 })).length > 0;
}

async function reservation(deps: AppDeps, ctx: RequestContext, target: ReservationTarget, ownerId: string) {
  const { state } = await readEntity(deps.store, target.stream, target.decider);
  const holder = state.ownerId;
  const ownerExists =
    holder !== null && holder !== ownerId && (await target.holderExists(deps.store, holder));
  const command: ReservationCommand = {
    type: 'Reserve',
    data: { key: target.key, ownerId, ownerExists },
    context: { actor: ctx.actor, now: deps.clock() },
  };
  return { state, command };
}

export async function reserve(
  deps: AppDeps,
  ctx: RequestContext,
  target: ReservationTarget,
  ownerId: string,
) {
  const { command } = await reservation(deps, ctx, target, ownerId);
  await handleCommand(deps.store, target.stream, target.decider, command, {
    metadata: eventMetadata(ctx, command.context.now),
  });
}

/** Throws what `reserve` would throw now for a key that is taken, and writes nothing. */
export async function ensureAvailable(
  deps: AppDeps,
  ctx: RequestContext,
  target: ReservationTarget,
  ownerId: string,
) {
  const { state, command } = await reservation(deps, ctx, target, ownerId);
  target.decider.decide(command, state);
}

/** Gives a key back after the registration that claimed it failed; never throws over the original failure. */
export async function releaseQuietly(
  deps: AppDeps,
  ctx: RequestContext,
  target: ReservationTarget,
  ownerId: string,
) {
  const now = deps.clock();
  try {
    await handleCommand(
      deps.store,
      target.stream,
      target.decider,
      { type: 'Release', data: { key: target.key, ownerId }, context: { actor: ctx.actor, now } },
      { metadata: eventMetadata(ctx, now) },
    );
  } catch (error) {
    deps.logger.warn(
      { err: error, stream: target.stream, ownerId },
      'reservation not released; it goes stale',
    );
  }
}
