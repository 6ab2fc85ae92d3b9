import type { EventStore } from '../eventstore/port.js';

/** The reactor's position in `$all`, kept in the event store so that it works with either backend. */
export const CHECKPOINT_STREAM = 'notifier-checkpoint';

export async function readCheckpoint(store: EventStore): Promise<bigint | null> {
  const [last] = await store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
  return last ? BigInt(String(last.data.position)) : null;
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
