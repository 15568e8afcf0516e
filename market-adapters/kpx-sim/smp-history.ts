import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dayIndexOf, valueAt, type HourlySeries } from '../../domain/forecasting/hourly-series.js';
import type { MarketId } from '../../domain/market/market-rules.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { TradingDay } from '../../domain/shared/time/trading-day.js';
import { DECIMAL, parseHourlyCsv } from './hourly-csv.js';

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

const SMP_FORMAT = {
  errorCode: 'KPXSIM.INVALID_SMP_FILE',
  field: 'smpFile',
  unit: 'KRW/kWh',
  number: DECIMAL,
} as const;

/**
 * Parses the shared SMP file (`trading_day,hour_ending,smp_mainland_krw_per_kwh,
 * smp_jeju_krw_per_kwh`, hour-ending 1..24, KST) strictly: a malformed row fails with its line,
 * an empty cell or an absent row is a gap (the 2024 file lacks 11 hours).
 */
export const parseSmpCsv = (text: string, file = 'smp.csv'): Record<MarketId, HourlySeries> => {
  const columns = parseHourlyCsv(text, file, [COLUMNS.mainland, COLUMNS.jeju], SMP_FORMAT);
  return { mainland: columns[COLUMNS.mainland]!, jeju: columns[COLUMNS.jeju]! };
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
