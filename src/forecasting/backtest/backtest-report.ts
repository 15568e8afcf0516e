import type { ForecastKind, SmpMarket } from '../data-files/kpx-data-files.js';
import type { AlignedHours } from './backtest-engine.js';
import {
  gainPct,
  loadMetrics,
  METRIC_SPECS,
  priceMetrics,
  pvMetrics,
  type MethodMetrics,
  type MetricValue,
} from './backtest-metrics.js';

/** The keys under which the engine runs the three methods. */
export const BASELINE_KEYS = ['persistence', 'climatology'] as const;
export type BaselineKey = (typeof BASELINE_KEYS)[number];

export interface BacktestDataFacts {
  readonly file: string;
  readonly column: string;
  readonly firstDay: string;
  readonly lastDay: string;
  /** Hours of the whole file without a value (absent rows and empty cells). */
  readonly gapHours: number;
}

/** What `gridfolio forecast backtest --json` prints and `--out` writes. */
export interface BacktestReport {
  readonly kind: ForecastKind;
  readonly from: string;
  readonly to: string;
  readonly hours: number;
  readonly skippedHours: number;
  readonly model: MethodMetrics;
  readonly baselines: Readonly<Record<BaselineKey, MethodMetrics>>;
  readonly scoredHours: number;
  readonly missingActualHours: number;
  /** The model's gain over each baseline per metric, in %, positive when the model is better. */
  readonly gainPct: Readonly<Record<BaselineKey, Readonly<Record<string, MetricValue>>>>;
  /** Name and parameters of every method, so that a result can be traced to its settings. */
  readonly methods: Readonly<
    Record<
      'model' | BaselineKey,
      {
        readonly name: string;
        readonly parameters: Readonly<Record<string, string | number | boolean>>;
      }
    >
  >;
  readonly unit: string;
  readonly market?: SmpMarket;
  readonly capacityMw?: number;
  readonly data?: BacktestDataFacts;
}

export interface ReportContext {
  readonly kind: ForecastKind;
  readonly from: string;
  readonly to: string;
  readonly unit: string;
  readonly market?: SmpMarket;
  /** Required for PV: the capacity C of the KPX error rate. */
  readonly capacityMw?: number;
  readonly data?: BacktestDataFacts;
}

// Four decimals are far below any difference that matters between methods, and keep JSON readable.
const rounded = (value: MetricValue): MetricValue =>
  value === null || Number.isInteger(value) ? value : Math.round(value * 1e4) / 1e4;

const roundAll = (metrics: MethodMetrics): MethodMetrics =>
  Object.fromEntries(Object.entries(metrics).map(([key, value]) => [key, rounded(value)]));

/** Scores the aligned hours of a run of `model`, `persistence` and `climatology`. */
export const buildReport = (aligned: AlignedHours, context: ReportContext): BacktestReport => {
  const metricsOf = (key: 'model' | BaselineKey): MethodMetrics => {
    const method = aligned.methods[key];
    if (method === undefined) throw new Error(`the backtest ran no method "${key}"`);
    switch (context.kind) {
      case 'pv':
        if (context.capacityMw === undefined) throw new Error('a PV backtest needs capacityMw');
        return pvMetrics(aligned, method, context.capacityMw);
      case 'price':
        return priceMetrics(aligned, method);
      case 'load':
        return loadMetrics(aligned, method);
    }
  };
  const model = metricsOf('model');
  const baselines = {
    persistence: metricsOf('persistence'),
    climatology: metricsOf('climatology'),
  };
  const gains = (baseline: MethodMetrics): Record<string, MetricValue> =>
    Object.fromEntries(
      METRIC_SPECS[context.kind]
        .filter((spec) => spec.better !== 'none')
        .map((spec) => [
          spec.key,
          rounded(gainPct(spec, model[spec.key] ?? null, baseline[spec.key] ?? null)),
        ]),
    );
  const describe = (key: 'model' | BaselineKey) => ({
    name: aligned.methods[key]!.name,
    parameters: aligned.methods[key]!.parameters,
  });
  return {
    kind: context.kind,
    from: context.from,
    to: context.to,
    hours: aligned.hours,
    skippedHours: aligned.skippedHours,
    model: roundAll(model),
    baselines: {
      persistence: roundAll(baselines.persistence),
      climatology: roundAll(baselines.climatology),
    },
    scoredHours: aligned.scoredHours,
    missingActualHours: aligned.missingActualHours,
    gainPct: {
      persistence: gains(baselines.persistence),
      climatology: gains(baselines.climatology),
    },
    methods: {
      model: describe('model'),
      persistence: describe('persistence'),
      climatology: describe('climatology'),
    },
    unit: context.unit,
    ...(context.market === undefined ? {} : { market: context.market }),
    ...(context.capacityMw === undefined ? {} : { capacityMw: context.capacityMw }),
    ...(context.data === undefined ? {} : { data: context.data }),
  };
};

const formatValue = (value: MetricValue | undefined): string => {
  if (value === null || value === undefined) return 'n/a';
  return Number.isInteger(value)
    ? value.toLocaleString('en-US')
    : value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
};

const formatGain = (value: MetricValue | undefined): string =>
  value === null || value === undefined ? '' : `${value >= 0 ? '+' : ''}${value.toFixed(1)} %`;

/** The report as a Markdown table (metrics × methods, then the model's gain over each baseline). */
export const formatReport = (report: BacktestReport): string => {
  const subject =
    report.kind === 'price'
      ? `price (SMP ${report.market ?? 'mainland'})`
      : report.kind === 'pv'
        ? `pv (C = ${formatValue(report.capacityMw ?? null)} MW)`
        : 'load';
  const intro = [
    `forecast backtest ${subject} ${report.from}..${report.to}, model ${report.methods.model.name}`,
    `${report.hours.toLocaleString('en-US')} hours: ${report.scoredHours.toLocaleString('en-US')} scored, ` +
      `${report.skippedHours.toLocaleString('en-US')} skipped ` +
      `(${report.missingActualHours.toLocaleString('en-US')} without an actual value, the rest without a forecast from every method)`,
  ];
  const header = [
    'metric',
    'model',
    'persistence',
    'climatology',
    'gain vs persistence',
    'gain vs climatology',
  ];
  const cells = METRIC_SPECS[report.kind].map((spec) => [
    spec.label,
    formatValue(report.model[spec.key]),
    formatValue(report.baselines.persistence[spec.key]),
    formatValue(report.baselines.climatology[spec.key]),
    formatGain(report.gainPct.persistence[spec.key]),
    formatGain(report.gainPct.climatology[spec.key]),
  ]);
  const widths = header.map((title, c) =>
    Math.max(title.length, ...cells.map((row) => row[c]!.length)),
  );
  const line = (values: readonly string[]): string =>
    `| ${values.map((value, c) => (c === 0 ? value.padEnd(widths[c]!) : value.padStart(widths[c]!))).join(' | ')} |`;
  const rule = `|${widths.map((width, c) => (c === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  return [...intro, '', line(header), rule, ...cells.map(line)].join('\n');
};

/** Flat keys such as `pv.model.kpxErrorPct`, for bench/results (one key per figure). */
export const flattenReport = (
  prefix: string,
  report: BacktestReport,
): Record<string, string | number | boolean> => {
  const flat: Record<string, string | number | boolean> = {};
  const put = (key: string, value: unknown): void => {
    if (value === undefined) return;
    // A metric that does not exist for a method (pinball loss without quantiles) stays visible.
    if (value === null) flat[key] = 'n/a';
    else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) put(`${key}.${k}`, v);
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      flat[key] = value;
  };
  put(prefix, report);
  return flat;
};
