import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { HourlySeries } from '../../domain/forecasting/hourly-series.js';
import { withMirrorMonthFallback } from '../../domain/market/merit-order/renewable-fallback.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import { DECIMAL_OR_EXPONENT, parseHourlyCsv } from './hourly-csv.js';

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

const DATA_FORMAT = {
  errorCode: 'KPXSIM.INVALID_DATA_FILE',
  field: 'dataPath',
  unit: 'MW',
  number: DECIMAL_OR_EXPONENT,
} as const;

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
  const demandMw = parseHourlyCsv(demand.text, demand.file, ['demand_mainland_mw'], DATA_FORMAT)[
    'demand_mainland_mw'
  ]!;
  const columns = parseHourlyCsv(
    renewables.text,
    renewables.file,
    ['solar_market_mw', 'wind_mainland_mw'],
    DATA_FORMAT,
  );
  return {
    demandMw,
    solarMw: withMirrorMonthFallback(columns['solar_market_mw']!, MERIT_ORDER_COVERAGE.last),
    windMw: withMirrorMonthFallback(columns['wind_mainland_mw']!, MERIT_ORDER_COVERAGE.last),
  };
};
