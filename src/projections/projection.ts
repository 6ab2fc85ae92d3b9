import { UUID_PATTERN } from '../domain/shared/ids.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import type { SearchDocument, SearchIndex } from '../search/port.js';
import type { EntityReader } from './entity-reader.js';

export interface ProjectionContext {
  store: EventStore;
  search: SearchIndex;
  entities: EntityReader;
  /** The physical index written to: the live one, or its `_rebuild` copy during a rebuild. */
  target: string;
  /** `$all` position of the last event of the batch being applied. */
  position: bigint;
}

/**
 * One read model. A projection never folds events itself: it names the documents an event touches and
 * rebuilds each of them from the entity's own stream (folded by the domain's decider), so the read model
 * cannot drift from what a single-entity read shows, and replaying a batch is harmless.
 */
export interface Projection {
  /** The index this projection writes (its definition is `search/<index>.json`). */
  index: string;
  /** Streams whose events can change this index's documents. */
  streamPrefixes: string[];
  /** Ids of the documents an event touches. */
  affected(event: RecordedEvent, ctx: ProjectionContext): Promise<string[]>;
  /** The document as it is now, or null when it should not be in the index. */
  build(id: string, ctx: ProjectionContext): Promise<SearchDocument | null>;
  /**
   * Once a rebuild has replayed the store into its copy (`ctx.target`), before the copy is swapped in: the
   * work a projection leaves until it has caught up, done now (the match lists rank every list). Reports
   * how far it is, in documents.
   */
  completeRebuild?(ctx: ProjectionContext, onProgress: (done: number, total: number) => void): Promise<void>;
}

/**
 * The entity id of a stream like `need-<uuid>`; null for other streams, including ones that share the
 * prefix but are not entities (the reservation stream `engagement-slot-…`).
 */
export function streamId(stream: string, prefix: string): string | null {
  if (!stream.startsWith(prefix)) return null;
  const id = stream.slice(prefix.length);
  return UUID_PATTERN.test(id) ? id : null;
}

/** `affected` of a projection whose documents are the entities of one stream prefix: the event's own entity. */
export function entityOfStream(prefix: string): Projection['affected'] {
  return async (event) => {
    const id = streamId(event.stream, prefix);
    return id ? [id] : [];
  };
}
