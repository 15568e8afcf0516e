import type { DateTime } from 'luxon';

/**
 * The current instant, injected wherever `now` is needed so that a simulation can run on simulated
 * time. Deciders never read a clock: handlers put `clock.now()` into the command (DESIGN.md §2).
 */
export interface Clock {
  /** The current instant in UTC. */
  now(): DateTime;
}

/** Nest DI token for the `Clock` port. */
export const CLOCK = 'CLOCK';
