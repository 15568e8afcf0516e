import { DomainError } from '../../shared/domain-error.js';
import { HOURS_PER_DAY } from '../../shared/time/kpx-numbering.js';
import type { TradingDay } from '../../shared/time/trading-day.js';
import { dayIndexOf, valueAt, type HourlySeries } from '../hourly-series.js';
import { selectCblDays, type CblDaySelection, type CblLoadQuantity } from './cbl-day-selection.js';
import { KPX_CBL_METHODS, type KpxCblMethod } from './kpx-cbl-methods.js';
import { trimmedMean, type TrimmedMean } from './trimmed-mean.js';

export interface KpxCblInput {
  /** Hourly metered load in kWh (HourlySeries unit 'kWh'); must cover days before the event. */
  readonly history: HourlySeries;
  readonly eventDay: TradingDay;
  readonly method: KpxCblMethod;
  /** Earlier DR event days to leave out of the reference set. */
  readonly earlierEventDays?: readonly TradingDay[];
  /** Factories also drop days above 125 % of the reference load. */
  readonly factory?: boolean;
  /** The quantity compared for the 75 % / 125 % exclusion (UNVERIFIED; default daily average). */
  readonly loadQuantity?: CblLoadQuantity;
  readonly isEligibleDay?: (day: TradingDay) => boolean;
}

export interface KpxCbl {
  readonly method: KpxCblMethod;
  readonly eventDay: TradingDay;
  /** Baseline per hour-ending, index = hourEnding − 1, kWh. */
  readonly cblKwh: Float64Array;
  /** Per hour-ending, which values were kept and dropped (audit). */
  readonly perHour: readonly TrimmedMean[];
  readonly selection: CblDaySelection;
}

const FACTORY_HIGH_RATIO = 1.25;

/** KPX customer baseline load for one event day (kpx-market-rules.md §5.3). */
export const computeKpxCbl = (input: KpxCblInput): KpxCbl => {
  if (input.history.unit !== 'kWh')
    throw new DomainError(
      'CBL.INVALID_INPUT',
      `CBL history must be hourly kWh, got unit "${input.history.unit}"`,
      'history.unit',
    );
  const spec = KPX_CBL_METHODS[input.method];
  const selection = selectCblDays({
    history: input.history,
    eventDay: input.eventDay,
    windowDays: spec.windowDays,
    excludedDays: input.earlierEventDays ?? [],
    ...(input.factory === true ? { highRatio: FACTORY_HIGH_RATIO } : {}),
    ...(input.loadQuantity === undefined ? {} : { loadQuantity: input.loadQuantity }),
    ...(input.isEligibleDay === undefined ? {} : { isEligibleDay: input.isEligibleDay }),
  });
  const cblKwh = new Float64Array(HOURS_PER_DAY);
  const perHour: TrimmedMean[] = [];
  for (let hourEnding = 1; hourEnding <= HOURS_PER_DAY; hourEnding++) {
    const values = selection.daysUsed.map((day) =>
      valueAt(input.history, dayIndexOf(input.history, day), hourEnding),
    );
    const trimmed = trimmedMean(values, spec.dropLowest, spec.dropHighest);
    perHour.push(trimmed);
    cblKwh[hourEnding - 1] = trimmed.mean;
  }
  return { method: input.method, eventDay: input.eventDay, cblKwh, perHour, selection };
};
