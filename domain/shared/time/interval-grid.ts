import type { DateTime } from 'luxon';
import { Interval } from './interval.js';
import { DAY_MS, KST_OFFSET_MS, MINUTE_MS, kstDayStartMs, utcInstant } from './kst.js';
import { timeError } from './time-error.js';
import { TradingDay } from './trading-day.js';

/** Interval lengths that tile an hour exactly; the market chooses one (DESIGN.md §8). */
export const ALLOWED_INTERVAL_MINUTES = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60] as const;
export type IntervalMinutes = (typeof ALLOWED_INTERVAL_MINUTES)[number];

export const isIntervalMinutes = (minutes: number): minutes is IntervalMinutes =>
  (ALLOWED_INTERVAL_MINUTES as readonly number[]).includes(minutes);

/** Where an instant falls on a grid: its trading day and the 0-based interval index in that day. */
export interface GridPosition {
  readonly day: TradingDay;
  readonly index: number;
}

/**
 * The partition of every trading day into equal intervals of `minutes`, starting at 00:00 KST.
 * Because the length divides an hour, every KST hour boundary is also a grid boundary.
 */
export class IntervalGrid {
  private readonly lengthMs: number;

  private constructor(readonly minutes: IntervalMinutes) {
    this.lengthMs = minutes * MINUTE_MS;
  }

  /** `TIME.INVALID_INTERVAL_LENGTH` unless `minutes` divides 60. */
  static of(minutes: number): IntervalGrid {
    if (!isIntervalMinutes(minutes))
      throw timeError(
        'TIME.INVALID_INTERVAL_LENGTH',
        `an interval length must divide 60 minutes (${ALLOWED_INTERVAL_MINUTES.join(', ')}), got ${minutes}`,
        { minutes },
      );
    return new IntervalGrid(minutes);
  }

  /** Intervals per trading day: 24 for 60 minutes, 96 for 15 minutes. */
  get intervalsPerDay(): number {
    return DAY_MS / this.lengthMs;
  }

  get intervalsPerHour(): number {
    return 60 / this.minutes;
  }

  /** The day's intervals in order, contiguous from 00:00 KST to 24:00 KST. */
  intervalsOf(day: TradingDay): readonly Interval[] {
    const intervals: Interval[] = [];
    for (let index = 0; index < this.intervalsPerDay; index++)
      intervals.push(this.intervalAt(day, index));
    return intervals;
  }

  intervalAt(day: TradingDay, index: number): Interval {
    if (!Number.isInteger(index) || index < 0 || index >= this.intervalsPerDay)
      throw timeError(
        'TIME.INVALID_GRID_INDEX',
        `a ${this.minutes}-minute grid has indices 0..${this.intervalsPerDay - 1}, got ${index}`,
        { minutes: this.minutes, index },
      );
    const startMs = day.startMs + index * this.lengthMs;
    return Interval.fromMillis(startMs, startMs + this.lengthMs);
  }

  /** Index, within its trading day, of the interval containing `instant`. */
  indexOf(instant: DateTime): number {
    return this.positionOf(instant).index;
  }

  positionOf(instant: DateTime): GridPosition {
    const ms = utcInstant(instant).toMillis();
    const dayStartMs = kstDayStartMs(ms);
    return {
      day: TradingDay.fromEpochDay((dayStartMs + KST_OFFSET_MS) / DAY_MS),
      index: Math.floor((ms - dayStartMs) / this.lengthMs),
    };
  }

  intervalContaining(instant: DateTime): Interval {
    const { day, index } = this.positionOf(instant);
    return this.intervalAt(day, index);
  }

  /** True when `interval` is exactly one cell of this grid. */
  isCell(interval: Interval): boolean {
    return interval.durationMs === this.lengthMs && this.isBoundary(interval.startMs);
  }

  /** True when `interval` starts and ends on grid boundaries (one or more whole cells). */
  isAligned(interval: Interval): boolean {
    return this.isBoundary(interval.startMs) && this.isBoundary(interval.endMs);
  }

  /** The cells covering an aligned interval; `TIME.NOT_ON_GRID` if it is not aligned. */
  cellsOf(interval: Interval): readonly Interval[] {
    if (!this.isAligned(interval))
      throw timeError(
        'TIME.NOT_ON_GRID',
        `${interval.toString()} is not aligned to the ${this.minutes}-minute grid`,
        { interval: interval.toString(), minutes: this.minutes },
      );
    const cells: Interval[] = [];
    for (let startMs = interval.startMs; startMs < interval.endMs; startMs += this.lengthMs)
      cells.push(Interval.fromMillis(startMs, startMs + this.lengthMs));
    return cells;
  }

  private isBoundary(epochMs: number): boolean {
    // KST is a whole number of hours from UTC, so grid boundaries are multiples of the length.
    return ((epochMs % this.lengthMs) + this.lengthMs) % this.lengthMs === 0;
  }
}

/** Shorthand for `IntervalGrid.of(minutes).intervalsOf(day)`. */
export const intervalsOf = (day: TradingDay, minutes: number): readonly Interval[] =>
  IntervalGrid.of(minutes).intervalsOf(day);
