import type { DerKind } from '../ders/der-parameters.js';
import type { Interval } from '../shared/time/interval.js';
import type { IntervalMinutes } from '../shared/time/interval-grid.js';
import type { Kw, Kwh } from '../shared/units.js';
import type { DrLimit } from './twin-actuals.types.js';
import type { TwinEvSession, TwinNoise, TwinSite } from './twin-setup.types.js';

/** Everything fixed for the run, validated once by `createTwinState`. */
export interface TwinConfig {
  readonly site: TwinSite;
  readonly kinds: ReadonlyMap<string, DerKind>;
  readonly intervalMinutes: IntervalMinutes;
  readonly intervalCount: number;
  /** Index, within its trading day, of the horizon's first interval. */
  readonly firstIndexInDay: number;
  readonly intervalsPerDay: number;
  readonly intervals: readonly Interval[] | null;
  readonly noise: TwinNoise;
}

export interface PvState {
  readonly kind: 'pv';
}

export interface EssState {
  readonly kind: 'ess';
  readonly socKwh: Kwh;
}

export interface FuelCellState {
  readonly kind: 'fuel_cell';
  readonly outputKw: Kw;
  readonly on: boolean;
}

export interface EvSessionState extends TwinEvSession {
  /** Energy in the car's battery; `null` until it arrives. */
  readonly energyKwh: Kwh | null;
}

export interface EvChargerState {
  readonly kind: 'ev_charger';
  /** Sorted by arrival, never overlapping. */
  readonly sessions: readonly EvSessionState[];
}

export interface DrState {
  readonly kind: 'dr_load';
  /** Trading-day number the counters below belong to (see `dayOf`). */
  readonly day: number;
  readonly activationsToday: number;
  readonly minutesToday: number;
  /** Minutes the running activation has lasted; `null` when idle. */
  readonly activeMinutes: number | null;
  /** Reduction of the running activation, held when a request ends before the minimum duration. */
  readonly heldKw: Kw;
  /** Set while the rest of a requested run is refused, with the rule that refused it. */
  readonly refusedRun: DrLimit | null;
}

export type AssetState = PvState | EssState | FuelCellState | EvChargerState | DrState;

/** The twin between two intervals: `index` is the next interval to simulate. */
export interface TwinState {
  readonly config: TwinConfig;
  readonly index: number;
  readonly assets: Readonly<Record<string, AssetState>>;
}

export const hoursOf = (config: TwinConfig): number => config.intervalMinutes / 60;

/** A day number that changes exactly at 00:00 KST: DR daily limits reset when it does. */
export const dayOf = (config: TwinConfig, index: number): number =>
  Math.floor((config.firstIndexInDay + index) / config.intervalsPerDay);

export const assetStateOf = <K extends AssetState['kind']>(
  state: TwinState,
  derId: string,
  kind: K,
): Extract<AssetState, { kind: K }> => {
  const asset = Object.hasOwn(state.assets, derId) ? state.assets[derId] : undefined;
  if (asset?.kind !== kind) throw new RangeError(`no ${kind} asset ${derId} in the twin`);
  return asset as Extract<AssetState, { kind: K }>;
};
