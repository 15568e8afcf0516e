import type { DerKind } from '../ders/der-parameters.js';
import type { AssetActual, DeviationReason } from './twin-actuals.types.js';
import type { AssetState } from './twin-state.js';
import { TOLERANCE_KW } from './twin-tolerance.js';

/** What every asset model needs to know about the interval being simulated. */
export interface IntervalContext {
  readonly index: number;
  readonly minutes: number;
  readonly hours: number;
  /** Trading-day number, for daily limits. */
  readonly day: number;
}

/**
 * An asset's response to its setpoint before the site's grid limit is applied, and how much of it
 * the limit may take back. Reliefs only ever move the power towards what the asset can fall back
 * to without breaking its own limits (less discharge, less charge, less output).
 */
export interface AssetPlan {
  readonly derId: string;
  readonly kind: DerKind;
  /** Signed towards the grid, as in `AssetActual`. */
  readonly plannedKw: number;
  /** Consumption that is not part of plannedKw: a DR load's baseline. */
  readonly baselineKw: number;
  /** How far plannedKw may drop (less injection) to respect the export limit. */
  readonly exportReliefKw: number;
  /** How far plannedKw may rise (less withdrawal) to respect the import limit. */
  readonly importReliefKw: number;
  readonly settle: (finalKw: number) => { actual: AssetActual; state: AssetState };
}

/** The plan's reasons plus `grid_limit` when the limiter moved its power. */
export const withGridReason = (
  reasons: readonly DeviationReason[],
  plannedKw: number,
  finalKw: number,
): DeviationReason[] =>
  Math.abs(finalKw - plannedKw) > TOLERANCE_KW ? [...reasons, 'grid_limit'] : [...reasons];
