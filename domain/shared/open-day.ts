import { DomainError } from './domain-error.js';
import { DAY_MS, KST_OFFSET_MS } from './time/kst.js';
import { TradingDay } from './time/trading-day.js';
import type { Fail } from './input-parsing.js';
import { instantMs, isoDay, isoInstant } from './iso-instant.js';

export interface OpenDayInput {
  readonly fromDay: string;
  readonly firstOpenDay: string;
  readonly now: string;
}

/** Day number (as `TradingDay.epochDay`) of the KST date of a canonical instant. */
const epochDayContaining = (instant: string): number =>
  Math.floor((instantMs(instant) + KST_OFFSET_MS) / DAY_MS);

/** The trading day (KST date) of a canonical instant: KST has no daylight saving. */
export const tradingDayContaining = (instant: string): TradingDay =>
  TradingDay.fromEpochDay(epochDayContaining(instant));

/**
 * Membership changes only on days not yet bid (DESIGN.md §4): from the caller's `firstOpenDay`
 * (read off the market calendar) and, whatever the caller says, after today, which is always
 * already traded. Used for DER memberships and portfolio parents alike.
 */
export const openDay = (
  data: OpenDayInput,
  invalid: Fail,
  closedCode: string,
): { now: string; fromDay: string } => {
  const now = isoInstant(data.now, 'now', invalid);
  const fromDay = isoDay(data.fromDay, 'fromDay', invalid);
  const firstOpenDay = isoDay(data.firstOpenDay, 'firstOpenDay', invalid);
  const today = epochDayContaining(now);
  if (fromDay.epochDay < firstOpenDay.epochDay || fromDay.epochDay <= today)
    throw new DomainError(
      closedCode,
      `${fromDay.day} is already bid or traded; the first open day is ${firstOpenDay.day}`,
      'fromDay',
      { firstOpenDay: firstOpenDay.day, today: TradingDay.fromEpochDay(today).toString() },
    );
  return { now, fromDay: fromDay.day };
};
