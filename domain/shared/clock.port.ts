import type { DateTime } from 'luxon';

/**
 * The current instant, injected wherever `now` is needed so that a simulation can run on simulated
 * time. Deciders never read a clock: handlers put `clock.now()` into the command (DESIGN.md §2).
 */
export interface Clock {
  /** The current instant in UTC. */
  now(): DateTime;
  /**
   * The current instant as milliseconds since the Unix epoch, the same instant `now()` gives.
   * For code on hot paths that only compares instants: it builds no DateTime (about 10 µs each).
   */
  nowEpochMs(): number;
}

/** Nest DI token for the `Clock` port. */
export const CLOCK = 'CLOCK';
