import type { Decider } from '../../domain/shared/decider.js';
import { isDomainError, type DomainError } from '../../domain/shared/domain-error.js';

/**
 * Given/when/then for deciders (STYLE.md): `given(events).when(command).then(events)` or
 * `.thenThrows(code, field?)`. Errors match on the stable code and field, never the message.
 *
 * Every case also checks what holds for all our deciders: `decide` leaves the state it was given
 * untouched, the events survive JSON (that is how they are stored), and the same command decided
 * again on the resulting state returns `[]`, so a retried command appends nothing.
 */
export const deciderSpec = <C, E, S>(decider: Decider<C, E, S>) => {
  const given = (events: readonly E[]) => {
    const fold = () => events.reduce(decider.evolve, decider.initialState());
    return {
      when: (command: C) => ({
        /** Returns the state after the events, for further checks. */
        then: (expected: readonly E[]): S => {
          const state = fold();
          const before = structuredClone(state);
          const produced = decider.decide(command, state);
          expect(produced).toEqual(expected);
          expect(state).toEqual(before);
          expect(JSON.parse(JSON.stringify(produced))).toEqual(produced);
          const after = produced.reduce(decider.evolve, state);
          expect(decider.decide(command, after)).toEqual([]);
          return after;
        },
        thenThrows: (code: string, field?: string): DomainError => {
          const state = fold();
          const before = structuredClone(state);
          const error = captureError(() => decider.decide(command, state));
          expect({ code: error.code, field: error.field }).toEqual({
            code,
            field: field ?? error.field,
          });
          expect(state).toEqual(before);
          return error;
        },
      }),
    };
  };
  return { given };
};

const captureError = (action: () => unknown): DomainError => {
  try {
    action();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but the decider returned events');
};
