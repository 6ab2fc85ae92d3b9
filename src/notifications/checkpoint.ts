import type { EventStore } from '../eventstore/port.js';
import { WrongExpectedVersionError } from '../eventstore/port.js';

/** The reactor's position in `$all`, kept in the event store so that it works with either backend. */
export const CHECKPOINT_STREAM = 'notifier-checkpoint';

export interface Checkpoint {
  /** The last event handled; null: none yet, follow `$all` from its start. */
  position: bigint | null;
  /**
   * Events at or below this position were stored before the reactor first ran (an upgrade): it learns from
   * them, the memberships it keeps, but tells nobody. Null on a store it has followed from its first event.
   */
  quietUpTo: bigint | null;
}

/** Null when the reactor has never run on this store. */
export async function readCheckpoint(store: EventStore): Promise<Checkpoint | null> {
  const [first] = await store.readStream(CHECKPOINT_STREAM, { maxCount: 1 });
  if (!first) return null;
  const [last] = await store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
  return {
    position: last?.type === 'ReactorCheckpointed' ? BigInt(String(last.data.position)) : null,
    quietUpTo: first.type === 'NotificationsStarted' ? BigInt(String(first.data.after)) : null,
  };
}

/**
 * The first run on a store: notifications start at its head, so that an upgrade does not tell everyone
 * of everything that ever happened. Recorded before anything else, so that a crash while the reactor still
 * learns from the history keeps the same start.
 */
export async function startNotifying(store: EventStore, at: Date): Promise<Checkpoint> {
  const head = await store.headPosition();
  try {
    await store.append(
      CHECKPOINT_STREAM,
      [
        {
          type: 'NotificationsStarted',
          data: { after: head.toString() },
          metadata: { at: at.toISOString() },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
  } catch (error) {
    const started = error instanceof WrongExpectedVersionError ? await readCheckpoint(store) : null;
    if (started) return started;
    throw error;
  }
  return { position: null, quietUpTo: head };
}

export async function saveCheckpoint(store: EventStore, position: bigint, at: Date): Promise<void> {
  await store.append(CHECKPOINT_STREAM, [
    {
      type: 'ReactorCheckpointed',
      data: { position: position.toString() },
      metadata: { at: at.toISOString() },
    },
  ]);
}
