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
  const ids = new Set<string>();
  for (const event of batch) {
    if (checkpoint !== null && event.position <= checkpoint) continue;
    if (!projection.streamPrefixes.some((prefix) => event.stream.startsWith(prefix))) continue;
    for (const id of await projection.affected(event, context)) ids.add(id);
  }
  const upserts: SearchDocument[] = [];
  const deletes: string[] = [];
  for (const id of ids) {
    const document = await projection.build(id, context);
    if (document) upserts.push(document);
    else deletes.push(id);
  }
  await ctx.search.applyBatch(ctx.target, { upserts, deletes }, last.position);
  return last.position;
}
