import type { Krw, KrwPerKwh, Kw, Kwh } from '../shared/units.js';
import {
  CBL_METHODS,
  DER_KINDS,
  type DerParameters,
  type DrLoadParameters,
  type EssParameters,
  type EvChargerParameters,
  type FuelCellParameters,
  type PvParameters,
} from './der-parameters.js';
import { invalidParameter as fail } from './der.errors.js';
import {
  atLeastZero,
  flag,
  fraction,
  inRange,
  integerInRange,
  oneOf,
  positive,
  text,
} from '../shared/input-parsing.js';

type Raw = Readonly<Record<string, unknown>>;

const MINUTES_PER_DAY = 24 * 60;

/**
 * Checks parameters that may come straight from JSON and returns a clean copy holding only the
 * known fields, so that an event never stores stray keys. `DER.INVALID_PARAMETER` names the field
 * at fault as a path under `path`, e.g. `parameters.chargeKw`.
 */
export const validateDerParameters = (raw: unknown, path = 'parameters'): DerParameters => {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    fail(path, `${path} must be an object`);
  const p = raw as Raw;
  const kind = oneOf(p['kind'], DER_KINDS, `${path}.kind`, fail);
  const at = (name: string) => `${path}.${name}`;
  switch (kind) {
    case 'pv':
      return pv(p, at);
    case 'ess':
      return ess(p, at);
    case 'dr_load':
      return drLoad(p, at);
    case 'ev_charger':
      return evCharger(p, at);
    case 'fuel_cell':
      return fuelCell(p, at);
  }
};

type At = (name: string) => string;

const optional = (p: Raw, name: string, at: At, min: number, max: number, maxOpen = false) => {
  const value = p[name];
  if (value === undefined) return undefined;
  const n = inRange(value, at(name), fail, min, max);
  if (maxOpen && n === max) fail(at(name), `${at(name)} must be below ${max}`, { value: n });
  return n;
};

const pv = (p: Raw, at: At): PvParameters => {
  const capacityKwp = positive(p['capacityKwp'], at('capacityKwp'), fail) as Kw;
  const inverterKw = positive(p['inverterKw'], at('inverterKw'), fail) as Kw;
  const location = {
    latitude: optional(p, 'latitude', at, -90, 90),
    longitude: optional(p, 'longitude', at, -180, 180),
    tiltDeg: optional(p, 'tiltDeg', at, 0, 90),
    azimuthDeg: optional(p, 'azimuthDeg', at, 0, 360, true),
  };
  const present = Object.fromEntries(Object.entries(location).filter(([, v]) => v !== undefined));
  return {
    kind: 'pv',
    capacityKwp,
    inverterKw,
    siteId: text(p['siteId'], at('siteId'), fail),
    ...present,
    curtailable: flag(p['curtailable'], at('curtailable'), fail),
  };
};

const ess = (p: Raw, at: At): EssParameters => {
  const energyKwh = positive(p['energyKwh'], at('energyKwh'), fail) as Kwh;
  const minSocKwh = atLeastZero(p['minSocKwh'], at('minSocKwh'), fail) as Kwh;
  const maxSocKwh = atLeastZero(p['maxSocKwh'], at('maxSocKwh'), fail) as Kwh;
  if (maxSocKwh > energyKwh)
    fail(at('maxSocKwh'), `maxSocKwh ${maxSocKwh} exceeds energyKwh ${energyKwh}`);
  if (minSocKwh > maxSocKwh)
    fail(at('minSocKwh'), `minSocKwh ${minSocKwh} exceeds maxSocKwh ${maxSocKwh}`);
  return {
    kind: 'ess',
    chargeKw: positive(p['chargeKw'], at('chargeKw'), fail) as Kw,
    dischargeKw: positive(p['dischargeKw'], at('dischargeKw'), fail) as Kw,
    energyKwh,
    chargeEfficiency: fraction(p['chargeEfficiency'], at('chargeEfficiency'), fail),
    dischargeEfficiency: fraction(p['dischargeEfficiency'], at('dischargeEfficiency'), fail),
    minSocKwh,
    maxSocKwh,
    degradationCostKrwPerKwh: atLeastZero(
      p['degradationCostKrwPerKwh'],
      at('degradationCostKrwPerKwh'),
      fail,
    ) as KrwPerKwh,
  };
};

