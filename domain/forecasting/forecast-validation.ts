import { oneOf, text } from '../shared/input-parsing.js';
import { isoInstant } from '../shared/iso-instant.js';
import type { JsonObject } from '../shared/json.js';
import { DAY_MS, MINUTE_MS } from '../shared/time/kst.js';
import type { IssueForecast } from './forecast-commands.js';
import { failForecast, forecastError, invalidForecastInput } from './forecast-errors.js';
import { forecastDayOf, forecastEntityIdOf, forecastPortfolioIdOf } from './forecast-ids.js';
import {
  FORECAST_ASSET_KINDS,
  FORECAST_INTERVAL_MINUTES,
  GENERATION_ASSET_KINDS,
  type ForecastModel,
  type ForecastSeries,
  type OmittedSeries,
} from './forecast-series.js';
import type { IssuedForecast } from './forecast-state.js';

const DIGEST = /^[0-9a-f]{64}$/;
const MAX_SERIES_LEVELS = 99;

/** The command's content as it will be stored, checked field by field; `version` comes later. */
export type CheckedForecast = Omit<IssuedForecast, 'version'>;

/**
 * Checks an IssueForecast command and returns its content in canonical form (UTC instant, -0 as
 * 0, omitted list present), so that a retry compares equal to what was stored. Every error
 * names the field at fault as a JSON path (`series[3].values[1][40]`).
 */
export const checkIssueForecast = ({ data }: IssueForecast): CheckedForecast => {
  const portfolioId = forecastPortfolioIdOf(data.portfolioId);
  const tradingDay = forecastDayOf(data.tradingDay);
  const forecastId = forecastEntityIdOf(data.forecastId, 'forecastId');
  const issuedAt = isoInstant(data.issuedAt, 'issuedAt', invalidForecastInput);
  const intervalMinutes = intervalMinutesOf(data.intervalMinutes);
  const intervals = DAY_MS / (intervalMinutes * MINUTE_MS);
  const inputsDigest = digestOf(data.inputsDigest);
  const model = modelOf(data.model);
  if (!Array.isArray(data.series))
    throw forecastError('FORECAST.INVALID_INPUT', 'series must be an array', 'series');
  const seen = new Set<string>();
  const series = data.series.map((raw: unknown, i) => {
    const checked = seriesOf(raw, `series[${i}]`, intervals);
    const key = `${checked.microVppId}/${checked.assetKind}`;
    if (seen.has(key))
      throw forecastError(
        'FORECAST.DUPLICATE_SERIES',
        `series[${i}] repeats the ${checked.assetKind} series of micro-VPP ${checked.microVppId}`,
        `series[${i}]`,
      );
    seen.add(key);
    return checked;
  });
  const omitted = omittedOf(data.omitted ?? []);
  return {
    forecastId,
    portfolioId,
    tradingDay,
    issuedAt,
    intervalMinutes,
    model,
    inputsDigest,
    series,
    omitted,
  };
};

const intervalMinutesOf = (value: unknown): number => {
  if (
    typeof value !== 'number' ||
    !(FORECAST_INTERVAL_MINUTES as readonly number[]).includes(value)
  )
    throw forecastError(
      'FORECAST.INVALID_INTERVAL_LENGTH',
      `intervalMinutes must be one of ${FORECAST_INTERVAL_MINUTES.join(', ')}, got ${String(value)}`,
      'intervalMinutes',
      { value },
    );
  return value;
};

