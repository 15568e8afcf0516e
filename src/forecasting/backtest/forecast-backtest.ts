import { climatologyForecaster } from '../../../domain/forecasting/baselines/climatology.js';
import { persistenceForecaster } from '../../../domain/forecasting/baselines/persistence.js';
import type { DayAheadForecaster } from '../../../domain/forecasting/day-ahead-forecaster.js';
import type { HourlySeries } from '../../../domain/forecasting/hourly-series.js';
import type { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { DataFileError } from '../data-files/data-file-error.js';
import { readHourlyCsvFile } from '../data-files/hourly-csv.reader.js';
import {
  resolveDataFile,
  type ForecastKind,
  type SmpMarket,
} from '../data-files/kpx-data-files.js';
import { runBacktest } from './backtest-engine.js';
import { buildReport, type BacktestReport } from './backtest-report.js';

export interface ForecastBacktestOptions {
  readonly kind: ForecastKind;
  readonly market: SmpMarket;
  /** Defaults: the first and last day of the data. */
  readonly from?: TradingDay;
  readonly to?: TradingDay;
  /** A file, or a folder holding the standard file names; default ../shared/data/kpx from `cwd`. */
  readonly data?: string;
  readonly cwd: string;
  /** PV only: C of the KPX error rate; default the series' maximum over the whole file. */
  readonly capacityMw?: number;
  /** The model judged against the baselines. */
  readonly model: (kind: ForecastKind, market: SmpMarket) => DayAheadForecaster;
  readonly onDay?: (daysDone: number, daysTotal: number) => void;
  /** Called once the file is read, before the days run (e.g. to size a progress bar). */
  readonly onPeriod?: (days: number) => void;
}

/** The highest value of the series: the capacity C of a portfolio whose capacity is not given. */
export const seriesMaximum = (series: HourlySeries): number => {
  let maximum = Number.NEGATIVE_INFINITY;
  for (const value of series.values) if (value > maximum) maximum = value;
  return maximum;
};

/**
 * Reads the data for `kind`, runs the model, persistence and climatology day by day over the
 * period and scores them on the same hours. Throws DataFileError for a bad file or a period
 * outside the data, before any work is done.
 */
export const forecastBacktest = async (
  options: ForecastBacktestOptions,
): Promise<BacktestReport> => {
  const { kind, market } = options;
  const { path, column } = resolveDataFile(kind, market, options.data, options.cwd);
  const data = await readHourlyCsvFile(path, [column]);
  const actual = data.series[column]!;
  const from = options.from ?? data.firstDay;
  const to = options.to ?? data.lastDay;
  const range = `${data.firstDay.toString()}..${data.lastDay.toString()}`;
  for (const [flag, day] of [
    ['--from', from],
    ['--to', to],
  ] as const)
    if (day.isBefore(data.firstDay) || day.isAfter(data.lastDay))
      throw new DataFileError(
        'FORECAST.DATA_OUT_OF_RANGE',
        { file: path, column, expected: `${flag} within the data, ${range}` },
        `${flag} ${day.toString()} is outside the data`,
      );
  if (to.isBefore(from))
    throw new DataFileError(
      'FORECAST.DATA_OUT_OF_RANGE',
      { file: path, expected: '--from on or before --to' },
      `--from ${from.toString()} is after --to ${to.toString()}`,
    );
  const capacityMw = kind === 'pv' ? (options.capacityMw ?? seriesMaximum(actual)) : undefined;
  if (capacityMw !== undefined && !(capacityMw > 0))
    throw new DataFileError(
      'FORECAST.INVALID_DATA_FILE',
      { file: path, column, expected: 'some output above 0 MW, or --capacity-mw' },
      'the series never rises above 0, so it gives no capacity C for the KPX error rate',
    );
  const model = options.model(kind, market);
  options.onPeriod?.(from.daysUntil(to) + 1);
  const aligned = runBacktest({
    actual,
    from,
    to,
    methods: { model, persistence: persistenceForecaster, climatology: climatologyForecaster() },
    ...(options.onDay === undefined ? {} : { onDay: options.onDay }),
  });
  return buildReport(aligned, {
    kind,
    from: from.toString(),
    to: to.toString(),
    unit: actual.unit,
    ...(kind === 'price' ? { market } : {}),
    ...(capacityMw === undefined ? {} : { capacityMw }),
    data: {
      file: path,
      column,
      firstDay: data.firstDay.toString(),
      lastDay: data.lastDay.toString(),
      gapHours: data.gapHours[column]!,
    },
  });
};
