import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import type {
  AlignedHours,
  MethodHours,
} from '../../../src/forecasting/backtest/backtest-engine.js';
import {
  gainPct,
  loadMetrics,
  METRIC_SPECS,
  priceMetrics,
  pvMetrics,
} from '../../../src/forecasting/backtest/backtest-metrics.js';
import {
  buildReport,
  flattenReport,
  formatReport,
} from '../../../src/forecasting/backtest/backtest-report.js';

interface Hour {
  readonly day: string;
  readonly actual: number;
  readonly forecast: number;
}

const method = (point: readonly number[], quantiles?: MethodHours['quantiles']): MethodHours => ({
  name: 'm',
  parameters: {},
  point: Float64Array.from(point),
  ...(quantiles === undefined ? {} : { quantiles }),
  forecastHours: point.length,
});

/** Aligned hours built by hand (hour-ending 1, 2, ... within each day), one method 'model'. */
const aligned = (hours: readonly Hour[], extra: Partial<AlignedHours> = {}): AlignedHours => ({
  hours: hours.length,
  scoredHours: hours.length,
  skippedHours: 0,
  missingActualHours: 0,
  epochDays: Int32Array.from(hours, (h) => TradingDay.parse(h.day).epochDay),
  hourEndings: Uint8Array.from(hours, (_h, i) => (i % 24) + 1),
  actual: Float64Array.from(hours, (h) => h.actual),
  methods: { model: method(hours.map((h) => h.forecast)) },
  ...extra,
});

interface VectorCase {
  readonly id: string;
  readonly inputs: Record<string, unknown>;
  readonly expected: Record<string, unknown>;
}

const vectors = JSON.parse(
  readFileSync(
    join(process.cwd(), '..', 'shared', 'vectors', 'forecast_error_metrics.json'),
    'utf8',
  ),
) as { cases: VectorCase[] };
const vector = (id: string): VectorCase => vectors.cases.find((c) => c.id === id)!;

describe('PV metrics: the KPX scheme on MW series', () => {
  it('reproduces the shared vector kpx_style_day_8h (C = 1000 kW = 1 MW)', () => {
    const { inputs, expected } = vector('kpx_style_day_8h');
    const actualKwh = inputs['actual_kWh'] as number[];
    const forecastKwh = inputs['forecast_kWh'] as number[];
    const hours = actualKwh.map((a, i) => ({
      day: '2024-05-01',
      actual: a / 1000,
      forecast: forecastKwh[i]! / 1000,
    }));
    const data = aligned(hours);
    const metrics = pvMetrics(data, data.methods['model']!, 1);
    expect(metrics['incentiveKrw']).toBe(expected['settlement_KRW']);
    expect(metrics['kpxErrorPct']).toBeCloseTo(expected['mean_error_counted_pct'] as number, 9);
    expect(metrics['nmaePct']).toBeCloseTo(expected['nmae_10_pct'] as number, 9);
    expect(metrics['qualifyingHours']).toBe(6);
    // Tiers 4,4,3,3,0,4 on the qualifying hours: 3 in tier 1, 2 in tier 2.
    expect(metrics['tier1Hours']).toBe(3);
    expect(metrics['tier2Hours']).toBe(2);
    expect(metrics['incentiveTier1Krw']).toBe((100 + 300 + 200) * 4);
    expect(metrics['incentiveTier2Krw']).toBe((500 + 600) * 3);
  });

  it('an error of exactly 6 % is in the 6 % tier, even where floating point says 6.000000000000001', () => {
    const { inputs } = vector('kpx_style_float_boundary_trap');
    const data = aligned([
      {
        day: '2024-05-01',
        actual: (inputs['actual_kWh'] as number) / 1000,
        forecast: (inputs['forecast_kWh'] as number) / 1000,
      },
    ]);
    const metrics = pvMetrics(data, data.methods['model']!, 1);
    expect(metrics['tier1Hours']).toBe(1);
    expect(metrics['incentiveKrw']).toBe(411); // 102.8 kWh × 4 KRW = 411.2, whole won
  });

  it('uses the tiers in force on each day: 6 %/8 % before 2025-06-01, 4 %/6 % for solar from then', () => {
    // 500 kWh of 1000 kW at 5 % error: tier 1 before, tier 2 after; at exactly 6 %: tier 1, then tier 2.
    const data = aligned([
      { day: '2025-05-31', actual: 0.5, forecast: 0.55 },
      { day: '2025-05-31', actual: 0.5, forecast: 0.56 },
      { day: '2025-06-01', actual: 0.5, forecast: 0.55 },
      { day: '2025-06-01', actual: 0.5, forecast: 0.56 },
    ]);
    const metrics = pvMetrics(data, data.methods['model']!, 1);
    expect(metrics['tier1Hours']).toBe(2);
    expect(metrics['tier2Hours']).toBe(2);
    expect(metrics['incentiveTier1Krw']).toBe(2 * 500 * 4);
    expect(metrics['incentiveTier2Krw']).toBe(2 * 500 * 3);
  });

  it('scores nothing when no hour reaches 10 % of C, and says so with null', () => {
    const data = aligned([{ day: '2024-01-01', actual: 0.05, forecast: 0.5 }]);
    const metrics = pvMetrics(data, data.methods['model']!, 1);
    expect(metrics['kpxErrorPct']).toBeNull();
    expect(metrics['qualifyingHours']).toBe(0);
    expect(metrics['incentiveKrw']).toBe(0);
    expect(metrics['maeMw']).toBeCloseTo(0.45, 12);
  });
});

