import {
  dayIndexOf,
  dayValues,
  type HourlySeries,
} from '../../domain/forecasting/hourly-series.js';
import type { TradingDay } from '../../domain/shared/time/trading-day.js';
import { MERIT_ORDER_COVERAGE } from '../../market-adapters/kpx-sim/merit-order-inputs.js';
import type { PriceMode } from '../../market-adapters/kpx-sim/price-mode.js';

/**
 * The day after a run's last day, which the run bids (but does not deliver) so that a later run
 * with more days continues forward in time; undefined when the exchange could not clear it: no
 * published SMP for the whole day in the history, or outside the merit-order model's data.
 */
export const lookAheadDayOf = (
  days: readonly TradingDay[],
  smp: HourlySeries,
  priceMode: PriceMode | undefined,
): TradingDay | undefined => {
  const last = days.reduce<TradingDay | undefined>(
    (latest, d) => (latest === undefined || d.epochDay > latest.epochDay ? d : latest),
    undefined,
  );
  if (last === undefined) return undefined;
  const next = last.plusDays(1);
  if (dayValues(smp, dayIndexOf(smp, next)).some((v) => !Number.isFinite(v))) return undefined;
  if (priceMode === 'merit-order' && next.epochDay > MERIT_ORDER_COVERAGE.last.epochDay)
    return undefined;
  return next;
};
