import type { Decider } from '../domain/shared/decider.js';
import type { Reservation, ReservationCommand, ReservationEvent } from '../domain/shared/reservation.js';
import { handleCommand, readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';

type ReservationDecider = Decider<Reservation, ReservationCommand, ReservationEvent<string, string>>;

export interface ReservationTarget {
  decider: ReservationDecider;
  /** The reservation stream, e.g. `uscc-<USCC>`. */
  stream: string;
  key: string;
  /** The stream of whoever holds the key, so that a claim left by a crashed registration can be recognised. */
  ownerStream: (ownerId: string) => string;
}

export async function reserve(
  deps: AppDeps,
  ctx: RequestContext,
  target: ReservationTarget,
  ownerId: string,
) {
  const { state } = await readEntity(deps.store, target.stream, target.decider);
  const holder = state.ownerId;
  const ownerExists =
    holder !== null &&
    holder !== ownerId &&
    (await deps.store.readStream(target.ownerStream(holder), { maxCount: 1 })).length > 0;
  const now = deps.clock();
  await handleCommand(
    deps.store,
    target.stream,
    target.decider,
    { type: 'Reserve', data: { key: target.key, ownerId, ownerExists }, context: { actor: ctx.actor, now } },
    { metadata: eventMetadata(ctx, now) },
  );
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
