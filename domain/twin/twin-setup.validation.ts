import type { DerKind } from '../ders/der-parameters.js';
import { validateDerParameters } from '../ders/der-parameters.validation.js';
import { isDomainError } from '../shared/domain-error.js';
import { atLeastZero, integerInRange, text } from '../shared/input-parsing.js';
import { Interval } from '../shared/time/interval.js';
import { IntervalGrid, isIntervalMinutes } from '../shared/time/interval-grid.js';
import type { Kw } from '../shared/units.js';
import { isRecord } from './twin-keys.validation.js';
import type { TwinAsset, TwinNoise, TwinSite } from './twin-setup.types.js';
import type { TwinConfig } from './twin-state.js';
import { twinError, twinFail } from './twin.errors.js';

const invalidSite = twinFail('TWIN.INVALID_SITE');
const invalidGrid = twinFail('TWIN.INVALID_GRID');
const invalidNoise = twinFail('TWIN.INVALID_NOISE');

/** A year of 1-minute intervals: far beyond any simulation, low enough to refuse a typo. */
const MAX_INTERVALS = 366 * 24 * 60;

export type GridShape = Pick<
  TwinConfig,
  'intervalMinutes' | 'intervalCount' | 'firstIndexInDay' | 'intervalsPerDay' | 'intervals'
>;

/** A clean copy of the site: parameters re-validated, so hand-built objects are held to the rules. */
export const validateSite = (site: unknown): { site: TwinSite; kinds: Map<string, DerKind> } => {
  if (!isRecord(site)) return invalidSite('site', 'site must be an object');
  if (!Array.isArray(site['assets']))
    return invalidSite('site.assets', 'site.assets must be a list');
  const kinds = new Map<string, DerKind>();
  const assets = (site['assets'] as readonly unknown[]).map((asset, i): TwinAsset => {
    const at = `site.assets[${i}]`;
    if (!isRecord(asset)) return invalidSite(at, `${at} must be an object`);
    const derId = text(asset['derId'], `${at}.derId`, invalidSite);
    if (kinds.has(derId)) invalidSite(`${at}.derId`, `${derId} appears twice in the site`);
    const parameters = reThrownAsSite(() =>
      validateDerParameters(asset['parameters'], `${at}.parameters`),
    );
    kinds.set(derId, parameters.kind);
    return { derId, parameters };
  });
  const limit = (name: string) => atLeastZero(site[name], `site.${name}`, invalidSite) as Kw;
  return {
    site: {
      assets,
      gridImportLimitKw: limit('gridImportLimitKw'),
      gridExportLimitKw: limit('gridExportLimitKw'),
    },
    kinds,
  };
};

const reThrownAsSite = <T>(validate: () => T): T => {
  try {
    return validate();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw twinError('TWIN.INVALID_SITE', error.message, error.field, error.details);
  }
};

export const validateGrid = (grid: unknown): GridShape => {
  if (!isRecord(grid)) return invalidGrid('grid', 'grid must be an object');
  if (grid['intervals'] !== undefined) return fromIntervals(grid['intervals']);
  const minutes = grid['intervalMinutes'];
  if (typeof minutes !== 'number' || !isIntervalMinutes(minutes))
    return invalidGrid('grid.intervalMinutes', 'grid.intervalMinutes must divide 60', {
      value: minutes,
    });
  const perDay = IntervalGrid.of(minutes).intervalsPerDay;
  return {
    intervalMinutes: minutes,
    intervalCount: integerInRange(
      grid['intervalCount'],
      'grid.intervalCount',
      invalidGrid,
      1,
      MAX_INTERVALS,
    ),
    firstIndexInDay: integerInRange(
      grid['firstIndexInDay'] ?? 0,
      'grid.firstIndexInDay',
      invalidGrid,
      0,
      perDay - 1,
    ),
    intervalsPerDay: perDay,
    intervals: null,
  };
};

const fromIntervals = (value: unknown): GridShape => {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_INTERVALS)
    return invalidGrid('grid.intervals', `grid.intervals must hold 1..${MAX_INTERVALS} intervals`);
  const intervals = value as readonly unknown[];
  const first = intervals[0];
  if (!(first instanceof Interval) || !isIntervalMinutes(first.durationMinutes))
    return invalidGrid('grid.intervals[0]', 'intervals must last a divisor of 60 minutes');
  const grid = IntervalGrid.of(first.durationMinutes);
  if (!grid.isCell(first))
    invalidGrid('grid.intervals[0]', 'intervals must start on a boundary of their grid');
  intervals.forEach((interval, i) => {
    const previous = intervals[i - 1];
    if (
      i > 0 &&
      (!(interval instanceof Interval) ||
        !(previous instanceof Interval) ||
        interval.durationMs !== first.durationMs ||
        interval.startMs !== previous.endMs)
    )
      invalidGrid(`grid.intervals[${i}]`, 'intervals must be contiguous and of equal length');
  });
  return {
    intervalMinutes: grid.minutes,
    intervalCount: intervals.length,
    firstIndexInDay: grid.indexOf(first.start),
    intervalsPerDay: grid.intervalsPerDay,
    intervals: intervals as readonly Interval[],
  };
};

export const validateNoise = (noise: unknown): TwinNoise => {
  if (!isRecord(noise)) return invalidNoise('noise', 'noise must be an object');
  const seed = noise['seed'];
  if (typeof seed !== 'string' && !Number.isSafeInteger(seed))
    invalidNoise('noise.seed', 'noise.seed must be a string or a safe integer', { value: seed });
  return {
    seed: seed as string | number,
    pvRelativeStd: atLeastZero(noise['pvRelativeStd'], 'noise.pvRelativeStd', invalidNoise),
    loadRelativeStd: atLeastZero(noise['loadRelativeStd'], 'noise.loadRelativeStd', invalidNoise),
  };
};
