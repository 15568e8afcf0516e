import { DomainError } from '../../shared/domain-error.js';
import { isIntervalMinutes } from '../../shared/time/interval-grid.js';
import {
  DEFAULT_SITE_ID,
  type CaseAsset,
  type CaseCommunity,
  type CaseSite,
  type EvSession,
  type PortfolioCase,
  type PriceScenario,
} from './portfolio-case.js';
import { caseFromReferenceInstance, isReferenceInstance } from './reference-instance.js';

export const INVALID_CASE = 'OPTIMISATION.INVALID_CASE';

const fail = (field: string, message: string): never => {
  throw new DomainError(INVALID_CASE, `${field}: ${message}`, field);
};

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const object = (value: unknown, field: string): Json =>
  isObject(value) ? value : fail(field, `must be an object, got ${describe(value)}`);

const describe = (value: unknown): string =>
  Array.isArray(value) ? 'an array' : value === null ? 'null' : `${typeof value} ${String(value)}`;

const finite = (value: unknown, field: string): number =>
  typeof value === 'number' && Number.isFinite(value)
    ? value
    : fail(field, `must be a finite number, got ${describe(value)}`);

const nonNegative = (value: unknown, field: string): number => {
  const n = finite(value, field);
  return n >= 0 ? n : fail(field, `must not be negative, got ${n}`);
};

const optionalNonNegative = (value: unknown, field: string): number | undefined =>
  value === undefined ? undefined : nonNegative(value, field);

const efficiency = (value: unknown, field: string): number => {
  const n = finite(value, field);
  return n > 0 && n <= 1 ? n : fail(field, `must be in (0, 1], got ${n}`);
};

const integer = (value: unknown, field: string, min: number, max = Infinity): number => {
  const n = finite(value, field);
  if (!Number.isInteger(n) || n < min || n > max)
    fail(field, `must be an integer in [${min}, ${max}], got ${n}`);
  return n;
};

const boolean = (value: unknown, field: string, fallback?: boolean): boolean => {
  if (value === undefined && fallback !== undefined) return fallback;
  return typeof value === 'boolean' ? value : fail(field, `must be true or false`);
};

const series = (
  value: unknown,
  field: string,
  length: number,
  check: (v: unknown, f: string) => number,
): readonly number[] => {
  if (!Array.isArray(value)) return fail(field, `must be an array of ${length} numbers`);
  if (value.length !== length)
    fail(field, `must have ${length} entries (one per interval), got ${value.length}`);
  return value.map((v: unknown, i) => check(v, `${field}[${i}]`));
};

// Ids become parts of MILP names (`family[id][t3]`), which allow no brackets or spaces.
const ID = /^[^[\]\s]{1,64}$/;
const id = (value: unknown, field: string): string =>
  typeof value === 'string' && ID.test(value)
    ? value
    : fail(field, `must be 1 to 64 characters without brackets or spaces, got ${describe(value)}`);

const limit = (json: Json, key: string, field: string): { [k: string]: number } => {
  const value = optionalNonNegative(json[key], field);
  return value === undefined ? {} : { [key]: value };
};

/**
 * Reads an optimiser case from parsed JSON: either the case format (see portfolio-case.ts and the
 * README of `gridfolio optimize`) or a reference benchmark instance (recognised by its `batteries`
 * key). Throws `OPTIMISATION.INVALID_CASE` naming the field at fault, e.g. `assets[2].minSocKwh`.
 */
export const parsePortfolioCase = (input: unknown): PortfolioCase => {
  if (isReferenceInstance(input)) return validatePortfolioCase(caseFromReferenceInstance(input));
  return validatePortfolioCase(input);
};

