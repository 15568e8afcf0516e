import type { FuelCellParameters } from '../ders/der-parameters.js';
import {
  atLeastZero,
  finiteNumber,
  flag,
  inRange,
  integerInRange,
  positive,
  text,
} from '../shared/input-parsing.js';
import type { Kw, Kwh } from '../shared/units.js';
import { checkAssetKeys, isRecord, optionalRecord, own } from './twin-keys.validation.js';
import type { TwinEvSession, TwinInitialState } from './twin-setup.types.js';
import {
  dayOf,
  type AssetState,
  type DrState,
  type EvSessionState,
  type FuelCellState,
  type TwinConfig,
} from './twin-state.js';
import { keyPath, twinFail } from './twin.errors.js';

const CODE = 'TWIN.INVALID_INITIAL_STATE';
const fail = twinFail(CODE);

/** The state of every asset at the start of the horizon; `initial` may come straight from JSON. */
export const initialAssetStates = (
  config: TwinConfig,
  initial: TwinInitialState,
): Record<string, AssetState> => {
  if (!isRecord(initial)) return fail('initial', 'initial must be an object');
  const socs = optionalRecord<unknown>(initial.essSocKwh, 'initial.essSocKwh', CODE);
  const fuelCells = optionalRecord<unknown>(initial.fuelCells, 'initial.fuelCells', CODE);
  const evs = optionalRecord<unknown>(initial.evSessions, 'initial.evSessions', CODE);
  checkAssetKeys(socs, config.kinds, 'ess', 'initial.essSocKwh');
  checkAssetKeys(fuelCells, config.kinds, 'fuel_cell', 'initial.fuelCells');
  checkAssetKeys(evs, config.kinds, 'ev_charger', 'initial.evSessions');
  const states: Record<string, AssetState> = {};
  for (const { derId, parameters: p } of config.site.assets) {
    switch (p.kind) {
      case 'pv':
        states[derId] = { kind: 'pv' };
        break;
      case 'ess': {
        const at = keyPath('initial.essSocKwh', derId);
        const soc = own(socs, derId) ?? fail(at, `${at} is required for every ESS`);
        states[derId] = {
          kind: 'ess',
          socKwh: inRange(soc, at, fail, p.minSocKwh, p.maxSocKwh) as Kwh,
        };
        break;
      }
      case 'fuel_cell':
        states[derId] = fuelCell(own(fuelCells, derId), keyPath('initial.fuelCells', derId), p);
        break;
      case 'ev_charger':
        states[derId] = { kind: 'ev_charger', sessions: sessions(own(evs, derId), derId, config) };
        break;
      case 'dr_load':
        states[derId] = idleDrLoad(dayOf(config, 0));
        break;
    }
  }
  return states;
};

export const idleDrLoad = (day: number): DrState => ({
  kind: 'dr_load',
  day,
  activationsToday: 0,
  minutesToday: 0,
  activeMinutes: null,
  heldKw: 0 as Kw,
  refusedRun: null,
});

const fuelCell = (value: unknown, at: string, p: FuelCellParameters): FuelCellState => {
  if (!isRecord(value)) return fail(at, `${at} ({ outputKw, on }) is required for every fuel cell`);
  const on = flag(value['on'], `${at}.on`, fail);
  const outputKw = on
    ? inRange(value['outputKw'], `${at}.outputKw`, fail, p.minStableKw, p.ratedKw)
    : finiteNumber(value['outputKw'], `${at}.outputKw`, fail);
  if (!on && outputKw !== 0) fail(`${at}.outputKw`, `${at}.outputKw must be 0 when off`);
  return { kind: 'fuel_cell', outputKw: outputKw as Kw, on };
};

const sessions = (value: unknown, derId: string, config: TwinConfig): EvSessionState[] => {
  const path = keyPath('initial.evSessions', derId);
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail(path, `${path} must be a list of sessions`);
  const list = (value as readonly unknown[]).map((raw, i) => session(raw, `${path}[${i}]`, config));
  const ids = new Set(list.map((s) => s.sessionId));
  if (ids.size !== list.length) fail(path, `${path} repeats a sessionId`);
  const sorted = [...list].sort((a, b) => a.arrivalIndex - b.arrivalIndex);
  sorted.forEach((s, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && s.arrivalIndex < previous.departureIndex)
      fail(path, `sessions ${previous.sessionId} and ${s.sessionId} overlap on one charger`);
  });
  return sorted.map((s) => ({ ...s, energyKwh: null }));
};

const session = (raw: unknown, at: string, config: TwinConfig): TwinEvSession => {
  if (!isRecord(raw)) return fail(at, `${at} must be an object`);
  const arrivalIndex = integerInRange(
    raw['arrivalIndex'],
    `${at}.arrivalIndex`,
    fail,
    0,
    config.intervalCount - 1,
  );
  const departureIndex = integerInRange(
    raw['departureIndex'],
    `${at}.departureIndex`,
    fail,
    arrivalIndex + 1,
    Number.MAX_SAFE_INTEGER,
  );
  const batteryKwh = positive(raw['batteryKwh'], `${at}.batteryKwh`, fail);
  const energy = (name: string) => {
    const kwh = atLeastZero(raw[name], `${at}.${name}`, fail);
    if (kwh > batteryKwh)
      fail(`${at}.${name}`, `${at}.${name} exceeds the battery's ${batteryKwh} kWh`);
    return kwh;
  };
  return {
    sessionId: text(raw['sessionId'], `${at}.sessionId`, fail),
    arrivalIndex,
    departureIndex,
    energyOnArrivalKwh: energy('energyOnArrivalKwh'),
    energyRequiredAtDepartureKwh: energy('energyRequiredAtDepartureKwh'),
    batteryKwh,
  };
};
