import { isDomainError, type DomainError } from '../../domain/shared/domain-error.js';

/** Runs `action`, asserts it throws a DomainError with `code`, and returns the error for more checks. */
export const expectDomainError = (action: () => unknown, code: string): DomainError => {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) throw new Error(`expected DomainError ${code}, but nothing was thrown`);
  if (!isDomainError(thrown)) throw thrown;
  expect(thrown.code).toBe(code);
  return thrown;
};