/** Checks a case given in the case format (plain JSON or an already typed case). */
export const validatePortfolioCase = (input: unknown): PortfolioCase => {
  const json = object(input, 'case');
  const intervalMinutes = finite(json.intervalMinutes, 'intervalMinutes');
  if (!isIntervalMinutes(intervalMinutes))
    fail('intervalMinutes', `must divide an hour (1, 5, 15, 30, 60...), got ${intervalMinutes}`);
  const scenarios = readScenarios(json);
  const intervals = scenarios[0]!.exportPricesKrwPerKwh.length;
  const hours = intervalMinutes / 60;
  const sites = readSites(json);
  const communities = readCommunities(json, sites);
  if (!Array.isArray(json.assets)) return fail('assets', 'must be an array of assets');
  const seen = new Set<string>();
  const assets = json.assets.map((raw: unknown, i): CaseAsset => {
    const asset = readAsset(raw, `assets[${i}]`, intervals, hours, sites);
    if (seen.has(asset.id)) fail(`assets[${i}].id`, `asset id ${asset.id} is used twice`);
    seen.add(asset.id);
    return asset;
  });
  return {
    intervalMinutes,
    intervals,
    scenarios,
    ...limit(json, 'gridImportLimitKw', 'gridImportLimitKw'),
    ...limit(json, 'gridExportLimitKw', 'gridExportLimitKw'),
    sites: sites ?? [{ id: DEFAULT_SITE_ID }],
    communities,
    assets,
  };
};

const PROBABILITY_TOLERANCE = 1e-6;

const readScenarios = (json: Json): readonly PriceScenario[] => {
  const hasFlat =
    json.importPricesKrwPerKwh !== undefined || json.exportPricesKrwPerKwh !== undefined;
  if (json.priceScenarios !== undefined) {
    if (hasFlat)
      fail('priceScenarios', 'give either priceScenarios or import/export prices, not both');
    if (!Array.isArray(json.priceScenarios) || json.priceScenarios.length === 0)
      return fail('priceScenarios', 'must be a non-empty array');
    const first = object(json.priceScenarios[0], 'priceScenarios[0]');
    const length = Array.isArray(first.exportPricesKrwPerKwh)
      ? first.exportPricesKrwPerKwh.length
      : 0;
    if (length === 0)
      fail('priceScenarios[0].exportPricesKrwPerKwh', 'must be a non-empty array of prices');
    const scenarios = json.priceScenarios.map((raw: unknown, s): PriceScenario => {
      const field = `priceScenarios[${s}]`;
      const scenario = object(raw, field);
      const probability = finite(scenario.probability, `${field}.probability`);
      if (!(probability > 0 && probability <= 1))
        fail(`${field}.probability`, `must be in (0, 1], got ${probability}`);
      return {
        probability,
        importPricesKrwPerKwh: series(
          scenario.importPricesKrwPerKwh,
          `${field}.importPricesKrwPerKwh`,
          length,
          finite,
        ),
        exportPricesKrwPerKwh: series(
          scenario.exportPricesKrwPerKwh,
          `${field}.exportPricesKrwPerKwh`,
          length,
          finite,
        ),
      };
    });
    const total = scenarios.reduce((sum, s) => sum + s.probability, 0);
    if (Math.abs(total - 1) > PROBABILITY_TOLERANCE)
      fail('priceScenarios', `probabilities must sum to 1, got ${total}`);
    return scenarios;
  }
  const exportRaw = json.exportPricesKrwPerKwh ?? json.importPricesKrwPerKwh;
  if (!Array.isArray(exportRaw) || exportRaw.length === 0)
    return fail(
      'exportPricesKrwPerKwh',
      'give importPricesKrwPerKwh and exportPricesKrwPerKwh (non-empty arrays) or priceScenarios',
    );
  const length = exportRaw.length;
  const exportPrices = series(
    json.exportPricesKrwPerKwh ?? json.importPricesKrwPerKwh,
    json.exportPricesKrwPerKwh === undefined ? 'importPricesKrwPerKwh' : 'exportPricesKrwPerKwh',
    length,
    finite,
  );
  const importPrices =
    json.importPricesKrwPerKwh === undefined
      ? exportPrices
      : series(json.importPricesKrwPerKwh, 'importPricesKrwPerKwh', length, finite);
  return [
    { probability: 1, importPricesKrwPerKwh: importPrices, exportPricesKrwPerKwh: exportPrices },
  ];
};

