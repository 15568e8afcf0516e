import { DomainError } from '../../shared/domain-error.js';
import type { TradingDay } from '../../shared/time/trading-day.js';
import { krwRounded, type Krw } from '../../shared/units.js';
import { evaluateKpxHour, type KpxHourEvaluation } from './kpx-hour-evaluation.js';
import {
  kpxIncentiveTiersFor,
  type KpxIncentiveTiers,
  type KpxResourceKind,
} from './kpx-incentive-tiers.js';
import { MICRO_PER_UNIT } from './micro-units.js';

export interface KpxDayInput {
  readonly day: TradingDay;
  readonly resourceKind: KpxResourceKind;
  readonly capacityKw: number;
  /** Settlement forecast per hour (already the mean of the two submissions); NaN = missing. */
  readonly forecastKwh: ArrayLike<number>;
  /** Metered energy per hour; NaN = missing. Same length as `forecastKwh` (normally 24). */
  readonly actualKwh: ArrayLike<number>;
}

export interface KpxDaySettlement {
  readonly day: TradingDay;
  readonly tiers: KpxIncentiveTiers;
  readonly hours: readonly KpxHourEvaluation[];
  /** S = Σ G_h × I_h, exact, as an integer of micro-won. */
  readonly settlementMicroKrw: number;
  /** The same amount in KRW with its decimals (411.2), for display; exact to 1e-6 KRW. */
  readonly settlementKrwFractional: number;
  /** Whole won, rounded half away from zero once, at the end. */
  readonly settlementKrwRounded: Krw;
}

/** Daily incentive settlement S = Σ_h G_h × I_h (kpx-market-rules.md §4.5). */
export const settleKpxDay = (input: KpxDayInput): KpxDaySettlement => {
  if (input.forecastKwh.length !== input.actualKwh.length)
    throw new DomainError(
      'FORECAST.INVALID_INPUT',
      `forecast has ${input.forecastKwh.length} hours but actual has ${input.actualKwh.length}`,
      'forecastKwh',
    );
  const tiers = kpxIncentiveTiersFor(input.day, input.resourceKind);
  const hours: KpxHourEvaluation[] = [];
  let settlementMicroKrw = 0;
  for (let i = 0; i < input.actualKwh.length; i++) {
    const hour = evaluateKpxHour(
      input.forecastKwh[i] ?? Number.NaN,
      input.actualKwh[i] ?? Number.NaN,
      input.capacityKw,
      tiers,
    );
    hours.push(hour);
    if (hour.status === 'qualifying') settlementMicroKrw += hour.incentiveMicroKrw;
  }
  return {
    day: input.day,
    tiers,
    hours,
    settlementMicroKrw,
    settlementKrwFractional: settlementMicroKrw / MICRO_PER_UNIT,
    settlementKrwRounded: microKrwToWholeKrw(settlementMicroKrw),
  };
};

/** Whole won from micro-won, half away from zero, with integer arithmetic (no float drift). */
export const microKrwToWholeKrw = (microKrw: number): Krw => {
  const sign = microKrw < 0 ? -1 : 1;
  const magnitude = Math.abs(microKrw);
  const whole = Math.floor(magnitude / MICRO_PER_UNIT);
  const remainder = magnitude - whole * MICRO_PER_UNIT;
  return krwRounded(sign * (remainder * 2 >= MICRO_PER_UNIT ? whole + 1 : whole));
};
