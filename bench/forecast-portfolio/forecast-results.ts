import type { BenchResults } from '../support/bench-report.js';

/** Issue 4's target: one day of a 100,000-DER wholesale portfolio forecast in at most 10 s. */
export const FORECAST_PORTFOLIO_TARGET_SECONDS = 10;

export interface ForecastPortfolioRun {
  readonly quick: boolean;
  readonly derCount: number;
  readonly pvDerCount: number;
  readonly microVppCount: number;
  readonly intervalMinutes: number;
  readonly setupSeconds: number;
  readonly issueSeconds: number;
  readonly issueCpuSeconds: number;
  readonly reissueSeconds: number;
  readonly showSeconds: number;
  readonly derQuerySeconds: number;
  readonly seriesCount: number;
  readonly omittedCount: number;
  readonly eventDataMiB: number;
  readonly pvDayKwhP50: number;
  readonly outlookSource: string;
  readonly command: string;
  readonly startedAt: Date;
  readonly machine: Readonly<Record<string, string | number>>;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
}

const round = (value: number, digits = 2): number =>
  Math.round(value * 10 ** digits) / 10 ** digits;

export const passed = (run: ForecastPortfolioRun): boolean =>
  run.issueSeconds <= FORECAST_PORTFOLIO_TARGET_SECONDS;

/** A Markdown table: the timed issue first, with its target and verdict. */
export const forecastTable = (run: ForecastPortfolioRun): string => {
  const rows: [string, string, string, string][] = [
    [
      `forecast ${run.derCount.toLocaleString('en-US')} DERs, 1 day at ${run.intervalMinutes} min (tree + compute + append)`,
      `${round(run.issueSeconds)} s`,
      `<= ${FORECAST_PORTFOLIO_TARGET_SECONDS} s`,
      passed(run) ? 'PASS' : 'MISS',
    ],
    ['  of which CPU', `${round(run.issueCpuSeconds)} s`, '', ''],
    [
      'issue again, same inputs (idempotent, nothing appended)',
      `${round(run.reissueSeconds)} s`,
      '',
      '',
    ],
    ['read the version back (GET .../forecasts/:day)', `${round(run.showSeconds)} s`, '', ''],
    ['one PV DER derived on demand', `${round(run.derQuerySeconds, 3)} s`, '', ''],
    ['series stored (per micro-VPP and kind)', String(run.seriesCount), '', ''],
    ['micro-VPPs without load series (no meter)', String(run.omittedCount), '', ''],
    ['ForecastIssued data', `${round(run.eventDataMiB)} MiB`, '', ''],
    ['fleet build (not timed above)', `${round(run.setupSeconds, 1)} s`, '', ''],
  ];
  const widths = [0, 1, 2, 3].map((c) =>
    Math.max(...[['measure', 'figure', 'target', ''], ...rows].map((row) => row[c]!.length)),
  );
  const line = (row: readonly string[]): string =>
    `| ${row.map((cell, c) => (c === 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join(' | ')} |`;
  return [
    line(['measure', 'figure', 'target', '']),
    `|${widths.map((w, c) => (c === 1 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
};

/** Flat JSON: one key per figure, its unit in its name. */
export const forecastResults = (run: ForecastPortfolioRun): BenchResults => ({
  name: 'forecast-portfolio',
  mode: run.quick ? 'quick' : 'full',
  date: run.startedAt.toISOString(),
  command: run.command,
  forecastPortfolioSeconds: round(run.issueSeconds),
  targetSeconds: FORECAST_PORTFOLIO_TARGET_SECONDS,
  pass: passed(run),
  forecastPortfolioCpuSeconds: round(run.issueCpuSeconds),
  reissueSameInputsSeconds: round(run.reissueSeconds),
  showVersionSeconds: round(run.showSeconds),
  derOnDemandSeconds: round(run.derQuerySeconds, 4),
  derCount: run.derCount,
  pvDerCount: run.pvDerCount,
  microVppCount: run.microVppCount,
  intervalMinutes: run.intervalMinutes,
  seriesCount: run.seriesCount,
  omittedSeriesCount: run.omittedCount,
  eventDataMiB: round(run.eventDataMiB),
  pvDayKwhP50: round(run.pvDayKwhP50, 1),
  outlookSource: run.outlookSource,
  setupSeconds: round(run.setupSeconds, 1),
  ...run.machine,
  loadAverage1mBefore: run.loadBefore[0] ?? 0,
  loadAverage1mAfter: run.loadAfter[0] ?? 0,
});