const readSites = (json: Json): readonly CaseSite[] | undefined => {
  if (json.sites === undefined) return undefined;
  if (!Array.isArray(json.sites) || json.sites.length === 0)
    return fail('sites', 'must be a non-empty array when given');
  const ids = new Set<string>();
  return json.sites.map((raw: unknown, i): CaseSite => {
    const field = `sites[${i}]`;
    const site = object(raw, field);
    const siteId = id(site.id, `${field}.id`);
    if (ids.has(siteId)) fail(`${field}.id`, `site id ${siteId} is used twice`);
    ids.add(siteId);
    return {
      id: siteId,
      ...limit(site, 'importLimitKw', `${field}.importLimitKw`),
      ...limit(site, 'exportLimitKw', `${field}.exportLimitKw`),
      ...(site.communityId === undefined
        ? {}
        : { communityId: id(site.communityId, `${field}.communityId`) }),
    };
  });
};

const readCommunities = (
  json: Json,
  sites: readonly CaseSite[] | undefined,
): readonly CaseCommunity[] => {
  const raw = json.communities ?? [];
  if (!Array.isArray(raw)) return fail('communities', 'must be an array');
  const communities = raw.map((entry: unknown, i): CaseCommunity => {
    const field = `communities[${i}]`;
    const community = object(entry, field);
    return {
      id: id(community.id, `${field}.id`),
      exportLimitKw: nonNegative(community.exportLimitKw, `${field}.exportLimitKw`),
    };
  });
  const known = new Set(communities.map((c) => c.id));
  (sites ?? []).forEach((site, i) => {
    if (site.communityId !== undefined && !known.has(site.communityId))
      fail(`sites[${i}].communityId`, `names no community of the case: ${site.communityId}`);
  });
  return communities;
};

const readAsset = (
  raw: unknown,
  field: string,
  intervals: number,
  hours: number,
  sites: readonly CaseSite[] | undefined,
): CaseAsset => {
  const json = object(raw, field);
  const assetId = id(json.id, `${field}.id`);
  let siteId = DEFAULT_SITE_ID;
  if (sites === undefined) {
    if (json.siteId !== undefined)
      fail(`${field}.siteId`, 'the case names no sites; add "sites" or drop siteId');
  } else {
    siteId = id(json.siteId, `${field}.siteId`);
    if (!sites.some((site) => site.id === siteId))
      fail(`${field}.siteId`, `names no site of the case: ${siteId}`);
  }
  const base = { id: assetId, siteId };
  const f = (key: string): string => `${field}.${key}`;
  switch (json.kind) {
    case 'ess':
      return readEss(json, base, f, intervals, hours);
    case 'pv':
      return {
        ...base,
        kind: 'pv',
        forecastKw: series(json.forecastKw, f('forecastKw'), intervals, nonNegative),
        curtailable: boolean(json.curtailable, f('curtailable')),
      };
    case 'load':
      return {
        ...base,
        kind: 'load',
        forecastKw: series(json.forecastKw, f('forecastKw'), intervals, nonNegative),
      };
    case 'dr_load':
      return readDr(json, base, f, hours);
    case 'ev_charger':
      return readEv(json, base, f, intervals, hours);
    case 'fuel_cell': {
      const ratedKw = nonNegative(json.ratedKw, f('ratedKw'));
      const minStableKw = nonNegative(json.minStableKw ?? 0, f('minStableKw'));
      if (minStableKw > ratedKw)
        fail(f('minStableKw'), `must not exceed ratedKw ${ratedKw}, got ${minStableKw}`);
      const rampKwPerInterval = nonNegative(
        json.rampKwPerInterval ?? ratedKw,
        f('rampKwPerInterval'),
      );
      if (rampKwPerInterval === 0 && ratedKw > 0) fail(f('rampKwPerInterval'), 'must be positive');
      const initialOutputKw = nonNegative(json.initialOutputKw ?? 0, f('initialOutputKw'));
      if (initialOutputKw > ratedKw || (initialOutputKw > 0 && initialOutputKw < minStableKw))
        fail(
          f('initialOutputKw'),
          `must be 0 or within [minStableKw, ratedKw], got ${initialOutputKw}`,
        );
      return {
        ...base,
        kind: 'fuel_cell',
        ratedKw,
        minStableKw,
        rampKwPerInterval,
        fuelCostKrwPerKwh: nonNegative(json.fuelCostKrwPerKwh ?? 0, f('fuelCostKrwPerKwh')),
        startCostKrw: nonNegative(json.startCostKrw ?? 0, f('startCostKrw')),
        initialOutputKw,
      };
    }
    default:
      return fail(
        f('kind'),
        `must be one of ess, pv, load, dr_load, ev_charger, fuel_cell, got ${describe(json.kind)}`,
      );
  }
};

