import { Duration, type DateTime, type DurationLike } from 'luxon';
import type { Clock } from '../../../domain/shared/clock.port.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { utcInstant } from '../../../domain/shared/time/kst.js';

/**
 * Time that moves only when told to, for simulations and tests. It never moves backwards: events
 * recorded under it must keep the order in which they happened.
 */
export class SimulatedClock implements Clock {
  private current: DateTime;

  constructor(start: DateTime) {
    this.current = utcInstant(start, 'start');
  }

  now(): DateTime {
    return this.current;
  }

  nowEpochMs(): number {
    return this.current.toMillis();
  }

  /** Moves to `instant`; moving to the current instant is allowed and changes nothing. */
  advanceTo(instant: DateTime): DateTime {
    const target = utcInstant(instant);
    if (target.toMillis() < this.current.toMillis())
      throw new DomainError(
        'CLOCK.MOVED_BACKWARDS',
        `a simulated clock cannot go back from ${this.current.toISO()} to ${target.toISO()}`,
        undefined,
        { from: this.current.toISO(), to: target.toISO() },
      );
    this.current = target;
    return target;
  }

  /** Moves forward by a non-negative duration, e.g. `advanceBy({ minutes: 15 })`. */
  advanceBy(duration: DurationLike): DateTime {
    const step = Duration.fromDurationLike(duration);
    if (!step.isValid || step.toMillis() < 0)
      throw new DomainError(
        'CLOCK.MOVED_BACKWARDS',
        `a simulated clock only advances by a non-negative duration, got ${step.toISO() ?? 'invalid'}`,
        undefined,
        { duration: step.toISO() },
      );
    return this.advanceTo(this.current.plus(step));
  }
}
