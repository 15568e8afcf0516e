import type { Krw } from '../../shared/units.js';
import { microKrwToWholeKrw, type KpxDaySettlement } from './kpx-daily-settlement.js';

export interface KpxPeriodSummary {
  readonly days: number;
  /** Hours with G_h ≥ 10 % of C and both values present. */
  readonly qualifyingHours: number;
  /** Mean e_h over qualifying hours (%); NaN when there are none. */
  readonly meanErrorQualifyingPct: number;
  readonly hoursByTier: { readonly tier1: number; readonly tier2: number; readonly none: number };
  /** Incentive per tier, summed exactly in micro-won, then rounded once to whole won. */
  readonly incentiveTier1Krw: Krw;
  readonly incentiveTier2Krw: Krw;
  readonly incentiveTotalKrw: Krw;
  /** The exact total in micro-won (the rounded total is derived from it, not from the parts). */
  readonly incentiveTotalMicroKrw: number;
}

/** Summarises many settled days (e.g. a PV backtest) into one KPX scorecard. */
export const summariseKpxDays = (days: readonly KpxDaySettlement[]): KpxPeriodSummary => {
  let qualifyingHours = 0;
  let errorSum = 0;
  let tier1 = 0;
  let tier2 = 0;
  let none = 0;
  let tier1Micro = 0;
  let tier2Micro = 0;
  for (const day of days)
    for (const hour of day.hours) {
      if (hour.status !== 'qualifying') continue;
      qualifyingHours++;
      errorSum += hour.errorPct;
      if (hour.tier === 1) {
        tier1++;
        tier1Micro += hour.incentiveMicroKrw;
      } else if (hour.tier === 2) {
        tier2++;
        tier2Micro += hour.incentiveMicroKrw;
      } else none++;
    }
  const totalMicro = tier1Micro + tier2Micro;
  return {
    days: days.length,
    qualifyingHours,
    meanErrorQualifyingPct: qualifyingHours === 0 ? Number.NaN : errorSum / qualifyingHours,
    hoursByTier: { tier1, tier2, none },
    incentiveTier1Krw: microKrwToWholeKrw(tier1Micro),
    incentiveTier2Krw: microKrwToWholeKrw(tier2Micro),
    incentiveTotalKrw: microKrwToWholeKrw(totalMicro),
    incentiveTotalMicroKrw: totalMicro,
  };
};