type FieldOf = (key: string) => string;
type Base = { readonly id: string; readonly siteId: string };

// Tolerance for energy comparisons in kWh (input rounding), far below any meaningful quantity.
const ENERGY_TOLERANCE_KWH = 1e-9;

const readEss = (
  json: Json,
  base: Base,
  f: FieldOf,
  intervals: number,
  hours: number,
): CaseAsset => {
  const chargeKw = nonNegative(json.chargeKw, f('chargeKw'));
  const dischargeKw = nonNegative(json.dischargeKw, f('dischargeKw'));
  const energyKwh = nonNegative(json.energyKwh, f('energyKwh'));
  const chargeEfficiency = efficiency(json.chargeEfficiency, f('chargeEfficiency'));
  const dischargeEfficiency = efficiency(json.dischargeEfficiency, f('dischargeEfficiency'));
  const minSocKwh = nonNegative(json.minSocKwh ?? 0, f('minSocKwh'));
  const maxSocKwh = nonNegative(json.maxSocKwh ?? energyKwh, f('maxSocKwh'));
  if (maxSocKwh > energyKwh)
    fail(f('maxSocKwh'), `must not exceed energyKwh ${energyKwh}, got ${maxSocKwh}`);
  if (minSocKwh > maxSocKwh)
    fail(f('minSocKwh'), `must not exceed maxSocKwh ${maxSocKwh}, got ${minSocKwh}`);
  const initialSocKwh = nonNegative(json.initialSocKwh, f('initialSocKwh'));
  if (initialSocKwh < minSocKwh || initialSocKwh > maxSocKwh)
    fail(
      f('initialSocKwh'),
      `must be within [minSocKwh, maxSocKwh] = [${minSocKwh}, ${maxSocKwh}], got ${initialSocKwh}`,
    );
  const finalSocKwh = optionalNonNegative(json.finalSocKwh, f('finalSocKwh'));
  if (finalSocKwh !== undefined) {
    if (finalSocKwh < minSocKwh || finalSocKwh > maxSocKwh)
      fail(
        f('finalSocKwh'),
        `must be within [minSocKwh, maxSocKwh] = [${minSocKwh}, ${maxSocKwh}], got ${finalSocKwh}`,
      );
    const reachable = initialSocKwh + intervals * hours * chargeKw * chargeEfficiency;
    if (finalSocKwh > reachable + ENERGY_TOLERANCE_KWH)
      fail(
        f('finalSocKwh'),
        `${finalSocKwh} kWh cannot be reached from ${initialSocKwh} kWh within the horizon (at most ${reachable} kWh)`,
      );
  }
  return {
    ...base,
    kind: 'ess',
    chargeKw,
    dischargeKw,
    energyKwh,
    chargeEfficiency,
    dischargeEfficiency,
    initialSocKwh,
    minSocKwh,
    maxSocKwh,
    ...(finalSocKwh === undefined ? {} : { finalSocKwh }),
    degradationCostKrwPerKwh: nonNegative(
      json.degradationCostKrwPerKwh ?? 0,
      f('degradationCostKrwPerKwh'),
    ),
  };
};

