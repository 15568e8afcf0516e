import { DateTime } from 'luxon';
import { HOUR_MS, MINUTE_MS, instantFromMillis, utcInstant } from './kst.js';
import { timeError } from './time-error.js';

const EXPLICIT_OFFSET = /T.*(Z|[+-]\d{2}(:?\d{2})?)$/;

/**
 * A half-open span of time `[start, end)` between two UTC instants (DESIGN.md §8). Half-open, so
 * that consecutive delivery intervals share a boundary without sharing an instant.
 */
export class Interval {
  private constructor(
    /** Epoch milliseconds, kept so that comparisons never touch luxon. */
    readonly startMs: number,
    readonly endMs: number,
  ) {}

  /** Both instants are converted to UTC; `TIME.INVALID_INTERVAL` unless start < end. */
  static of(start: DateTime, end: DateTime): Interval {
    return Interval.fromMillis(
      utcInstant(start, 'start').toMillis(),
      utcInstant(end, 'end').toMillis(),
    );
  }

  static fromMillis(startMs: number, endMs: number): Interval {
    if (!Number.isSafeInteger(startMs) || !Number.isSafeInteger(endMs) || !(startMs < endMs))
      throw timeError(
        'TIME.INVALID_INTERVAL',
        `an interval needs start < end, got ${startMs}..${endMs}`,
        {
          startMs,
          endMs,
        },
      );
    return new Interval(startMs, endMs);
  }

  /**
   * Parses the ISO 8601 form `start/end` that `toString` writes. Each instant must carry its offset
   * (`Z` or `+09:00`): a bare local time would depend on the host's zone.
   */
  static parse(text: string): Interval {
    const parts = typeof text === 'string' ? text.split('/') : [];
    const instants = parts.map((part) =>
      EXPLICIT_OFFSET.test(part) ? DateTime.fromISO(part, { zone: 'utc' }) : undefined,
    );
    const [start, end] = instants;
    if (instants.length !== 2 || !start?.isValid || !end?.isValid)
      throw timeError(
        'TIME.INVALID_INTERVAL',
        `expected ISO "start/end" with offsets, got "${String(text)}"`,
        {
          text,
        },
      );
    return Interval.of(start, end);
  }

  get start(): DateTime {
    return instantFromMillis(this.startMs);
  }

  get end(): DateTime {
    return instantFromMillis(this.endMs);
  }

  get durationMs(): number {
    return this.endMs - this.startMs;
  }

  get durationMinutes(): number {
    return this.durationMs / MINUTE_MS;
  }

  /** The factor that turns power into energy: `energyKwh(powerKw, interval.durationHours)`. */
  get durationHours(): number {
    return this.durationMs / HOUR_MS;
  }

  /** True when start <= instant < end: an interval contains its start but not its end. */
  contains(instant: DateTime): boolean {
    const ms = utcInstant(instant).toMillis();
    return this.startMs <= ms && ms < this.endMs;
  }

  /** True when this interval wholly includes `other`. */
  encloses(other: Interval): boolean {
    return this.startMs <= other.startMs && other.endMs <= this.endMs;
  }

  /** True when the two share at least one instant; touching intervals (a.end = b.start) do not. */
  overlaps(other: Interval): boolean {
    return this.startMs < other.endMs && other.startMs < this.endMs;
  }

  equals(other: Interval): boolean {
    return this.startMs === other.startMs && this.endMs === other.endMs;
  }

  /** Orders by start, then by end. */
  compareTo(other: Interval): number {
    return Math.sign(this.startMs - other.startMs) || Math.sign(this.endMs - other.endMs);
  }

  static compare(a: Interval, b: Interval): number {
    return a.compareTo(b);
  }

  /** ISO 8601 `start/end` in UTC with milliseconds: fixed width, so it sorts as text. */
  toString(): string {
    return `${this.start.toISO()}/${this.end.toISO()}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
