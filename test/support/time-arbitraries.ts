import fc from 'fast-check';
import { DateTime } from 'luxon';
import { TradingDay } from '../../domain/shared/time/trading-day.js';

/** 1990-01-01 .. 2100-12-31 KST: wider than any market data, narrow enough to stay realistic. */
const FIRST_DAY = TradingDay.parse('1990-01-01').epochDay;
const LAST_DAY = TradingDay.parse('2100-12-31').epochDay;

export const tradingDayArb = (): fc.Arbitrary<TradingDay> =>
  fc
    .integer({ min: FIRST_DAY, max: LAST_DAY })
    .map((epochDay) => TradingDay.fromEpochDay(epochDay));

/** Any millisecond inside the range above, as a UTC DateTime. */
export const instantArb = (): fc.Arbitrary<DateTime> =>
  fc
    .integer({
      min: TradingDay.fromEpochDay(FIRST_DAY).startMs,
      max: TradingDay.fromEpochDay(LAST_DAY).startMs + 86_400_000 - 1,
    })
    .map((epochMs) => DateTime.fromMillis(epochMs, { zone: 'utc' }));