const readDr = (json: Json, base: Base, f: FieldOf, hours: number): CaseAsset => {
  const minDurationHours = nonNegative(json.minDurationHours, f('minDurationHours'));
  const maxDurationHours = nonNegative(json.maxDurationHours, f('maxDurationHours'));
  if (minDurationHours > maxDurationHours)
    fail(
      f('minDurationHours'),
      `must not exceed maxDurationHours ${maxDurationHours}, got ${minDurationHours}`,
    );
  const { min, max } = drDurationIntervals(minDurationHours, maxDurationHours, hours);
  if (max < 1 || min > max)
    fail(
      f('maxDurationHours'),
      `no whole number of ${hours * 60}-minute intervals lies within [${minDurationHours}, ${maxDurationHours}] h`,
    );
  const maxHoursPerDay = optionalNonNegative(json.maxHoursPerDay, f('maxHoursPerDay'));
  return {
    ...base,
    kind: 'dr_load',
    reductionKw: nonNegative(json.reductionKw, f('reductionKw')),
    minDurationHours,
    maxDurationHours,
    maxActivationsPerDay: integer(json.maxActivationsPerDay, f('maxActivationsPerDay'), 0),
    ...(maxHoursPerDay === undefined ? {} : { maxHoursPerDay }),
    noticeMinutes: nonNegative(json.noticeMinutes ?? 0, f('noticeMinutes')),
    activationCostKrw: nonNegative(json.activationCostKrw ?? 0, f('activationCostKrw')),
    energyCostKrwPerKwh: nonNegative(json.energyCostKrwPerKwh ?? 0, f('energyCostKrwPerKwh')),
    allOrNothing: boolean(json.allOrNothing, f('allOrNothing'), true),
  };
};

/** Activation lengths in whole intervals: the minimum rounds up, the maximum down. */
export const drDurationIntervals = (
  minDurationHours: number,
  maxDurationHours: number,
  hours: number,
): { readonly min: number; readonly max: number } => ({
  // The epsilon keeps 2 h / 0.25 h = 8 from becoming 8.000000001 -> 9 by rounding error.
  min: Math.max(1, Math.ceil(minDurationHours / hours - 1e-9)),
  max: Math.floor(maxDurationHours / hours + 1e-9),
});

const readEv = (
  json: Json,
  base: Base,
  f: FieldOf,
  intervals: number,
  hours: number,
): CaseAsset => {
  const maxChargeKw = nonNegative(json.maxChargeKw, f('maxChargeKw'));
  const maxDischargeKw = nonNegative(json.maxDischargeKw ?? 0, f('maxDischargeKw'));
  const eta = efficiency(json.efficiency ?? 1, f('efficiency'));
  if (!Array.isArray(json.sessions)) return fail(f('sessions'), 'must be an array of sessions');
  let previousDeparture = 0;
  const sessions = json.sessions.map((raw: unknown, k): EvSession => {
    const g = (key: string): string => `${f('sessions')}[${k}].${key}`;
    const session = object(raw, `${f('sessions')}[${k}]`);
    const arrivalInterval = integer(
      session.arrivalInterval,
      g('arrivalInterval'),
      0,
      intervals - 1,
    );
    const departureInterval = integer(
      session.departureInterval,
      g('departureInterval'),
      arrivalInterval + 1,
      intervals,
    );
    if (arrivalInterval < previousDeparture)
      fail(
        g('arrivalInterval'),
        `sessions must be in time order without overlap; the previous one ends at interval ${previousDeparture}`,
      );
    previousDeparture = departureInterval;
    const batteryKwh = nonNegative(session.batteryKwh, g('batteryKwh'));
    const energyOnArrivalKwh = nonNegative(session.energyOnArrivalKwh, g('energyOnArrivalKwh'));
    if (energyOnArrivalKwh > batteryKwh)
      fail(g('energyOnArrivalKwh'), `must not exceed batteryKwh ${batteryKwh}`);
    const energyRequiredKwh = nonNegative(session.energyRequiredKwh, g('energyRequiredKwh'));
    if (energyRequiredKwh > batteryKwh)
      fail(g('energyRequiredKwh'), `must not exceed batteryKwh ${batteryKwh}`);
    const deliverable =
      energyOnArrivalKwh + maxChargeKw * eta * hours * (departureInterval - arrivalInterval);
    if (energyRequiredKwh > deliverable + ENERGY_TOLERANCE_KWH)
      fail(
        g('energyRequiredKwh'),
        `${energyRequiredKwh} kWh cannot be reached: at most ${deliverable} kWh by departure`,
      );
    return {
      arrivalInterval,
      departureInterval,
      energyOnArrivalKwh,
      energyRequiredKwh,
      batteryKwh,
    };
  });
  return { ...base, kind: 'ev_charger', maxChargeKw, maxDischargeKw, efficiency: eta, sessions };
};
