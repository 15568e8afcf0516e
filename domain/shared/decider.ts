/**
 * A decider is the whole behaviour of one aggregate as three pure functions (DESIGN.md §2).
 * `decide` throws a DomainError on a rule violation and returns `[]` when the command is already
 * satisfied, so that a retried command appends nothing.
 */
export interface Decider<C, E, S> {
  readonly initialState: () => S;
  readonly decide: (command: C, state: S) => readonly E[];
  readonly evolve: (state: S, event: E) => S;
}

/** Commands and events are plain `{ type, data }` messages; `type` is the name of the message. */
export interface Message<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
}

export const foldEvents = <C, E, S>(decider: Decider<C, E, S>, events: Iterable<E>): S => {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
};
