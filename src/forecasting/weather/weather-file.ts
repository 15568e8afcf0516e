import { readFileSync } from 'node:fs';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import type { WeatherDay } from '../../../domain/forecasting/pv/clearness.js';
import { oktasToPercent } from '../../../domain/forecasting/pv/clearness.js';
import { csvRecords } from '../../metering/csv/csv-records.js';

/** The columns a weather file may have (WEATHER_FORMAT.md). */
export const WEATHER_KEY_COLUMNS = ['trading_day', 'hour_ending'] as const;
export const WEATHER_VALUE_COLUMNS = [
  'cloud_cover_pct',
  'cloud_cover_oktas',
  'ghi_w_per_m2',
] as const;
type ValueColumn = (typeof WEATHER_VALUE_COLUMNS)[number];

const RANGES: Record<ValueColumn, { low: number; high: number; unit: string }> = {
  cloud_cover_pct: { low: 0, high: 100, unit: '%' },
  cloud_cover_oktas: { low: 0, high: 8, unit: 'oktas' },
  // Above the solar constant is impossible on the ground; 1500 leaves room for enhancement spikes.
  ghi_w_per_m2: { low: 0, high: 1500, unit: 'W/m²' },
};

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const fileError = (message: string, line?: number): DomainError =>
  new DomainError(
    'WEATHER.INVALID_FILE',
    line === undefined ? message : `line ${line}: ${message}`,
    line === undefined ? 'weather' : `weather:line ${line}`,
    line === undefined ? {} : { line },
  );

/**
 * Parses a weather CSV (format in WEATHER_FORMAT.md) into one WeatherDay per trading day, in day
 * order. Strict: the first problem fails the whole file with its line number, because a forecast
 * built on a half-read weather file is worse than one built on none.
 */
export const parseWeatherCsv = (text: string): WeatherDay[] => {
  const records = csvRecords(text);
  const header = records.next();
  if (header.done === true) throw fileError('the file is empty: a header row is required');
  if (header.value.problem !== undefined)
    throw fileError(`the header is broken: ${header.value.problem}`, header.value.line);
  const names = header.value.fields.map((name) => name.trim().toLowerCase());
  names.forEach((name, index) => {
    const known = [...WEATHER_KEY_COLUMNS, ...WEATHER_VALUE_COLUMNS] as readonly string[];
    if (!known.includes(name))
      throw fileError(
        `unknown column "${header.value.fields[index] ?? ''}"; allowed: ${known.join(', ')}`,
        header.value.line,
      );
    if (names.indexOf(name) !== index)
      throw fileError(`column ${name} appears twice`, header.value.line);
  });
  if (names[0] !== 'trading_day' || names[1] !== 'hour_ending')
    throw fileError('the first two columns must be trading_day,hour_ending', header.value.line);
  const valueColumns = names.slice(2) as ValueColumn[];
  if (valueColumns.length === 0)
    throw fileError(
      `no weather column: add at least one of ${WEATHER_VALUE_COLUMNS.join(', ')}`,
      header.value.line,
    );
  if (valueColumns.includes('cloud_cover_pct') && valueColumns.includes('cloud_cover_oktas'))
    throw fileError(
      'give cloud cover once, as cloud_cover_pct or cloud_cover_oktas',
      header.value.line,
    );

  const days = new Map<number, { day: TradingDay; cloud: Float64Array; ghi: Float64Array }>();
  const seen = new Set<string>();
  for (const record of records) {
    const { line } = record;
    if (record.problem !== undefined) throw fileError(record.problem, line);
    if (record.fields.length !== names.length)
      throw fileError(`expected ${names.length} fields, got ${record.fields.length}`, line);
    const dayText = (record.fields[0] ?? '').trim();
    let day: TradingDay;
    try {
      day = TradingDay.parse(dayText);
    } catch {
      throw fileError(`trading_day "${dayText}" is not an existing YYYY-MM-DD date`, line);
    }
    const hourText = (record.fields[1] ?? '').trim();
    const hourEnding = Number(hourText);
    if (!/^\d{1,2}$/.test(hourText) || hourEnding < 1 || hourEnding > 24)
      throw fileError(`hour_ending "${hourText}" must be a whole number 1..24`, line);
    const key = `${day.toString()}#${hourEnding}`;
    if (seen.has(key))
      throw fileError(`${day.toString()} hour_ending ${hourEnding} appears twice`, line);
    seen.add(key);
    let entry = days.get(day.epochDay);
    if (entry === undefined) {
      entry = {
        day,
        cloud: new Float64Array(24).fill(Number.NaN),
        ghi: new Float64Array(24).fill(Number.NaN),
      };
      days.set(day.epochDay, entry);
    }
    valueColumns.forEach((column, c) => {
      const cell = (record.fields[c + 2] ?? '').trim();
      if (cell === '') return; // not given for this hour
      const value = Number(cell);
      const range = RANGES[column];
      if (!NUMBER.test(cell) || !Number.isFinite(value))
        throw fileError(`${column} "${cell}" is not a number`, line);
      if (value < range.low || value > range.high)
        throw fileError(
          `${column} ${value} is outside ${range.low}..${range.high} ${range.unit}`,
          line,
        );
      if (column === 'ghi_w_per_m2') (entry as { ghi: Float64Array }).ghi[hourEnding - 1] = value;
      else
        (entry as { cloud: Float64Array }).cloud[hourEnding - 1] =
          column === 'cloud_cover_oktas' ? oktasToPercent(value) : value;
    });
  }
  const hasCloud = valueColumns.some((c) => c !== 'ghi_w_per_m2');
  const hasGhi = valueColumns.includes('ghi_w_per_m2');
  return [...days.values()]
    .sort((a, b) => a.day.epochDay - b.day.epochDay)
    .map(({ day, cloud, ghi }) => ({
      day,
      ...(hasCloud ? { cloudCoverPct: cloud } : {}),
      ...(hasGhi ? { ghiWPerM2: ghi } : {}),
    }));
};

/** Reads and parses a weather file; the file name is prefixed to any error message. */
export const readWeatherFile = (path: string): WeatherDay[] => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DomainError(
      'WEATHER.FILE_UNREADABLE',
      `cannot read weather file ${path}: ${(error as Error).message}`,
      'weather',
    );
  }
  try {
    return parseWeatherCsv(text);
  } catch (error) {
    if (error instanceof DomainError)
      throw new DomainError(error.code, `${path}: ${error.message}`, error.field, error.details);
    throw error;
  }
};
