import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataFileError } from './data-file-error.js';

/** What a backtest forecasts. */
export type ForecastKind = 'pv' | 'load' | 'price';
export const FORECAST_KINDS: readonly ForecastKind[] = ['pv', 'load', 'price'];

/** SMP is published per market; the other kinds have one series each. */
export type SmpMarket = 'mainland' | 'jeju';
export const SMP_MARKETS: readonly SmpMarket[] = ['mainland', 'jeju'];

export interface KnownDataFile {
  /** The standard file name inside the data folder. */
  readonly fileName: string;
  /** The value column that holds the series. */
  readonly column: string;
}

/** The shared KPX files (/work/shared/data/README.md) and the column each kind reads. */
export const knownDataFile = (
  kind: ForecastKind,
  market: SmpMarket = 'mainland',
): KnownDataFile => {
  switch (kind) {
    case 'pv':
      return { fileName: 'renewables-hourly-2024-jan-sep.csv', column: 'solar_market_mw' };
    case 'load':
      return { fileName: 'demand-mainland-hourly-2024.csv', column: 'demand_mainland_mw' };
    case 'price':
      return {
        fileName: 'smp-hourly-2020-2024.csv',
        column: market === 'jeju' ? 'smp_jeju_krw_per_kwh' : 'smp_mainland_krw_per_kwh',
      };
  }
};

/** Where the shared data sits when `--data` is not given: beside the project, as in the repo layout. */
export const DEFAULT_DATA_FOLDER = join('..', 'shared', 'data', 'kpx');

/**
 * The file to read for `kind`: `data` may name a file (used as is) or a folder holding the
 * standard file names; without it, DEFAULT_DATA_FOLDER relative to `cwd`.
 */
export const resolveDataFile = (
  kind: ForecastKind,
  market: SmpMarket,
  data: string | undefined,
  cwd: string,
): { path: string; column: string } => {
  const known = knownDataFile(kind, market);
  const given = resolve(cwd, data ?? DEFAULT_DATA_FOLDER);
  let isFolder: boolean;
  try {
    isFolder = statSync(given).isDirectory();
  } catch {
    throw new DataFileError(
      'FORECAST.DATA_FILE_NOT_FOUND',
      {
        file: given,
        expected:
          data === undefined
            ? `the shared data folder (${DEFAULT_DATA_FOLDER} from the working directory), or --data <file|folder>`
            : 'an hourly CSV file or a folder holding the standard file names',
      },
      'no such file or folder',
    );
  }
  return { path: isFolder ? join(given, known.fileName) : given, column: known.column };
};
