/**
 * The forecast backtests of issue 4 on the shared KPX data: day-ahead PV (market solar as one
 * portfolio, C = its largest hour), SMP mainland and Jeju for 2024, and mainland load for 2024,
 * each model against persistence and climatology on the same hours. It asserts nothing (the tests
 * do); it prints the tables and writes flat figures to bench/results/forecast.json.
 * Run: `npm run bench:forecast` from the repository root (the data is read from ../shared/data/kpx,
 * or from the folder in BENCH_FORECAST_DATA).
 */
import { relative } from 'node:path';
import { TradingDay } from '../domain/shared/time/trading-day.js';
import { ProgressBar, stderrProgressSink } from '../src/cli/progress-bar.js';
import { modelFor } from '../src/forecasting/backtest/backtest-models.js';
import {
  flattenReport,
  formatReport,
  type BacktestReport,
} from '../src/forecasting/backtest/backtest-report.js';
import { forecastBacktest } from '../src/forecasting/backtest/forecast-backtest.js';
import type { ForecastKind, SmpMarket } from '../src/forecasting/data-files/kpx-data-files.js';
import { writeResults, type BenchResults } from './support/bench-report.js';
import { loadAverages, machineFacts } from './support/machine-facts.js';
import { timeOf } from './support/measure.js';

interface Run {
  /** Prefix of the run's keys in forecast.json, e.g. `pv` → `pv.model.kpxErrorPct`. */
  readonly key: string;
  readonly kind: ForecastKind;
  readonly market: SmpMarket;
  readonly from: string;
  readonly to: string;
}

const RUNS: readonly Run[] = [
  { key: 'pv', kind: 'pv', market: 'mainland', from: '2024-01-01', to: '2024-09-30' },
  { key: 'price', kind: 'price', market: 'mainland', from: '2024-01-01', to: '2024-12-31' },
  { key: 'priceJeju', kind: 'price', market: 'jeju', from: '2024-01-01', to: '2024-12-31' },
  { key: 'load', kind: 'load', market: 'mainland', from: '2024-01-01', to: '2024-12-31' },
];

const backtest = async (run: Run): Promise<{ report: BacktestReport; seconds: number }> => {
  let report: BacktestReport | undefined;
  let bar: ProgressBar | undefined;
  const timing = await timeOf(async () => {
    report = await forecastBacktest({
      kind: run.kind,
      market: run.market,
      from: TradingDay.parse(run.from),
      to: TradingDay.parse(run.to),
      cwd: process.cwd(),
      ...(process.env['BENCH_FORECAST_DATA'] === undefined
        ? {}
        : { data: process.env['BENCH_FORECAST_DATA'] }),
      model: modelFor,
      onPeriod: (days) => {
        bar = new ProgressBar(stderrProgressSink(), { label: run.key, total: days, unit: 'days' });
      },
      onDay: (done) => bar?.update(done),
    });
    bar?.finish();
  });
  if (report === undefined) throw new Error(`the ${run.key} backtest gave no report`);
  return { report, seconds: timing.seconds };
};

const main = async (): Promise<void> => {
  const machine = machineFacts();
  const loadBefore = loadAverages();
  const startedAt = new Date();
  console.log(
    `forecast backtests: ${machine.machineCpuModel}, ${machine.machineCores} cores, ` +
      `Node ${machine.nodeVersion}, load ${loadBefore.join(' ')}`,
  );
  const results: Record<string, string | number | boolean> = {
    name: 'forecast',
    date: startedAt.toISOString(),
    command: 'npm run bench:forecast',
  };
  for (const run of RUNS) {
    const { report, seconds } = await backtest(run);
    console.log(`\n${formatReport(report)}\n(${seconds.toFixed(1)} s)`);
    Object.assign(results, flattenReport(run.key, report));
    // The path relative to the repository, not this machine's absolute one.
    if (report.data !== undefined)
      results[`${run.key}.data.file`] = relative(process.cwd(), report.data.file);
    results[`${run.key}.seconds`] = Math.round(seconds * 10) / 10;
  }
  const loadAfter = loadAverages();
  const path = writeResults('forecast', {
    ...results,
    ...machine,
    loadAverage1mBefore: loadBefore[0] ?? 0,
    loadAverage1mAfter: loadAfter[0] ?? 0,
    totalSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  } satisfies BenchResults);
  console.log(`\nfigures written to ${path}`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
