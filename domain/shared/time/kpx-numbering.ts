import type { DateTime } from 'luxon';
import { Interval } from './interval.js';
import { HOUR_MS, MINUTE_MS, instantFromMillis, utcInstant } from './kst.js';
import { timeError } from './time-error.js';
import { TradingDay } from './trading-day.js';

/**
 * KPX numbers trading hours 1..24 "hour-ending": hour h is (h-1):00-h:00 KST, so hour 1 is
 * 00:00-01:00 and hour 24 is 23:00-24:00, where 24:00 is the next day's 00:00
 * (kpx-market-rules.md §7.2).
 */
export interface TradingHour {
  readonly day: TradingDay;
  /** 1..24 */
  readonly hourEnding: number;
}

export const HOURS_PER_DAY = 24;

const assertHourEnding = (hourEnding: number): void => {
  if (!Number.isInteger(hourEnding) || hourEnding < 1 || hourEnding > HOURS_PER_DAY)
    throw timeError(
      'TIME.INVALID_HOUR_ENDING',
      `a KPX trading hour is numbered 1..24, got ${hourEnding}`,
      { hourEnding },
    );
};

export const hourEndingToInterval = (day: TradingDay, hourEnding: number): Interval => {
  assertHourEnding(hourEnding);
  const startMs = day.startMs + (hourEnding - 1) * HOUR_MS;
  return Interval.fromMillis(startMs, startMs + HOUR_MS);
};

/** The trading hour containing `instant`. */
export const hourEndingContaining = (instant: DateTime): TradingHour => {
  const day = TradingDay.containing(instant);
  const hourIndex = Math.floor((utcInstant(instant).toMillis() - day.startMs) / HOUR_MS);
  return { day, hourEnding: hourIndex + 1 };
};

/** The inverse of `hourEndingToInterval`; `TIME.NOT_A_TRADING_HOUR` unless it is exactly one KST hour. */
export const intervalToHourEnding = (interval: Interval): TradingHour => {
  const hour = hourEndingContaining(interval.start);
  if (!hourEndingToInterval(hour.day, hour.hourEnding).equals(interval))
    throw timeError(
      'TIME.NOT_A_TRADING_HOUR',
      `${interval.toString()} is not one whole KST clock hour`,
      { interval: interval.toString() },
    );
  return hour;
};

const KPX_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2})$/;

const invalidTimestamp = (text: unknown, why: string) =>
  timeError('TIME.INVALID_KPX_TIMESTAMP', `"${String(text)}" is not a KPX timestamp: ${why}`, {
    text,
  });

/** Splits 'YYYY-MM-DD HH:mm' (KST, HH 00..24, 24 only as 24:00) into its date and wall time. */
const splitKpxTimestamp = (text: string): { day: TradingDay; hour: number; minute: number } => {
  const match = typeof text === 'string' ? KPX_TIMESTAMP.exec(text) : null;
  if (match === null) throw invalidTimestamp(text, "expected 'YYYY-MM-DD HH:mm'");
  const hour = Number(match[2]);
  const minute = Number(match[3]);
  if (hour > 24 || minute > 59 || (hour === 24 && minute !== 0))
    throw invalidTimestamp(text, 'the wall time is outside 00:00..24:00');
  let day: TradingDay;
  try {
    day = TradingDay.parse(match[1] ?? '');
  } catch {
    throw invalidTimestamp(text, 'the date does not exist');
  }
  return { day, hour, minute };
};

/** 'YYYY-MM-DD HH:mm' in KST to a UTC instant; '2020-12-19 24:00' is 2020-12-20 00:00 KST. */
export const parseKpxTimestamp = (text: string): DateTime => {
  const { day, hour, minute } = splitKpxTimestamp(text);
  return day.at(hour, minute);
};

export interface KpxTimestampFormat {
  /**
   * How to write KST midnight: '00:00' of the new day (the default), or '24:00' of the day that
   * ends there, as KPX hour-ending tables do.
   */
  readonly midnight?: '00:00' | '24:00';
}

/** A UTC instant as 'YYYY-MM-DD HH:mm' KST; instants with seconds are refused, not truncated. */
export const formatKpxTimestamp = (instant: DateTime, format: KpxTimestampFormat = {}): string => {
  const ms = utcInstant(instant).toMillis();
  if (ms % MINUTE_MS !== 0)
    throw invalidTimestamp(instant.toISO(), 'KPX timestamps have minute precision');
  const day = TradingDay.containing(instantFromMillis(ms));
  const minuteOfDay = (ms - day.startMs) / MINUTE_MS;
  if (minuteOfDay === 0 && format.midnight === '24:00') return `${day.previous().toString()} 24:00`;
  return `${day.toString()} ${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
};

/**
 * A timestamp labelling an hour-ending row ('2020-12-19 24:00' is hour 24 of 2020-12-19). The
 * label is the hour's end, so '2020-12-20 00:00' names the same hour as '2020-12-19 24:00'.
 */
export const parseKpxTradingHour = (text: string): TradingHour => {
  const { day, hour, minute } = splitKpxTimestamp(text);
  if (minute !== 0) throw invalidTimestamp(text, 'a trading hour ends on the hour');
  return hour === 0 ? { day: day.previous(), hourEnding: 24 } : { day, hourEnding: hour };
};

/** Writes a trading hour as KPX labels it: its end, with hour 24 as 'YYYY-MM-DD 24:00'. */
export const formatKpxTradingHour = ({ day, hourEnding }: TradingHour): string => {
  assertHourEnding(hourEnding);
  return `${day.toString()} ${pad2(hourEnding)}:00`;
};

const HOUR_LABEL = /^\s*(\d{1,2})\s*시\s*$/;

/** KPX wide tables label hour columns '1시' .. '24시'; returns the hour-ending number. */
export const parseHourLabel = (label: string): number => {
  const match = typeof label === 'string' ? HOUR_LABEL.exec(label) : null;
  if (match === null)
    throw timeError(
      'TIME.INVALID_HOUR_ENDING',
      `expected an hour label such as '13시', got "${String(label)}"`,
      {
        label,
      },
    );
  const hourEnding = Number(match[1]);
  assertHourEnding(hourEnding);
  return hourEnding;
};

export const formatHourLabel = (hourEnding: number): string => {
  assertHourEnding(hourEnding);
  return `${hourEnding}시`;
};

const pad2 = (value: number): string => String(value).padStart(2, '0');
