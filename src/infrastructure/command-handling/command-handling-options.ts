/** Optional DI token: `{ maxRetries }` for every DeciderCommandHandler in the application. */
export const COMMAND_HANDLING_OPTIONS = Symbol('COMMAND_HANDLING_OPTIONS');

export interface CommandHandlingOptions {
  /** Reload-and-decide rounds after a ConcurrencyError before giving up; default 3. */
  readonly maxRetries?: number;
}
