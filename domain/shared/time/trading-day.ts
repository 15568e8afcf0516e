import { DateTime } from 'luxon';
import { Interval } from './interval.js';
import {
  DAY_MS,
  HOUR_MS,
  KST,
  KST_OFFSET_MS,
  MINUTE_MS,
  instantFromMillis,
  utcInstant,
} from './kst.js';
import { timeError } from './time-error.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const invalidDay = (message: string, details: Record<string, unknown>) =>
  timeError('TIME.INVALID_TRADING_DAY', message, details);

/**
 * A KST calendar day, the unit KPX trades and settles in (kpx-market-rules.md §7.2). It runs from
 * 00:00 KST, which is 15:00 UTC of the previous calendar day, for exactly 24 hours.
 */
export class TradingDay {
  private constructor(
    /** Days since 1970-01-01 KST: makes stepping, comparing and `containing` plain arithmetic. */
    readonly epochDay: number,
    private readonly iso: string,
  ) {}

  /** Parses 'YYYY-MM-DD'; anything else, or a date that does not exist, is `TIME.INVALID_TRADING_DAY`. */
  static parse(text: string): TradingDay {
    const match = typeof text === 'string' ? ISO_DATE.exec(text) : null;
    if (match === null)
      throw invalidDay(`a trading day is written YYYY-MM-DD, got "${String(text)}"`, { text });
    return TradingDay.of(Number(match[1]), Number(match[2]), Number(match[3]));
  }

  static of(year: number, month: number, day: number): TradingDay {
    const kstMidnight = DateTime.fromObject({ year, month, day }, { zone: KST });
    if (!kstMidnight.isValid || year < 0 || year > 9999)
      throw invalidDay(`${year}-${month}-${day} is not a calendar date`, { year, month, day });
    return TradingDay.fromEpochDay((kstMidnight.toMillis() + KST_OFFSET_MS) / DAY_MS);
  }

  /** The trading day in which `instant` falls (its KST date). */
  static containing(instant: DateTime): TradingDay {
    const ms = utcInstant(instant).toMillis();
    return TradingDay.fromEpochDay(Math.floor((ms + KST_OFFSET_MS) / DAY_MS));
  }

  static fromEpochDay(epochDay: number): TradingDay {
    // Read the date off the UTC calendar: shifted by the fixed +9 h, it is the KST calendar.
    const date = Number.isSafeInteger(epochDay) ? instantFromMillis(epochDay * DAY_MS) : undefined;
    if (date === undefined || !date.isValid || date.year < 0 || date.year > 9999)
      throw invalidDay(`day number ${epochDay} is outside years 0000..9999`, { epochDay });
    return new TradingDay(epochDay, date.toISODate() ?? '');
  }

  get year(): number {
    return Number(this.iso.slice(0, 4));
  }

  get month(): number {
    return Number(this.iso.slice(5, 7));
  }

  get day(): number {
    return Number(this.iso.slice(8, 10));
  }

  /** Epoch milliseconds of 00:00 KST. */
  get startMs(): number {
    return this.epochDay * DAY_MS - KST_OFFSET_MS;
  }

  /** 00:00 KST on this day, as a UTC instant. */
  get startUtc(): DateTime {
    return instantFromMillis(this.startMs);
  }

  /** 24:00 KST on this day (the next day's 00:00), as a UTC instant; excluded from the day. */
  get endUtc(): DateTime {
    return instantFromMillis(this.startMs + DAY_MS);
  }

  get interval(): Interval {
    return Interval.fromMillis(this.startMs, this.startMs + DAY_MS);
  }

  contains(instant: DateTime): boolean {
    return this.interval.contains(instant);
  }

  /**
   * A KST wall time on this day as a UTC instant, e.g. the day-ahead gate `day.previous().at(10, 0)`.
   * `at(24, 0)` is allowed and is the day's end, following KPX's "24:00".
   */
  at(hour: number, minute = 0): DateTime {
    const valid =
      Number.isInteger(hour) &&
      Number.isInteger(minute) &&
      hour >= 0 &&
      minute >= 0 &&
      minute <= 59 &&
      (hour < 24 || (hour === 24 && minute === 0));
    if (!valid)
      throw timeError('TIME.INVALID_WALL_TIME', `${hour}:${minute} is not a wall time of a day`, {
        hour,
        minute,
      });
    return instantFromMillis(this.startMs + hour * HOUR_MS + minute * MINUTE_MS);
  }

  plusDays(days: number): TradingDay {
    if (!Number.isSafeInteger(days))
      throw timeError('TIME.INVALID_DAY_OFFSET', `a day offset is a whole number, got ${days}`, {
        days,
      });
    return TradingDay.fromEpochDay(this.epochDay + days);
  }

  next(): TradingDay {
    return this.plusDays(1);
  }

  previous(): TradingDay {
    return this.plusDays(-1);
  }

  /** Whole days from this day to `other`: positive when `other` is later. */
  daysUntil(other: TradingDay): number {
    return other.epochDay - this.epochDay;
  }

  equals(other: TradingDay): boolean {
    return this.epochDay === other.epochDay;
  }

  compareTo(other: TradingDay): number {
    return Math.sign(this.epochDay - other.epochDay);
  }

  static compare(a: TradingDay, b: TradingDay): number {
    return a.compareTo(b);
  }

  isBefore(other: TradingDay): boolean {
    return this.epochDay < other.epochDay;
  }

  isAfter(other: TradingDay): boolean {
    return this.epochDay > other.epochDay;
  }

  /** 'YYYY-MM-DD', the form used in stream ids such as `bid-{portfolioId}-{market}-{tradingDay}`. */
  toString(): string {
    return this.iso;
  }

  toJSON(): string {
    return this.iso;
  }
}
