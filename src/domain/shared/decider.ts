import type { CommandContext } from './actor.js';

/**
 * A decider in Emmett's sense: three plain functions and no framework. `decide` returns the events a
 * command produces or throws a DomainError; `evolve` folds one event into the state.
 */
export interface Decider<State, Command, Event> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** Every command: a `type`, its `data`, and who issued it when. */
export type Command<Type extends string, Data> = { type: Type; data: Data; context: CommandContext };

/** Events and commands are discriminated unions on `type`; `data` is plain JSON. */
export interface DomainEvent<Type extends string = string, Data = Record<string, unknown>> {
  type: Type;
  data: Data;
}

/** The state after `events`: from the initial state, or from a state already folded (`from`). */
export function fold<State, Command, Event>(
  decider: Decider<State, Command, Event>,
  events: Event[],
  from: State = decider.initialState(),
): State {
  return events.reduce(decider.evolve, from);
}
