import { DomainError } from '../../shared/domain-error.js';
import { toMicroUnits } from './micro-units.js';

/**
 * KPX hourly forecast error rate (kpx-market-rules.md §4.4): e_h = |F_h − G_h| / C × 100, in % of
 * installed capacity; F_h forecast kWh, G_h metered kWh, C capacity kW (so kWh/kW per hour).
 * This float is for reporting and averaging; tier decisions use `errorWithinPct` (exact).
 */
export const kpxHourlyErrorPct = (
  forecastKwh: number,
  actualKwh: number,
  capacityKw: number,
): number => (Math.abs(forecastKwh - actualKwh) / positiveCapacity(capacityKw)) * 100;

/** Exactly decides e_h ≤ thresholdPct, i.e. |F−G|·100 ≤ threshold·C in integer micro-units. */
export const errorWithinPct = (
  forecastKwh: number,
  actualKwh: number,
  capacityKw: number,
  thresholdPct: number,
): boolean => {
  const diffMicro = Math.abs(
    toMicroUnits(forecastKwh, 'forecastKwh') - toMicroUnits(actualKwh, 'actualKwh'),
  );
  const capacityMicro = toMicroUnits(positiveCapacity(capacityKw), 'capacityKw');
  if (!Number.isInteger(thresholdPct) || thresholdPct < 0 || thresholdPct > 100)
    throw new DomainError(
      'FORECAST.INVALID_INPUT',
      `a tier threshold is a whole percentage 0..100, got ${thresholdPct}`,
      'thresholdPct',
    );
  return diffMicro * 100 <= thresholdPct * capacityMicro;
};

/** Minimum utilisation for an hour to be evaluated and paid: G_h ≥ 10 % of C (§4.4). */
export const KPX_MIN_UTILISATION_PCT = 10;

/** G_h ≥ 0.1·C, inclusive and exact (G·100 ≥ 10·C in micro-units): 100 kWh of 1000 kW counts. */
export const isKpxQualifyingHour = (actualKwh: number, capacityKw: number): boolean =>
  toMicroUnits(actualKwh, 'actualKwh') * 100 >=
  KPX_MIN_UTILISATION_PCT * toMicroUnits(positiveCapacity(capacityKw), 'capacityKw');

const positiveCapacity = (capacityKw: number): number => {
  if (!Number.isFinite(capacityKw) || capacityKw <= 0)
    throw new DomainError(
      'FORECAST.INVALID_INPUT',
      `installed capacity must be a positive number of kW, got ${capacityKw}`,
      'capacityKw',
    );
  return capacityKw;
};
