import type { DerKind } from '../ders/der-parameters.js';
import { checkAssetKeys, isRecord, optionalRecord, own } from './twin-keys.validation.js';
import type {
  PvProfile,
  TwinInputs,
  TwinIntervalInputs,
  TwinIntervalSetpoints,
  TwinSetpoints,
} from './twin-inputs.types.js';
import type { TwinConfig } from './twin-state.js';
import { keyPath, twinError, twinFail, type TwinErrorCode } from './twin.errors.js';

const I: TwinErrorCode = 'TWIN.INVALID_INPUT';
const S: TwinErrorCode = 'TWIN.INVALID_SETPOINT';

const series = (value: unknown, path: string, code: TwinErrorCode, count: number): void => {
  if (!Array.isArray(value))
    return twinFail(code)(path, `${path} must be a list with one value per interval`);
  if (value.length !== count)
    throw twinError(
      'TWIN.LENGTH_MISMATCH',
      `${path} has ${value.length} values for ${count} intervals`,
      path,
      { length: value.length, intervalCount: count },
    );
};

/**
 * Shapes and lengths of a whole horizon's inputs: every series holds exactly one value per
 * interval. The values themselves are checked interval by interval, with `[t]` in the path.
 */
export const checkHorizon = (
  config: TwinConfig,
  inputs: TwinInputs,
  setpoints: TwinSetpoints,
): void => {
  if (!isRecord(inputs)) twinFail(I)('inputs', 'inputs must be an object');
  if (!isRecord(setpoints)) twinFail(S)('setpoints', 'setpoints must be an object');
  const count = config.intervalCount;
  series(inputs.buildingLoadKw, 'inputs.buildingLoadKw', I, count);
  const groups: [unknown, DerKind, string, TwinErrorCode, boolean][] = [
    [inputs.pv, 'pv', 'inputs.pv', I, true],
    [inputs.drBaselineKw, 'dr_load', 'inputs.drBaselineKw', I, true],
    [setpoints.essKw, 'ess', 'setpoints.essKw', S, false],
    [setpoints.pvCapKw, 'pv', 'setpoints.pvCapKw', S, false],
    [setpoints.drReductionKw, 'dr_load', 'setpoints.drReductionKw', S, false],
    [setpoints.evKw, 'ev_charger', 'setpoints.evKw', S, false],
    [setpoints.fuelCellKw, 'fuel_cell', 'setpoints.fuelCellKw', S, false],
  ];
  for (const [value, kind, path, code, required] of groups) {
    const record = optionalRecord<unknown>(value, path, code);
    checkAssetKeys(record, config.kinds, kind, path);
    for (const { derId, parameters } of config.site.assets) {
      const entry = own(record, derId);
      const field = keyPath(path, derId);
      if (parameters.kind !== kind || (entry === undefined && !required)) continue;
      if (entry === undefined) twinFail(code)(field, `${field} is required for every ${kind}`);
      if (path === 'inputs.pv') pvSeries(entry, field, count);
      else series(entry, field, code, count);
    }
  }
};

const pvSeries = (entry: unknown, field: string, count: number): void => {
  if (!isRecord(entry) || 'availableKw' in entry === 'irradianceWPerM2' in entry)
    return twinFail(I)(field, `${field} needs exactly one of availableKw, irradianceWPerM2`);
  const name = 'availableKw' in entry ? 'availableKw' : 'irradianceWPerM2';
  series(entry[name], `${field}.${name}`, I, count);
};

const pick = <T>(
  record: Readonly<Record<string, readonly T[]>> | undefined,
  t: number,
): Record<string, T> | undefined =>
  record === undefined
    ? undefined
    : Object.fromEntries(Object.entries(record).map(([derId, values]) => [derId, values[t] as T]));

const pvAt = (profile: PvProfile, t: number) =>
  'availableKw' in profile
    ? { availableKw: profile.availableKw[t] as number }
    : { irradianceWPerM2: profile.irradianceWPerM2[t] as number };

/** Interval `t` of a checked horizon, in the shape `stepTwin` takes. */
export const intervalAt = (
  inputs: TwinInputs,
  setpoints: TwinSetpoints,
  t: number,
): { inputs: TwinIntervalInputs; setpoints: TwinIntervalSetpoints } => ({
  inputs: {
    buildingLoadKw: inputs.buildingLoadKw[t] as number,
    pv:
      inputs.pv &&
      Object.fromEntries(Object.entries(inputs.pv).map(([derId, p]) => [derId, pvAt(p, t)])),
    drBaselineKw: pick(inputs.drBaselineKw, t),
  },
  setpoints: {
    essKw: pick(setpoints.essKw, t),
    pvCapKw: pick(setpoints.pvCapKw, t),
    drReductionKw: pick(setpoints.drReductionKw, t),
    evKw: pick(setpoints.evKw, t),
    fuelCellKw: pick(setpoints.fuelCellKw, t),
  },
});
