import type { DerKind } from '../ders/der-parameters.js';
import { atLeastZero, finiteNumber, type Fail } from '../shared/input-parsing.js';
import { checkAssetKeys, isRecord, optionalRecord, own } from './twin-keys.validation.js';
import type { PvResource, TwinIntervalInputs, TwinIntervalSetpoints } from './twin-inputs.types.js';
import type { TwinConfig } from './twin-state.js';
import { keyPath, twinFail, type TwinErrorCode } from './twin.errors.js';

/** Maps a value's path to where it sits in the caller's input (a whole-horizon run adds `[t]`). */
export type PathAt = (field: string) => string;

const invalidInput = twinFail('TWIN.INVALID_INPUT');
const invalidSetpoint = twinFail('TWIN.INVALID_SETPOINT');

/** One interval's inputs and setpoints, checked; maps hold only the site's assets. */
export interface IntervalValues {
  readonly buildingLoadKw: number;
  readonly pv: ReadonlyMap<string, PvResource>;
  readonly drBaselineKw: ReadonlyMap<string, number>;
  readonly essKw: ReadonlyMap<string, number>;
  readonly pvCapKw: ReadonlyMap<string, number | null>;
  readonly drReductionKw: ReadonlyMap<string, number>;
  readonly evKw: ReadonlyMap<string, number>;
  readonly fuelCellKw: ReadonlyMap<string, number>;
}

type Read<T> = (raw: unknown, field: () => string) => T;

export const readIntervalValues = (
  config: TwinConfig,
  inputs: TwinIntervalInputs,
  setpoints: TwinIntervalSetpoints,
  at: PathAt,
): IntervalValues => {
  if (!isRecord(inputs)) return invalidInput('inputs', 'inputs must be an object');
  if (!isRecord(setpoints)) return invalidSetpoint('setpoints', 'setpoints must be an object');
  const group = <T>(
    value: unknown,
    kind: DerKind,
    path: string,
    code: TwinErrorCode,
    read: Read<T>,
    required = false,
  ): Map<string, T> => {
    const record = optionalRecord<unknown>(value, path, code);
    checkAssetKeys(record, config.kinds, kind, path);
    const values = new Map<string, T>();
    for (const { derId, parameters } of config.site.assets) {
      if (parameters.kind !== kind) continue;
      const raw = own(record, derId);
      // Paths are built only for an error: this runs for every asset in every interval.
      const field = () => keyPath(path, derId);
      if (raw === undefined && required)
        twinFail(code)(field(), `${field()} is required for every ${kind}`);
      if (raw !== undefined) values.set(derId, read(raw, field));
    }
    return values;
  };
  const kw =
    (fail: Fail, nonNegative: boolean): Read<number> =>
    (raw, field) =>
      typeof raw === 'number' && Number.isFinite(raw) && (!nonNegative || raw >= 0)
        ? raw + 0
        : nonNegative
          ? atLeastZero(raw, at(field()), fail)
          : finiteNumber(raw, at(field()), fail);
  const cap: Read<number | null> = (raw, field) =>
    raw === null ? null : kw(invalidSetpoint, true)(raw, field);
  const I = 'TWIN.INVALID_INPUT';
  const S = 'TWIN.INVALID_SETPOINT';
  return {
    buildingLoadKw: kw(invalidInput, true)(inputs.buildingLoadKw, () => 'inputs.buildingLoadKw'),
    pv: group(inputs.pv, 'pv', 'inputs.pv', I, pvResource(kw(invalidInput, true)), true),
    drBaselineKw: group(
      inputs.drBaselineKw,
      'dr_load',
      'inputs.drBaselineKw',
      I,
      kw(invalidInput, true),
      true,
    ),
    essKw: group(setpoints.essKw, 'ess', 'setpoints.essKw', S, kw(invalidSetpoint, false)),
    pvCapKw: group(setpoints.pvCapKw, 'pv', 'setpoints.pvCapKw', S, cap),
    drReductionKw: group(
      setpoints.drReductionKw,
      'dr_load',
      'setpoints.drReductionKw',
      S,
      kw(invalidSetpoint, true),
    ),
    evKw: group(setpoints.evKw, 'ev_charger', 'setpoints.evKw', S, kw(invalidSetpoint, false)),
    fuelCellKw: group(
      setpoints.fuelCellKw,
      'fuel_cell',
      'setpoints.fuelCellKw',
      S,
      kw(invalidSetpoint, true),
    ),
  };
};

const pvResource =
  (power: Read<number>): Read<PvResource> =>
  (raw, field) => {
    if (!isRecord(raw) || 'availableKw' in raw === 'irradianceWPerM2' in raw)
      return invalidInput(field(), `${field()} needs exactly one of availableKw, irradianceWPerM2`);
    return 'availableKw' in raw
      ? { availableKw: power(raw['availableKw'], () => `${field()}.availableKw`) }
      : { irradianceWPerM2: power(raw['irradianceWPerM2'], () => `${field()}.irradianceWPerM2`) };
  };
