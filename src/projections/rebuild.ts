import type { EventStore } from '../eventstore/port.js';
import type { SearchIndex } from '../search/port.js';
import { applyToIndex } from './apply.js';
import { batches } from './batches.js';
import { EntityReader } from './entity-reader.js';
import type { Projection } from './projection.js';

export interface RebuildProgress {
  index: string;
  position: bigint;
  head: bigint;
  events: number;
  /** Documents made after the replay (`completeRebuild`), of how many, once that has started. */
  completed?: { done: number; total: number };
}

/**
 * Rebuilds one index from the whole store into a fresh `<index>_rebuild` copy, completes it (the match
 * lists are ranked there) and swaps it in; searches keep answering from the old copy meanwhile. Events
 * written after the swap's checkpoint are applied by the running projector, which notices that the
 * checkpoint moved.
 */
export async function rebuildIndex(
  store: EventStore,
  search: SearchIndex,
  projection: Projection,
  onProgress: (progress: RebuildProgress) => void = () => undefined,
  batchSize = 1000,
): Promise<RebuildProgress> {
  const target = await search.prepareRebuild(projection.index);
  const head = await store.headPosition();
  const entities = new EntityReader(store);
  const progress: RebuildProgress = { index: projection.index, position: -1n, head, events: 0 };
  if (head >= 0n) {
    const subscription = store.subscribeToAll({ fromPosition: 'start' });
    let checkpoint: bigint | null = null;
    for await (const batch of batches(subscription, batchSize)) {
      const upToHead = batch.filter((e) => e.position <= head);
      entities.startBatch(upToHead);
      checkpoint =
        (await applyToIndex(projection, upToHead, checkpoint, { store, search, entities, target })) ??
        checkpoint;
      progress.events += upToHead.length;
      progress.position = upToHead.at(-1)?.position ?? progress.position;
      onProgress(progress);
      if (upToHead.length < batch.length || progress.position >= head) break;
    }
    await subscription.close();
  }
  await projection.completeRebuild?.({ store, search, entities, target, position: head }, (done, total) => {
    progress.completed = { done, total };
    onProgress(progress);
  });
  await search.swap(projection.index);
  return progress;
}
