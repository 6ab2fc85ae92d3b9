import type { Decider, DomainEvent } from '../domain/shared/decider.js';
import { NotFoundError } from '../domain/shared/errors.js';
import type { EventStore } from '../eventstore/port.js';
import type { Handled } from './command-handler.js';
import { readEntity } from './command-handler.js';

/** What every command service returns: the entity after the command, its revision (ETag) and `$all` position. */
export interface CommandResult<State> {
  id: string;
  state: State;
  revision: bigint;
  /** For read-your-writes: the position of the entity's newest event, also when the command changed nothing. */
  position: bigint;
}

export interface EntityRead<State> {
  id: string;
  state: State;
  revision: bigint;
}

export async function commandResult<State, Event>(
  store: EventStore,
  stream: string,
  id: string,
  handled: Handled<State, Event>,
): Promise<CommandResult<State>> {
  if (handled.revision === null) throw new Error(`stream ${stream} has no events after a command`);
  const position = handled.position ?? (await streamPosition(store, stream));
  return { id, state: handled.state, revision: handled.revision, position };
}

/** The `$all` position of a stream's newest event; -1n for an empty stream. */
export async function streamPosition(store: EventStore, stream: string): Promise<bigint> {
  const [last] = await store.readStream(stream, { direction: 'backwards', fromRevision: 'end', maxCount: 1 });
  return last?.position ?? -1n;
}

/** Folds one entity's stream; a stream without events is a 404 naming the entity. */
export async function readExisting<State, Command, Event extends DomainEvent>(
  store: EventStore,
  entity: string,
  stream: string,
  id: string,
  decider: Decider<State, Command, Event>,
): Promise<EntityRead<State>> {
  const { state, revision } = await readEntity(store, stream, decider);
  if (revision === null) throw new NotFoundError(entity, id);
  return { id, state, revision };
}