const drLoad = (p: Raw, at: At): DrLoadParameters => {
  const minutes = (name: string) => integerInRange(p[name], at(name), fail, 1, MINUTES_PER_DAY);
  const minDurationMinutes = minutes('minDurationMinutes');
  const maxDurationMinutes = minutes('maxDurationMinutes');
  if (minDurationMinutes > maxDurationMinutes)
    fail(at('minDurationMinutes'), `minDurationMinutes exceeds maxDurationMinutes`);
  const maxHoursPerDay = inRange(p['maxHoursPerDay'], at('maxHoursPerDay'), fail, 0, 24);
  // A day's budget shorter than one minimal activation would make the resource unusable. The
  // slack absorbs binary rounding: 2.05 h x 60 is 122.99999999999999, not 123 minutes.
  if (maxHoursPerDay * 60 < minDurationMinutes - 1e-9)
    fail(at('maxHoursPerDay'), `maxHoursPerDay is shorter than one minimal activation`);
  return {
    kind: 'dr_load',
    maxReductionKw: positive(p['maxReductionKw'], at('maxReductionKw'), fail) as Kw,
    minDurationMinutes,
    maxDurationMinutes,
    maxActivationsPerDay: integerInRange(
      p['maxActivationsPerDay'],
      at('maxActivationsPerDay'),
      fail,
      1,
      MINUTES_PER_DAY,
    ),
    maxHoursPerDay,
    noticeMinutes: integerInRange(p['noticeMinutes'], at('noticeMinutes'), fail, 0, 7 * 24 * 60),
    activationCostKrw: wholeWon(p['activationCostKrw'], at('activationCostKrw')),
    energyCostKrwPerKwh: atLeastZero(
      p['energyCostKrwPerKwh'],
      at('energyCostKrwPerKwh'),
      fail,
    ) as KrwPerKwh,
    allOrNothing: flag(p['allOrNothing'], at('allOrNothing'), fail),
    cblMethod: oneOf(p['cblMethod'], CBL_METHODS, at('cblMethod'), fail),
  };
};

const evCharger = (p: Raw, at: At): EvChargerParameters => ({
  kind: 'ev_charger',
  maxChargeKw: positive(p['maxChargeKw'], at('maxChargeKw'), fail) as Kw,
  maxDischargeKw: atLeastZero(p['maxDischargeKw'], at('maxDischargeKw'), fail) as Kw,
  efficiency: fraction(p['efficiency'], at('efficiency'), fail),
});

const fuelCell = (p: Raw, at: At): FuelCellParameters => {
  const ratedKw = positive(p['ratedKw'], at('ratedKw'), fail) as Kw;
  const minStableKw = atLeastZero(p['minStableKw'], at('minStableKw'), fail) as Kw;
  if (minStableKw > ratedKw)
    fail(at('minStableKw'), `minStableKw ${minStableKw} exceeds ratedKw ${ratedKw}`);
  return {
    kind: 'fuel_cell',
    ratedKw,
    minStableKw,
    rampKwPerMinute: positive(p['rampKwPerMinute'], at('rampKwPerMinute'), fail),
    fuelCostKrwPerKwh: atLeastZero(
      p['fuelCostKrwPerKwh'],
      at('fuelCostKrwPerKwh'),
      fail,
    ) as KrwPerKwh,
    startCostKrw: wholeWon(p['startCostKrw'], at('startCostKrw')),
  };
};

const wholeWon = (value: unknown, field: string): Krw =>
  integerInRange(value, field, fail, 0, Number.MAX_SAFE_INTEGER) as Krw;
