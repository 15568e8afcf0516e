import type { HourlySeries } from '../../../../domain/forecasting/hourly-series.js';
import { SeededRandom } from '../../../../domain/shared/seeded-random.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';

export interface SyntheticSmpOptions {
  readonly days: number;
  readonly seed: number;
  /** Correlation of the error between consecutive hours (AR(1) across the day). */
  readonly hourToHourCorrelation: number;
  readonly errorSdKrwPerKwh: number;
}

/** A Monday: makes weekday arithmetic in tests easy to read. */
export const SYNTHETIC_FIRST_DAY = TradingDay.parse('2023-01-02');

/**
 * SMP-like test series: a slowly wandering level, a daily shape, a weekend discount and a Gaussian
 * error that is AR(1) across the hours of a day (so hours are correlated) and independent between
 * days. Kept far above 0 so that the floor never bites.
 */
export const syntheticSmp = (options: SyntheticSmpOptions): HourlySeries => {
  const random = new SeededRandom(options.seed);
  const values = new Float64Array(options.days * 24);
  const rho = options.hourToHourCorrelation;
  let level = 0;
  for (let d = 0; d < options.days; d++) {
    level += random.normal(0, 1);
    const weekend = d % 7 >= 5 ? -15 : 0;
    let error = random.normal(0, options.errorSdKrwPerKwh);
    for (let h = 0; h < 24; h++) {
      if (h > 0)
        error = rho * error + Math.sqrt(1 - rho * rho) * random.normal(0, options.errorSdKrwPerKwh);
      const shape = 20 * Math.sin((2 * Math.PI * (h - 6)) / 24);
      values[d * 24 + h] = 150 + level + shape + weekend + error;
    }
  }
  return { firstDay: SYNTHETIC_FIRST_DAY, values, unit: 'KRW/kWh' };
};

export const withoutHolidays = (): boolean => false;

/** Pearson correlation of two equally long samples. */
export const correlation = (x: readonly number[], y: readonly number[]): number => {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
};