describe('price and load metrics', () => {
  const hours: Hour[] = [
    { day: '2024-01-01', actual: 100, forecast: 110 },
    { day: '2024-01-01', actual: 0, forecast: 5 },
    { day: '2024-01-01', actual: 200, forecast: 180 },
  ];

  it('price: MAE, RMSE, MAPE without the zero-price hour, and pinball only with quantiles', () => {
    const data = aligned(hours);
    const plain = priceMetrics(data, data.methods['model']!);
    expect(plain['maeKrwPerKwh']).toBeCloseTo(35 / 3, 12);
    expect(plain['rmseKrwPerKwh']).toBeCloseTo(Math.sqrt(525 / 3), 12);
    expect(plain['mapeHours']).toBe(2);
    expect(plain['mapePct']).toBeCloseTo(10, 12);
    expect(plain['pinballLoss']).toBeNull();
    const withMedian = method(
      hours.map((h) => h.forecast),
      { levels: [0.5], values: [Float64Array.from(hours, (h) => h.forecast)] },
    );
    // For the single level 0.5 the mean pinball loss is half the MAE.
    expect(priceMetrics(data, withMedian)['pinballLoss']).toBeCloseTo(35 / 6, 12);
  });

  it('load: NMAE is the MAE as a share of the mean load', () => {
    const data = aligned(hours);
    const metrics = loadMetrics(data, data.methods['model']!);
    expect(metrics['maeMw']).toBeCloseTo(35 / 3, 12);
    expect(metrics['nmaePct']).toBeCloseTo((35 / 300) * 100, 12);
  });

  it('the gain is positive when the model is better, whichever way the metric reads', () => {
    const mae = METRIC_SPECS.price.find((s) => s.key === 'maeKrwPerKwh')!;
    const incentive = METRIC_SPECS.pv.find((s) => s.key === 'incentiveKrw')!;
    expect(gainPct(mae, 8, 10)).toBeCloseTo(20, 12);
    expect(gainPct(mae, 12, 10)).toBeCloseTo(-20, 12);
    expect(gainPct(incentive, 120, 100)).toBeCloseTo(20, 12);
    expect(gainPct(mae, 8, null)).toBeNull();
    expect(gainPct(mae, 8, 0)).toBeNull();
  });
});

describe('the report', () => {
  const hours: Hour[] = [
    { day: '2024-01-01', actual: 100, forecast: 110 },
    { day: '2024-01-01', actual: 120, forecast: 118 },
  ];
  const data = aligned(hours, {
    hours: 24,
    skippedHours: 22,
    missingActualHours: 3,
    methods: {
      model: {
        ...method([110, 118], {
          levels: [0.1, 0.9],
          values: [Float64Array.of(90, 100), Float64Array.of(130, 140)],
        }),
        name: 'smp-model',
      },
      persistence: { ...method([90, 100]), name: 'persistence' },
      climatology: { ...method([130, 90]), name: 'climatology' },
    },
  });
  const report = buildReport(data, {
    kind: 'price',
    from: '2024-01-01',
    to: '2024-01-01',
    unit: 'KRW/kWh',
    market: 'jeju',
  });

  it('has the agreed shape, with units in the metric names and null for a baseline without quantiles', () => {
    expect(report).toMatchObject({
      kind: 'price',
      from: '2024-01-01',
      to: '2024-01-01',
      hours: 24,
      skippedHours: 22,
      market: 'jeju',
      model: { maeKrwPerKwh: 6, pinballLoss: expect.any(Number) },
      baselines: {
        persistence: { maeKrwPerKwh: 15, pinballLoss: null },
        climatology: { pinballLoss: null },
      },
      gainPct: { persistence: { maeKrwPerKwh: 60 } },
      methods: { model: { name: 'smp-model' } },
    });
  });

  it('flattens to one key per figure for bench/results', () => {
    const flat = flattenReport('price', report);
    expect(flat['price.model.maeKrwPerKwh']).toBe(6);
    expect(flat['price.baselines.persistence.pinballLoss']).toBe('n/a');
    expect(flat['price.skippedHours']).toBe(22);
  });

  it('prints a table of metrics by method with the gains', () => {
    const table = formatReport(report);
    expect(table).toContain('price (SMP jeju) 2024-01-01..2024-01-01, model smp-model');
    expect(table).toContain('24 hours: 2 scored, 22 skipped (3 without an actual value');
    expect(table).toMatch(
      /\| MAE \(KRW\/kWh\) +\| +6 \| +15 \| +30 \| +\+60\.0 % \| +\+80\.0 % \|/,
    );
  });
});
