import type { CurvePoint, IntervalBid } from '../market/bid-curve.js';
import {
  atLeastZero,
  finiteNumber,
  integerInRange,
  oneOf,
  text,
  type Fail,
} from '../shared/input-parsing.js';
import type { JsonValue } from '../shared/json.js';
import type { Krw, KrwPerKwh, Kw, Kwh } from '../shared/units.js';
import { bidError, invalidBidInput as fail } from './bid.errors.js';
import {
  BID_SOLVER_STATUSES,
  type BidAward,
  type BidMeasurements,
  type BidProvenance,
  type ShortfallFigures,
} from './bid.events.js';

/*
 * Checks for the parts of bid commands that arrive as JSON (from the solver pipeline, a trader's
 * screen or the exchange adapter): each returns a clean copy holding only the known fields, or
 * throws `BID.INVALID_INPUT` (or a grid code) naming the field at fault by its JSON path.
 */

type Raw = Readonly<Record<string, unknown>>;

const object = (value: unknown, field: string): Raw => {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    fail(field, `${field} must be an object`, { value });
  return value as Raw;
};

const array = (value: unknown, field: string): readonly unknown[] => {
  if (!Array.isArray(value)) fail(field, `${field} must be an array`, { value });
  return value as readonly unknown[];
};

const count = (value: unknown, field: string, fail: Fail, min = 0): number =>
  integerInRange(value, field, fail, min, Number.MAX_SAFE_INTEGER);

const wholeWon = (value: unknown, field: string): Krw =>
  integerInRange(value, field, fail, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) as Krw;

/** A 0-based index on a grid of `intervalsPerDay`, each index at most once in `seen`. */
const gridIndex = (
  value: unknown,
  field: string,
  intervalsPerDay: number,
  seen: Set<number>,
): number => {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 0 ||
    value >= intervalsPerDay
  )
    throw bidError(
      'BID.INTERVAL_OUT_OF_GRID',
      `${field} must be an interval index 0..${intervalsPerDay - 1} of the day's grid, got ${String(value)}`,
      field,
      { value, intervalsPerDay },
    );
  if (seen.has(value))
    throw bidError('BID.DUPLICATE_INTERVAL', `interval ${value} is given twice`, field, { value });
  seen.add(value);
  return value;
};

export const byInterval = <T extends { readonly interval: number }>(a: T, b: T): number =>
  a.interval - b.interval;

const points = (raw: unknown, path: string): CurvePoint[] =>
  array(raw, path).map((value, index) => {
    const at = `${path}[${index}]`;
    const point = object(value, at);
    return {
      priceKrwPerKwh: finiteNumber(
        point['priceKrwPerKwh'],
        `${at}.priceKrwPerKwh`,
        fail,
      ) as KrwPerKwh,
      quantityKw: atLeastZero(point['quantityKw'], `${at}.quantityKw`, fail) as Kw,
    };
  });

/**
 * Well-formed curves: at least one interval, each on the grid and given once, finite prices and
 * finite quantities of at least 0, sorted by interval. Market rules are not judged here.
 */
export const checkCurves = (raw: unknown, intervalsPerDay: number): IntervalBid[] => {
  const list = array(raw, 'intervals');
  if (list.length === 0) fail('intervals', 'a bid offers at least one interval');
  const seen = new Set<number>();
  return list
    .map((value, index) => {
      const at = `intervals[${index}]`;
      const bid = object(value, at);
      return {
        interval: gridIndex(bid['interval'], `${at}.interval`, intervalsPerDay, seen),
        sell: points(bid['sell'], `${at}.sell`),
        buy: points(bid['buy'], `${at}.buy`),
      };
    })
    .sort(byInterval);
};

const seed = (value: unknown, field: string): string | number =>
  typeof value === 'string'
    ? text(value, field, fail)
    : integerInRange(value, field, fail, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);