const digestOf = (value: unknown): string => {
  if (typeof value !== 'string' || !DIGEST.test(value))
    throw forecastError(
      'FORECAST.INVALID_DIGEST',
      `inputsDigest must be a SHA-256 digest in 64 lower-case hex digits, got ${String(value)}`,
      'inputsDigest',
    );
  return value;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const modelOf = (value: unknown): ForecastModel => {
  if (!isPlainObject(value))
    throw forecastError('FORECAST.INVALID_INPUT', 'model must be an object', 'model');
  const name = text(value['name'], 'model.name', invalidForecastInput, 100);
  const version = text(value['version'], 'model.version', invalidForecastInput, 50);
  const parameters = value['parameters'];
  if (!isPlainObject(parameters))
    throw forecastError(
      'FORECAST.INVALID_INPUT',
      'model.parameters must be an object (empty when the model has none)',
      'model.parameters',
    );
  // The store refuses anything JSON cannot carry; the decider only needs the shape here.
  return { name, version, parameters: parameters as JsonObject };
};

const seriesOf = (raw: unknown, at: string, intervals: number): ForecastSeries => {
  if (!isPlainObject(raw))
    throw forecastError('FORECAST.INVALID_INPUT', `${at} must be an object`, at);
  const microVppId = forecastEntityIdOf(raw['microVppId'], `${at}.microVppId`);
  const assetKind = oneOf(
    raw['assetKind'],
    FORECAST_ASSET_KINDS,
    `${at}.assetKind`,
    invalidForecastInput,
  );
  if (raw['unit'] !== 'kWh')
    throw forecastError(
      'FORECAST.INVALID_INPUT',
      `${at}.unit must be 'kWh' (energy per interval), got ${String(raw['unit'])}`,
      `${at}.unit`,
    );
  const levels = levelsOf(raw['levels'], `${at}.levels`);
  const rows = raw['values'];
  if (!Array.isArray(rows) || rows.length !== levels.length)
    throw forecastError(
      'FORECAST.INVALID_LEVELS',
      `${at}.values must hold one row per level (${levels.length})`,
      `${at}.values`,
    );
  const nonNegative = GENERATION_ASSET_KINDS.includes(assetKind);
  const values = rows.map((row: unknown, l) =>
    rowOf(row, `${at}.values[${l}]`, intervals, nonNegative),
  );
  for (let l = 1; l < values.length; l++) {
    const lower = values[l - 1] ?? [];
    const upper = values[l] ?? [];
    for (let i = 0; i < intervals; i++)
      if ((upper[i] ?? 0) < (lower[i] ?? 0))
        throw forecastError(
          'FORECAST.QUANTILES_CROSSED',
          `${at}: in interval ${i} the ${levels[l]} quantile (${upper[i]}) is below the ` +
            `${levels[l - 1]} quantile (${lower[i]}); quantiles must not decrease with the level`,
          `${at}.values[${l}][${i}]`,
        );
  }
  return { microVppId, assetKind, unit: 'kWh', levels, values };
};

const levelsOf = (raw: unknown, at: string): number[] => {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_SERIES_LEVELS)
    throw forecastError(
      'FORECAST.INVALID_LEVELS',
      `${at} must list 1..${MAX_SERIES_LEVELS} probability levels`,
      at,
    );
  return raw.map((level: unknown, l) => {
    const previous = l === 0 ? 0 : (raw[l - 1] as number);
    if (typeof level !== 'number' || !(level > 0 && level < 1) || level <= previous)
      throw forecastError(
        'FORECAST.INVALID_LEVELS',
        `${at} must be strictly increasing levels in (0, 1); ${at}[${l}] is ${String(level)}`,
        `${at}[${l}]`,
      );
    return level;
  });
};

const rowOf = (raw: unknown, at: string, intervals: number, nonNegative: boolean): number[] => {
  if (!Array.isArray(raw) || raw.length !== intervals)
    throw forecastError(
      'FORECAST.INTERVAL_COUNT_MISMATCH',
      `${at} must hold ${intervals} values, one per interval of the trading day, got ` +
        `${Array.isArray(raw) ? raw.length : String(raw)}`,
      at,
      { expected: intervals },
    );
  const row = new Array<number>(intervals);
  for (let i = 0; i < intervals; i++) {
    const value: unknown = raw[i];
    if (typeof value !== 'number' || !Number.isFinite(value) || (nonNegative && value < 0))
      throw forecastError(
        'FORECAST.INVALID_VALUE',
        `${at}[${i}] must be a finite number of kWh${nonNegative ? ' >= 0 (generation)' : ''}, ` +
          `got ${String(value)}`,
        `${at}[${i}]`,
      );
    row[i] = value + 0; // -0 becomes 0: one zero in equality and JSON
  }
  return row;
};

const omittedOf = (raw: unknown): OmittedSeries[] => {
  if (!Array.isArray(raw))
    throw forecastError('FORECAST.INVALID_INPUT', 'omitted must be an array', 'omitted');
  return raw.map((entry: unknown, i) => {
    const at = `omitted[${i}]`;
    if (!isPlainObject(entry))
      throw forecastError('FORECAST.INVALID_INPUT', `${at} must be an object`, at);
    return {
      microVppId: forecastEntityIdOf(entry['microVppId'], `${at}.microVppId`),
      assetKind: oneOf(
        entry['assetKind'],
        FORECAST_ASSET_KINDS,
        `${at}.assetKind`,
        failForecast('FORECAST.INVALID_INPUT'),
      ),
      reason: text(entry['reason'], `${at}.reason`, invalidForecastInput, 500),
    };
  });
};
