import type { DerKind, DerParameters, DerParametersOf } from '../ders/der-parameters.js';
import type { MicroSettings } from '../portfolios/portfolio-settings.js';
import type { Seed } from '../shared/seeded-random.js';
import type { Interval } from '../shared/time/interval.js';

export interface TwinAsset<P extends DerParameters = DerParameters> {
  readonly derId: string;
  readonly parameters: P;
}

export type TwinAssetOf<K extends DerKind> = TwinAsset<DerParametersOf<K>>;

/** One site behind one grid connection (a micro-VPP): its DERs and its connection limits. */
export interface TwinSite extends Pick<MicroSettings, 'gridImportLimitKw' | 'gridExportLimitKw'> {
  readonly assets: readonly TwinAsset[];
}

/**
 * The simulated horizon. Either a length and a count, placed in the trading day by
 * `firstIndexInDay` (0, i.e. 00:00 KST, by default), or the intervals themselves: contiguous cells
 * of one grid. The position in the day matters only for the daily limits of DR loads.
 */
export type TwinGrid =
  | {
      readonly intervalMinutes: number;
      readonly intervalCount: number;
      readonly firstIndexInDay?: number;
    }
  | { readonly intervals: readonly Interval[] };

/**
 * A car on a charger over the intervals [arrivalIndex, departureIndex) of the horizon (indices are
 * 0-based; a departure beyond the horizon means the car is still plugged at its end).
 */
export interface TwinEvSession {
  readonly sessionId: string;
  readonly arrivalIndex: number;
  readonly departureIndex: number;
  readonly energyOnArrivalKwh: number;
  readonly energyRequiredAtDepartureKwh: number;
  readonly batteryKwh: number;
}

export interface TwinFuelCellInitial {
  readonly outputKw: number;
  readonly on: boolean;
}

/**
 * State at the start of the horizon, keyed by derId. Every ESS and fuel cell needs an entry;
 * chargers without sessions may be left out. DR daily counters start at zero.
 */
export interface TwinInitialState {
  readonly essSocKwh?: Readonly<Record<string, number>>;
  readonly fuelCells?: Readonly<Record<string, TwinFuelCellInitial>>;
  readonly evSessions?: Readonly<Record<string, readonly TwinEvSession[]>>;
}

/**
 * Forecast error applied to PV availability and building load: actual = forecast x max(0, 1 + s z)
 * with z standard normal, drawn per (seed, series, interval index), so a value never depends on the
 * order in which intervals are simulated. A relative standard deviation s of 0 leaves inputs exact.
 */
export interface TwinNoise {
  readonly seed: Seed;
  readonly pvRelativeStd: number;
  readonly loadRelativeStd: number;
}

export const NO_NOISE: TwinNoise = { seed: 0, pvRelativeStd: 0, loadRelativeStd: 0 };