export const checkProvenance = (raw: unknown): BidProvenance => {
  const p = object(raw, 'provenance');
  const at = (name: string) => `provenance.${name}`;
  const solver = object(p['solver'], at('solver'));
  const size = object(p['modelSize'], at('modelSize'));
  const variables = count(size['variables'], at('modelSize.variables'), fail, 1);
  const binaries = count(size['binaries'], at('modelSize.binaries'), fail);
  if (binaries > variables)
    fail(at('modelSize.binaries'), `${binaries} binaries cannot exceed ${variables} variables`);
  const gapPct =
    p['gapPct'] === undefined ? undefined : atLeastZero(p['gapPct'], at('gapPct'), fail);
  const boundKrw =
    p['boundKrw'] === undefined ? undefined : wholeWon(p['boundKrw'], at('boundKrw'));
  return {
    forecastVersion: count(p['forecastVersion'], at('forecastVersion'), fail, 1),
    scenarioSetId: text(p['scenarioSetId'], at('scenarioSetId'), fail),
    scenarioSeed: seed(p['scenarioSeed'], at('scenarioSeed')),
    scenarioCount: count(p['scenarioCount'], at('scenarioCount'), fail, 1),
    solver: {
      name: text(solver['name'], at('solver.name'), fail),
      version: text(solver['version'], at('solver.version'), fail),
    },
    status: oneOf(p['status'], BID_SOLVER_STATUSES, at('status'), fail),
    ...(gapPct === undefined ? {} : { gapPct }),
    ...(boundKrw === undefined ? {} : { boundKrw }),
    objectiveKrw: wholeWon(p['objectiveKrw'], at('objectiveKrw')),
    modelSize: {
      variables,
      constraints: count(size['constraints'], at('modelSize.constraints'), fail),
      binaries,
    },
  };
};

export const checkShortfall = (raw: unknown): ShortfallFigures => {
  const s = object(raw, 'shortfall');
  const expectedKwh = atLeastZero(s['expectedKwh'], 'shortfall.expectedKwh', fail);
  const worstKwh = atLeastZero(s['worstKwh'], 'shortfall.worstKwh', fail);
  if (worstKwh < expectedKwh)
    fail(
      'shortfall.worstKwh',
      `the worst scenario's shortfall (${worstKwh} kWh) cannot be below the expected ${expectedKwh} kWh`,
    );
  return {
    expectedKwh: expectedKwh as Kwh,
    worstKwh: worstKwh as Kwh,
    samples: count(s['samples'], 'shortfall.samples', fail, 1),
  };
};

export const checkMeasurements = (raw: unknown): BidMeasurements => {
  const m = object(raw, 'measurements');
  return {
    solveSeconds: atLeastZero(m['solveSeconds'], 'measurements.solveSeconds', fail),
    buildSeconds: atLeastZero(m['buildSeconds'], 'measurements.buildSeconds', fail),
  };
};

/**
 * A value that survives JSON unchanged, as event data must: no NaN or Infinity (JSON turns them
 * into null), no undefined, functions or class instances. Returns a copy.
 */
export const checkJson = (value: unknown, field: string): JsonValue => {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return finiteNumber(value, field, fail);
  if (Array.isArray(value)) return value.map((item, i) => checkJson(item, `${field}[${i}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, checkJson(item, `${field}.${key}`)]),
    );
  return fail(field, `${field} must hold only JSON values, got ${typeof value}`);
};

/**
 * Awards on the grid, each interval once, finite price, quantities >= 0; in the order given, so
 * that later checks can name `awards[i]` (sort with `byInterval` before recording).
 */
export const checkAwards = (raw: unknown, intervalsPerDay: number): BidAward[] => {
  const seen = new Set<number>();
  return array(raw, 'awards').map((value, index) => {
    const at = `awards[${index}]`;
    const award = object(value, at);
    return {
      interval: gridIndex(award['interval'], `${at}.interval`, intervalsPerDay, seen),
      clearingPriceKrwPerKwh: finiteNumber(
        award['clearingPriceKrwPerKwh'],
        `${at}.clearingPriceKrwPerKwh`,
        fail,
      ) as KrwPerKwh,
      awardedSellKw: atLeastZero(award['awardedSellKw'], `${at}.awardedSellKw`, fail) as Kw,
      awardedBuyKw: atLeastZero(award['awardedBuyKw'], `${at}.awardedBuyKw`, fail) as Kw,
    };
  });
};
