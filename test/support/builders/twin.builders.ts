import type { DerParameters } from '../../../domain/ders/index.js';
import { kw } from '../../../domain/shared/units.js';
import {
  simulateMicroVpp,
  type AssetActual,
  type TwinAsset,
  type TwinInitialState,
  type TwinInputs,
  type TwinNoise,
  type TwinResult,
  type TwinSetpoints,
  type TwinSite,
} from '../../../domain/twin/index.js';

export const asset = <P extends DerParameters>(derId: string, parameters: P): TwinAsset<P> => ({
  derId,
  parameters,
});

/** Limits far above anything the examples move, unless a test is about them. */
export const siteOf = (
  assets: readonly TwinAsset[],
  limits: { importKw?: number; exportKw?: number } = {},
): TwinSite => ({
  assets,
  gridImportLimitKw: kw(limits.importKw ?? 10_000),
  gridExportLimitKw: kw(limits.exportKw ?? 10_000),
});

export const times = <T>(value: T, count: number): T[] =>
  Array.from({ length: count }, () => value);

export interface Run {
  site: TwinSite;
  minutes?: number;
  initial?: TwinInitialState;
  inputs?: Partial<TwinInputs>;
  setpoints?: TwinSetpoints;
  noise?: TwinNoise;
  /** Defaults to the length of the building load, else 1. */
  count?: number;
}

/** A whole-horizon run with zero building load unless given. */
export const run = ({
  site,
  minutes = 60,
  initial = {},
  inputs = {},
  setpoints = {},
  noise,
  count,
}: Run): TwinResult => {
  const n = count ?? inputs.buildingLoadKw?.length ?? 1;
  return simulateMicroVpp(
    site,
    { intervalMinutes: minutes, intervalCount: n },
    initial,
    { buildingLoadKw: times(0, n), ...inputs },
    setpoints,
    noise,
  );
};

/** The actual of `derId` in every interval, narrowed to its kind. */
export const actualsOf = <K extends AssetActual['kind']>(
  result: TwinResult,
  derId: string,
  kind: K,
): Extract<AssetActual, { kind: K }>[] =>
  result.intervals.map((interval) => {
    const found = interval.assets.find((a) => a.derId === derId);
    if (found?.kind !== kind) throw new Error(`no ${kind} ${derId} in interval ${interval.index}`);
    return found as Extract<AssetActual, { kind: K }>;
  });

export const only = <T>(values: readonly T[]): T => {
  if (values.length !== 1) throw new Error(`expected one value, got ${values.length}`);
  return values[0] as T;
};
