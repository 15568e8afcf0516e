import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dayIndexOf, valueAt, type HourlySeries } from '../../domain/forecasting/hourly-series.js';
import type { MarketId } from '../../domain/market/market-rules.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { HOURS_PER_DAY } from '../../domain/shared/time/kpx-numbering.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';

/** The historical day-ahead SMP the simulated exchange replays: KRW/kWh, or undefined for a gap. */
export interface SmpHistory {
  smpKrwPerKwh(market: MarketId, day: TradingDay, hourEnding: number): number | undefined;
}

export const SMP_FILE_NAME = 'smp-hourly-2020-2024.csv';

const COLUMNS: Readonly<Record<MarketId, string>> = {
  mainland: 'smp_mainland_krw_per_kwh',
  jeju: 'smp_jeju_krw_per_kwh',
};

/** A history over HourlySeries (one per market); hours outside a series are gaps. */
export const smpHistoryOf = (series: Readonly<Record<MarketId, HourlySeries>>): SmpHistory => ({
  smpKrwPerKwh(market, day, hourEnding) {
    const source = series[market];
    const value = valueAt(source, dayIndexOf(source, day), hourEnding);
    return Number.isNaN(value) ? undefined : value;
  },
});

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

const invalid = (file: string, line: number, message: string): DomainError =>
  new DomainError('KPXSIM.INVALID_SMP_FILE', `${file}:${line}: ${message}`, 'smpFile', {
    file,
    line,
  });

/**
 * Parses the shared SMP file (`trading_day,hour_ending,smp_mainland_krw_per_kwh,
 * smp_jeju_krw_per_kwh`, hour-ending 1..24, KST) strictly: a malformed row fails with its line,
 * an empty cell or an absent row is a gap (the 2024 file lacks 11 hours). A small reader of its
 * own because market-adapters/ may not import the backtest's reader in src/ (DESIGN.md §2).
 */
export const parseSmpCsv = (text: string, file = 'smp.csv'): Record<MarketId, HourlySeries> => {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(',');
  const dayColumn = header.indexOf('trading_day');
  const hourColumn = header.indexOf('hour_ending');
  const mainland = header.indexOf(COLUMNS.mainland);
  const jeju = header.indexOf(COLUMNS.jeju);
  if (dayColumn < 0 || hourColumn < 0 || mainland < 0 || jeju < 0)
    throw invalid(
      file,
      1,
      `expected the columns trading_day, hour_ending, ${COLUMNS.mainland}, ${COLUMNS.jeju}`,
    );
  const rows: {
    line: number;
    epochDay: number;
    hour: number;
    mainland: number;
    jeju: number;
  }[] = [];
  const cell = (text: string | undefined, line: number, column: string): number => {
    const trimmed = (text ?? '').trim();
    if (trimmed === '') return Number.NaN;
    if (!NUMBER.test(trimmed))
      throw invalid(file, line, `${column} must be a decimal number, got "${trimmed}"`);
    return Number(trimmed);
  };
  const days = new Map<string, TradingDay>();
  for (let index = 1; index < lines.length; index++) {
    const raw = lines[index]!;
    if (raw.trim() === '') continue;
    const line = index + 1;
    const fields = raw.split(',');
    if (fields.length !== header.length)
      throw invalid(file, line, `expected ${header.length} fields, got ${fields.length}`);
    const dayText = fields[dayColumn]!.trim();
    // Parsed once per day, not per row: luxon would dominate reading years of hourly rows.
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
    rows.push({
      line,
      epochDay: day.epochDay,
      hour,
      mainland: cell(fields[mainland], line, COLUMNS.mainland),
      jeju: cell(fields[jeju], line, COLUMNS.jeju),
    });
  }
  if (rows.length === 0) throw invalid(file, 2, 'the file holds no data rows');
  // A loop, not Math.min(...rows): years of hourly rows would overflow the argument list.
  let first = Infinity;
  let last = -Infinity;
  for (const row of rows) {
    first = Math.min(first, row.epochDay);
    last = Math.max(last, row.epochDay);
  }
  const firstDay = TradingDay.fromEpochDay(first);
  const size = (last - first + 1) * HOURS_PER_DAY;
  const values = {
    mainland: new Float64Array(size).fill(Number.NaN),
    jeju: new Float64Array(size).fill(Number.NaN),
  };
  const seen = new Uint8Array(size);
  for (const row of rows) {
    const at = (row.epochDay - first) * HOURS_PER_DAY + row.hour - 1;
    if (seen[at] === 1) throw invalid(file, row.line, 'this trading hour appears twice');
    seen[at] = 1;
    values.mainland[at] = row.mainland;
    values.jeju[at] = row.jeju;
  }
  return {
    mainland: { firstDay, values: values.mainland, unit: 'KRW/kWh' },
    jeju: { firstDay, values: values.jeju, unit: 'KRW/kWh' },
  };
};

/** `path` may name the CSV itself or a folder holding `smp-hourly-2020-2024.csv`. */
export const loadSmpHistory = (path: string): SmpHistory => {
  let file = path;
  try {
    if (statSync(path).isDirectory()) file = join(path, SMP_FILE_NAME);
  } catch {
    throw new DomainError(
      'KPXSIM.SMP_FILE_NOT_FOUND',
      `no SMP data at ${path}: give the data folder (holding ${SMP_FILE_NAME}) or the file`,
      'dataPath',
    );
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DomainError(
      'KPXSIM.SMP_FILE_NOT_FOUND',
      `cannot read the SMP file ${file}: ${(error as Error).message}`,
      'dataPath',
    );
  }
  return smpHistoryOf(parseSmpCsv(text, file));
};
