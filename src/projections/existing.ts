/** An entity past its initial state (it has had its first event): the only kind a read model holds. */
export type Existing<State extends { status: string }> = State & {
  status: Exclude<State['status'], 'initial'>;
};

/** Whether the entity exists; narrows its status, so a document built from it never claims `initial`. */
export function exists<State extends { status: string }>(state: State): state is Existing<State> {
  return state.status !== 'initial';
}
