import { expect } from 'vitest';
import { type Decider, fold } from '../../../src/domain/shared/decider.js';
import { DomainError } from '../../../src/domain/shared/errors.js';

/**
 * The one helper every decider test uses, after Emmett's DeciderSpecification:
 * `given([events]).when(command).then([events])` or `.thenThrows('need.not_editable')`.
 */
export function deciderSpec<State, Command, Event>(decider: Decider<State, Command, Event>) {
  return (given: Event[]) => ({
    when(command: Command) {
      const decide = () => decider.decide(command, fold(decider, given));
      return {
        // biome-ignore lint/suspicious/noThenProperty: given/when/then is how every decider test reads; nothing awaits it
        then(expected: Event[]) {
          expect(decide()).toEqual(expected);
        },
        thenThrows(code: string, status?: number) {
          let thrown: unknown;
          try {
            decide();
          } catch (error) {
            thrown = error;
          }
          expect(thrown, `expected ${code} to be thrown`).toBeInstanceOf(DomainError);
          const error = thrown as DomainError;
          expect(error.code).toBe(code);
          if (status !== undefined) expect(error.status).toBe(status);
          expect(error.message).toMatch(/[\u4e00-\u9fff]/);
        },
      };
    },
  });
}
