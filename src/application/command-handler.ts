import type { EventMetadata } from '../domain/shared/actor.js';
import { type Decider, type DomainEvent, fold } from '../domain/shared/decider.js';
import type { EventStore, JsonObject } from '../eventstore/port.js';
import { WrongExpectedVersionError } from '../eventstore/port.js';

export interface Folded<State> {
  state: State;
  /** Last revision of the stream, or null when it has no events. */
  revision: bigint | null;
}

export interface Handled<State, Event> extends Folded<State> {
  events: Event[];
  /** `$all` position of the last event appended; null when the command produced no events. */
  position: bigint | null;
}

export interface HandleOptions {
  metadata: EventMetadata;
  /** From `If-Match`: the revision the caller saw. When given, a mismatch is a 412 and is not retried. */
  expectedRevision?: bigint | 'no_stream';
  maxAttempts?: number;
}

export async function readEntity<State, Command, Event extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<State, Command, Event>,
): Promise<Folded<State>> {
  const recorded = await store.readStream(stream);
  const state = fold(
    decider,
    recorded.map((event) => ({ type: event.type, data: event.data }) as Event),
  );
  const last = recorded.at(-1);
  return { state, revision: last ? last.revision : null };
}

/**
 * Folds the stream, decides, and appends with the revision it read. When the caller named no revision,
 * a concurrent writer only means "decide again on the newer state", so the command is retried; when the
 * caller named one (If-Match), the conflict is theirs to resolve.
 */
export async function handleCommand<State, Command, Event extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  options: HandleOptions,
): Promise<Handled<State, Event>> {
  const maxAttempts = options.expectedRevision === undefined ? (options.maxAttempts ?? 5) : 1;
  for (let attempt = 1; ; attempt++) {
    const { state, revision } = await readEntity(store, stream, decider);
    const actual = revision ?? 'no_stream';
    if (options.expectedRevision !== undefined && options.expectedRevision !== actual) {
      throw new WrongExpectedVersionError(stream, options.expectedRevision, actual);
    }
    const events = decider.decide(command, state);
    if (events.length === 0) return { state, revision, events, position: null };
    try {
      const result = await store.append(
        stream,
        events.map((event) => ({
          type: event.type,
          data: event.data as JsonObject,
          metadata: options.metadata,
        })),
        { expectedRevision: actual },
      );
      return {
        state: fold(decider, events, state),
        revision: result.nextExpectedRevision,
        events,
        position: result.position,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= maxAttempts) throw error;
    }
  }
}
