import { errorWithinPct, isKpxQualifyingHour, kpxHourlyErrorPct } from './kpx-error-rate.js';
import type { KpxIncentiveTiers } from './kpx-incentive-tiers.js';
import { toMicroUnits } from './micro-units.js';

/** 1 = best tier, 2 = second tier, 0 = evaluated but above both thresholds. */
export type KpxTier = 0 | 1 | 2;

export type KpxHourEvaluation =
  | { readonly status: 'missing' }
  | { readonly status: 'below-utilisation'; readonly errorPct: number }
  | {
      readonly status: 'qualifying';
      readonly errorPct: number;
      readonly tier: KpxTier;
      readonly rateKrwPerKwh: number;
      /** G_h × rate in whole micro-won: exact (102.8 kWh × 4 = 411 200 000 µKRW). */
      readonly incentiveMicroKrw: number;
    };

/**
 * One settlement hour under §4.4/§4.5. A NaN forecast or actual is 'missing' (nothing is paid and
 * the hour is not averaged); hours with G_h < 10 % of C are evaluated for nothing.
 */
export const evaluateKpxHour = (
  forecastKwh: number,
  actualKwh: number,
  capacityKw: number,
  tiers: KpxIncentiveTiers,
): KpxHourEvaluation => {
  if (Number.isNaN(forecastKwh) || Number.isNaN(actualKwh)) return { status: 'missing' };
  const errorPct = kpxHourlyErrorPct(forecastKwh, actualKwh, capacityKw);
  if (!isKpxQualifyingHour(actualKwh, capacityKw)) return { status: 'below-utilisation', errorPct };
  const tier: KpxTier = errorWithinPct(forecastKwh, actualKwh, capacityKw, tiers.tier1MaxPct)
    ? 1
    : errorWithinPct(forecastKwh, actualKwh, capacityKw, tiers.tier2MaxPct)
      ? 2
      : 0;
  const rateKrwPerKwh =
    tier === 1 ? tiers.tier1RateKrwPerKwh : tier === 2 ? tiers.tier2RateKrwPerKwh : 0;
  // Rates are whole KRW/kWh, so micro-kWh × rate is an exact integer count of micro-won.
  const incentiveMicroKrw = toMicroUnits(actualKwh, 'actualKwh') * rateKrwPerKwh;
  return { status: 'qualifying', errorPct, tier, rateKrwPerKwh, incentiveMicroKrw };
};
