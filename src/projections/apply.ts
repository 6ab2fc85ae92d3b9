import { setImmediate } from 'node:timers/promises';
import type { RecordedEvent } from '../eventstore/port.js';
import type { SearchDocument } from '../search/port.js';
import type { Projection, ProjectionContext } from './projection.js';

/**
 * Applies the events of a batch that one projection has not seen yet to `ctx.target`, documents and
 * checkpoint together. Returns the new checkpoint, or null when the index had already passed the batch.
 */
export async function applyToIndex(
  projection: Projection,
  batch: RecordedEvent[],
  checkpoint: bigint | null,
  ctx: Omit<ProjectionContext, 'position'>,
): Promise<bigint | null> {
  const last = batch.at(-1);
  if (!last || (checkpoint !== null && checkpoint >= last.position)) return null;
  const context: ProjectionContext = { ...ctx, position: last.position };
  const yieldNow = yielder();
  const ids = new Set<string>();
  for (const event of batch) {
    if (checkpoint !== null && event.position <= checkpoint) continue;
    if (!projection.streamPrefixes.some((prefix) => event.stream.startsWith(prefix))) continue;
    for (const id of await projection.affected(event, context)) ids.add(id);
    await yieldNow();
  }
  const upserts: SearchDocument[] = [];
  const deletes: string[] = [];
  for (const id of ids) {
    await yieldNow();
    const document = await projection.build(id, context);
    if (document) upserts.push(document);
    else deletes.push(id);
  }
  await ctx.search.applyBatch(ctx.target, { upserts, deletes }, last.position);
  return last.position;
}

/** Time the projector may hold the event loop: some projections (match lists) rank per event and are slow. */
const HOLD_MS = 50;

/** Lets requests in once the batch has held the event loop for HOLD_MS, so a server projecting still answers. */
function yielder(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < HOLD_MS) return;
    await setImmediate();
    since = performance.now();
  };
}
