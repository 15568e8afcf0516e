import { DomainError } from '../../shared/domain-error.js';

/**
 * Energy and capacity as whole micro-units (1 µkWh = 1 mWh, 1 µkW = 1 mW) for exact decisions.
 *
 * Why: KPX tiers are decided at exact boundaries (e ≤ 6 %), but in IEEE-754 doubles
 * |162.8 − 102.8| / 1000 × 100 is 6.000000000000001. Meters report kWh with at most three
 * decimals, so rounding every input to 1e-6 kWh changes no real value, and afterwards every
 * comparison and product is integer arithmetic, which doubles do exactly below 2^53.
 */
export const MICRO_PER_UNIT = 1_000_000;

/** Largest magnitude accepted (kWh or kW): keeps |F−G|·100 and C·8 in micro-units below 2^53. */
export const MAX_EXACT_MAGNITUDE = 10_000_000;

export const toMicroUnits = (value: number, field: string): number => {
  if (!Number.isFinite(value))
    throw new DomainError(
      'FORECAST.INVALID_INPUT',
      `${field} must be a finite number, got ${value}`,
      field,
    );
  if (Math.abs(value) > MAX_EXACT_MAGNITUDE)
    throw new DomainError(
      'FORECAST.INVALID_INPUT',
      `${field} = ${value} exceeds ${MAX_EXACT_MAGNITUDE}, the largest value decided exactly`,
      field,
    );
  const micro = Math.round(value * MICRO_PER_UNIT);
  return micro === 0 ? 0 : micro;
};
