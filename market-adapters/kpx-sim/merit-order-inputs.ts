import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { HourlySeries } from '../../domain/forecasting/hourly-series.js';
import { withMirrorMonthFallback } from '../../domain/market/merit-order/renewable-fallback.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { HOURS_PER_DAY } from '../../domain/shared/time/kpx-numbering.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';

export const DEMAND_FILE_NAME = 'demand-mainland-hourly-2024.csv';
export const RENEWABLES_FILE_NAME = 'renewables-hourly-2024-jan-sep.csv';

/** The days the merit-order model can price: the fleet data describes 2024 only. */
export const MERIT_ORDER_COVERAGE = {
  first: TradingDay.parse('2024-01-01'),
  last: TradingDay.parse('2024-12-31'),
} as const;

/** What the merit-order formation clears against: mainland demand, market solar, mainland wind. */
export interface MeritOrderInputs {
  readonly demandMw: HourlySeries;
  readonly solarMw: HourlySeries;
  readonly windMw: HourlySeries;
}

// The renewables file writes small values in exponent form (8e-05).
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const invalid = (file: string, line: number, message: string): DomainError =>
  new DomainError('KPXSIM.INVALID_DATA_FILE', `${file}:${line}: ${message}`, 'dataPath', {
    file,
    line,
  });

/**
 * Parses a shared hourly file (`trading_day,hour_ending,<columns>...`, hour-ending 1..24 KST)
 * strictly, keeping the named columns: a malformed row fails with its line, an empty cell or an
 * absent row is a gap (NaN). A reader of its own because market-adapters/ may not import src/.
 */
export const parseHourlyColumns = (
  text: string,
  file: string,
  columns: readonly string[],
): Record<string, HourlySeries> => {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(',');
  const dayColumn = header.indexOf('trading_day');
  const hourColumn = header.indexOf('hour_ending');
  const indexes = columns.map((column) => header.indexOf(column));
  if (dayColumn < 0 || hourColumn < 0 || indexes.some((index) => index < 0))
    throw invalid(file, 1, `expected the columns trading_day, hour_ending, ${columns.join(', ')}`);
  const rows: { line: number; epochDay: number; hour: number; values: number[] }[] = [];
  const days = new Map<string, TradingDay>();
  for (let index = 1; index < lines.length; index++) {
    const raw = lines[index]!;
    if (raw.trim() === '') continue;
    const line = index + 1;
    const fields = raw.split(',');
    if (fields.length !== header.length)
      throw invalid(file, line, `expected ${header.length} fields, got ${fields.length}`);
    const dayText = fields[dayColumn]!.trim();
    let day = days.get(dayText);
    if (day === undefined) {
      try {
        day = TradingDay.parse(dayText);
      } catch {
        throw invalid(file, line, `trading_day must be YYYY-MM-DD, got "${dayText}"`);
      }
      days.set(dayText, day);
    }
    const hourText = fields[hourColumn]!.trim();
    const hour = Number(hourText);
    if (!/^\d{1,2}$/.test(hourText) || hour < 1 || hour > HOURS_PER_DAY)
      throw invalid(file, line, `hour_ending must be 1..24, got "${hourText}"`);
    const values = indexes.map((at, k) => {
      const cell = (fields[at] ?? '').trim();
      if (cell === '') return Number.NaN;
      if (!NUMBER.test(cell))
        throw invalid(file, line, `${columns[k]} must be a decimal number, got "${cell}"`);
      return Number(cell);
    });
    rows.push({ line, epochDay: day.epochDay, hour, values });
  }
  if (rows.length === 0) throw invalid(file, 2, 'the file holds no data rows');
  let first = Infinity;
  let last = -Infinity;
  for (const row of rows) {
    first = Math.min(first, row.epochDay);
    last = Math.max(last, row.epochDay);
  }
  const size = (last - first + 1) * HOURS_PER_DAY;
  const arrays = columns.map(() => new Float64Array(size).fill(Number.NaN));
  const seen = new Uint8Array(size);
  for (const row of rows) {
    const at = (row.epochDay - first) * HOURS_PER_DAY + row.hour - 1;
    if (seen[at] === 1) throw invalid(file, row.line, 'this trading hour appears twice');
    seen[at] = 1;
    row.values.forEach((value, k) => (arrays[k]![at] = value));
  }
  const firstDay = TradingDay.fromEpochDay(first);
  return Object.fromEntries(
    columns.map((column, k) => [column, { firstDay, values: arrays[k]!, unit: 'MW' }]),
  );
};

const readData = (folder: string, name: string): { file: string; text: string } => {
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder)
    throw new DomainError(
      'KPXSIM.DATA_FILE_NOT_FOUND',
      `merit-order prices need the data folder holding ${DEMAND_FILE_NAME} and ${RENEWABLES_FILE_NAME}, got ${folder}`,
      'dataPath',
    );
  const file = join(folder, name);
  try {
    return { file, text: readFileSync(file, 'utf8') };
  } catch (error) {
    throw new DomainError(
      'KPXSIM.DATA_FILE_NOT_FOUND',
      `cannot read ${file}: ${(error as Error).message}`,
      'dataPath',
    );
  }
};

/**
 * Demand and renewables from the shared data folder. Renewables stop at 2024-09-30: October to
 * December use the mirror-month hour profiles of domain/market/merit-order/renewable-fallback.ts.
 */
export const loadMeritOrderInputs = (folder: string): MeritOrderInputs => {
  const demand = readData(folder, DEMAND_FILE_NAME);
  const renewables = readData(folder, RENEWABLES_FILE_NAME);
  const demandMw = parseHourlyColumns(demand.text, demand.file, ['demand_mainland_mw'])[
    'demand_mainland_mw'
  ]!;
  const columns = parseHourlyColumns(renewables.text, renewables.file, [
    'solar_market_mw',
    'wind_mainland_mw',
  ]);
  return {
    demandMw,
    solarMw: withMirrorMonthFallback(columns['solar_market_mw']!, MERIT_ORDER_COVERAGE.last),
    windMw: withMirrorMonthFallback(columns['wind_mainland_mw']!, MERIT_ORDER_COVERAGE.last),
  };
};
