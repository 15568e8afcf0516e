import type { TradingDay } from '../shared/time/trading-day.js';

/** ISO weekday numbers: Monday = 1 ... Sunday = 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

// Epoch day 0 (1970-01-01) was a Thursday (ISO 4): plain arithmetic, no date library per call.
const EPOCH_ISO_WEEKDAY_OFFSET = 3;

export const isoWeekday = (day: TradingDay): IsoWeekday => {
  const zeroBased = (((day.epochDay + EPOCH_ISO_WEEKDAY_OFFSET) % 7) + 7) % 7;
  return (zeroBased + 1) as IsoWeekday;
};

export const isSaturday = (day: TradingDay): boolean => isoWeekday(day) === 6;

export const isSunday = (day: TradingDay): boolean => isoWeekday(day) === 7;

export const isWeekend = (day: TradingDay): boolean => isoWeekday(day) >= 6;
