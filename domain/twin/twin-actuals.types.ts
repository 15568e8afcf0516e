import type { DerKind } from '../ders/der-parameters.js';
import type { Kw, Kwh } from '../shared/units.js';
import type { Interval } from '../shared/time/interval.js';

/** Why an asset did not do exactly what it was told. */
export type DeviationReason =
  | 'clipped_by_rating'
  | 'soc_limit'
  | 'grid_limit'
  | 'dr_limit'
  | 'not_curtailable'
  | 'resource_limit'
  | 'not_plugged'
  | 'ramp_limit'
  | 'min_stable';

/** Which DR rule a `dr_limit` deviation comes from. */
export type DrLimit =
  | 'all_or_nothing'
  | 'baseline'
  | 'max_activations_per_day'
  | 'max_hours_per_day'
  | 'max_duration'
  | 'min_duration';

/**
 * `actualKw` is signed towards the grid for every kind: PV and fuel-cell output, ESS and EV
 * discharge (negative when charging), and DR reduction (less consumption). `energyKwh` is
 * actualKw x interval hours. `reasons` is empty when the actual equals the setpoint.
 */
interface AssetActualBase<K extends DerKind> {
  readonly derId: string;
  readonly kind: K;
  /** What was asked: the signed power, the PV cap (`null`: none), the DR reduction, the output. */
  readonly setpointKw: Kw | null;
  readonly actualKw: Kw;
  readonly energyKwh: Kwh;
  readonly reasons: readonly DeviationReason[];
}

export interface PvActual extends AssetActualBase<'pv'> {
  /** Available power after forecast noise, before the inverter limit. */
  readonly availableKw: Kw;
  /** Output given up to the cap or the grid limit: min(available, inverter) - actual. */
  readonly curtailedKw: Kw;
}

export interface EssActual extends AssetActualBase<'ess'> {
  readonly chargeKw: Kw;
  readonly dischargeKw: Kw;
  /** State of charge at the end of the interval. */
  readonly socKwh: Kwh;
}

export interface DrActual extends AssetActualBase<'dr_load'> {
  readonly baselineKw: Kw;
  /** What the load drew: baseline - reduction. */
  readonly loadKw: Kw;
  readonly drLimit: DrLimit | null;
  /** Minutes the current activation has lasted at the end of the interval; 0 when idle. */
  readonly activationMinutes: number;
}

export interface EvActual extends AssetActualBase<'ev_charger'> {
  readonly sessionId: string | null;
  readonly chargeKw: Kw;
  readonly dischargeKw: Kw;
  /** Energy in the plugged car's battery at the end of the interval; `null` when none is plugged. */
  readonly batteryEnergyKwh: Kwh | null;
}

export interface FuelCellActual extends AssetActualBase<'fuel_cell'> {
  readonly on: boolean;
  /** True in the interval it was switched on (the start cost is due). */
  readonly started: boolean;
}

export type AssetActual = PvActual | EssActual | DrActual | EvActual | FuelCellActual;

export interface GridViolation {
  readonly direction: 'import' | 'export';
  /** Power beyond the limit that no flexible asset could absorb. */
  readonly excessKw: Kw;
}

export interface TwinIntervalActuals {
  readonly index: number;
  /** The interval itself when the grid was given as intervals; `null` otherwise. */
  readonly interval: Interval | null;
  /** Building load after forecast noise. */
  readonly buildingLoadKw: Kw;
  readonly assets: readonly AssetActual[];
  /** Site net power at the grid connection: positive = export, negative = import. */
  readonly netExportKw: Kw;
  readonly netExportKwh: Kwh;
  readonly gridViolation: GridViolation | null;
}

export interface EvSessionReport {
  readonly derId: string;
  readonly sessionId: string;
  readonly arrivalIndex: number;
  readonly departureIndex: number;
  /** False when the car is still plugged at the end of what was simulated. */
  readonly departed: boolean;
  readonly energyRequiredAtDepartureKwh: Kwh;
  /** Energy at departure (or now, if not yet departed). */
  readonly energyReachedKwh: Kwh;
  /** max(0, required - reached). */
  readonly shortfallKwh: Kwh;
}
