import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  isKpxQualifyingHour,
  kpxHourlyErrorPct,
} from '../../../../domain/forecasting/metrics/kpx-error-rate.js';
import { settleKpxDay } from '../../../../domain/forecasting/metrics/kpx-daily-settlement.js';
import type { KpxHourEvaluation } from '../../../../domain/forecasting/metrics/kpx-hour-evaluation.js';
import { summariseKpxDays } from '../../../../domain/forecasting/metrics/kpx-summary.js';
import { nmae10MultiPlantPct, nmae10Pct } from '../../../../domain/forecasting/metrics/nmae.js';
import { averageOfTwoSubmissions } from '../../../../domain/forecasting/metrics/two-submission-average.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';

interface VectorCase {
  readonly id: string;
  readonly inputs: Record<string, unknown>;
  readonly expected: Record<string, unknown>;
}

const vectors = JSON.parse(
  readFileSync(
    path.resolve(process.cwd(), '../shared/vectors/forecast_error_metrics.json'),
    'utf8',
  ),
) as { cases: VectorCase[] };

const caseById = (id: string): VectorCase => {
  const found = vectors.cases.find((c) => c.id === id);
  if (found === undefined) throw new Error(`vector case ${id} is missing`);
  return found;
};
const numbers = (value: unknown): number[] => value as number[];
const num = (value: unknown): number => value as number;

// The vectors use the original 6 %/8 % tiers: a solar day before 2025-06-01 selects them.
const ORIGINAL_TIER_DAY = TradingDay.parse('2024-06-03');

/** The vector lists a tier rate for every hour, 0 for hours the utilisation filter drops. */
const vectorRate = (hour: KpxHourEvaluation): number =>
  hour.status === 'qualifying' ? hour.rateKrwPerKwh : 0;

describe('forecast_error_metrics.json', () => {
  it('covers all four cases', () => {
    expect(vectors.cases.map((c) => c.id)).toEqual([
      'kpx_style_day_8h',
      'kpx_style_float_boundary_trap',
      'oibc_two_submission_average',
      'dacon_nmae10_multi_plant',
    ]);
  });

  it('kpx_style_day_8h: utilisation filter, error, tiers, settlement, mean error, NMAE-10', () => {
    const { inputs, expected } = caseById('kpx_style_day_8h');
    const capacityKw = num(inputs.capacity_kW);
    const actual = numbers(inputs.actual_kWh);
    const forecast = numbers(inputs.forecast_kWh);

    actual.forEach((g, h) => {
      expect(g / capacityKw).toBeCloseTo(numbers(expected.utilisation)[h] ?? Number.NaN, 12);
      expect(isKpxQualifyingHour(g, capacityKw)).toBe((expected.counted as boolean[])[h]);
      const error = kpxHourlyErrorPct(forecast[h] ?? Number.NaN, g, capacityKw);
      expect(Math.abs(error - (numbers(expected.error_pct)[h] ?? Number.NaN))).toBeLessThanOrEqual(
        1e-9,
      );
    });

    const day = settleKpxDay({
      day: ORIGINAL_TIER_DAY,
      resourceKind: 'solar',
      capacityKw,
      forecastKwh: forecast,
      actualKwh: actual,
    });
    expect(day.hours.map(vectorRate)).toEqual(expected.tier_KRW_per_kWh);
    expect(day.settlementKrwFractional).toBe(expected.settlement_KRW);
    expect(day.settlementKrwRounded).toBe(expected.settlement_KRW);

    const summary = summariseKpxDays([day]);
    expect(
      Math.abs(summary.meanErrorQualifyingPct - num(expected.mean_error_counted_pct)),
    ).toBeLessThanOrEqual(1e-9);
    const nmae = nmae10Pct(actual, forecast, capacityKw);
    expect(Math.abs(nmae.nmaePct - num(expected.nmae_10_pct))).toBeLessThanOrEqual(1e-9);
    expect(nmae.countedHours).toBe(6);
  });

  it('kpx_style_float_boundary_trap: exactly 6 % is the 4 KRW tier; 102.8 kWh × 4 = 411.2 KRW', () => {
    const { inputs, expected } = caseById('kpx_style_float_boundary_trap');
    // The trap is real: the naive float exceeds 6.
    expect(
      kpxHourlyErrorPct(num(inputs.forecast_kWh), num(inputs.actual_kWh), num(inputs.capacity_kW)),
    ).toBeGreaterThan(6);
    const day = settleKpxDay({
      day: ORIGINAL_TIER_DAY,
      resourceKind: 'solar',
      capacityKw: num(inputs.capacity_kW),
      forecastKwh: [num(inputs.forecast_kWh)],
      actualKwh: [num(inputs.actual_kWh)],
    });
    const [hour] = day.hours;
    expect(hour?.status === 'qualifying' ? hour.rateKrwPerKwh : undefined).toBe(
      expected.tier_KRW_per_kWh,
    );
    expect(hour?.status === 'qualifying' ? hour.errorPct : undefined).toBeCloseTo(
      num(expected.error_pct),
      12,
    );
    expect(day.settlementMicroKrw).toBe(411_200_000);
    expect(day.settlementKrwFractional).toBe(expected.settlement_KRW);
    expect(day.settlementKrwRounded).toBe(411);
  });

  it('oibc_two_submission_average: mean of the 10:00 and 17:00 submissions is what is settled', () => {
    const { inputs, expected } = caseById('oibc_two_submission_average');
    const forecast = averageOfTwoSubmissions(
      numbers(inputs.forecast_10h_kWh),
      numbers(inputs.forecast_17h_kWh),
    );
    expect([...forecast]).toEqual(expected.forecast_mean_kWh);
    const day = settleKpxDay({
      day: ORIGINAL_TIER_DAY,
      resourceKind: 'solar',
      capacityKw: num(inputs.capacity_kW),
      forecastKwh: forecast,
      actualKwh: numbers(inputs.actual_kWh),
    });
    expect(day.hours.map((h) => h.status === 'qualifying')).toEqual(expected.counted);
    day.hours.forEach((hour, h) => {
      const error = hour.status === 'missing' ? Number.NaN : hour.errorPct;
      expect(error).toBeCloseTo(numbers(expected.error_pct)[h] ?? Number.NaN, 12);
    });
    expect(day.hours.map(vectorRate)).toEqual(expected.tier_KRW_per_kWh);
    expect(day.settlementKrwRounded).toBe(expected.settlement_KRW);
    expect(day.settlementKrwFractional).toBe(expected.settlement_KRW);
  });

  it('dacon_nmae10_multi_plant: NMAE-10 of the summed plants with C_total and a filter on the sum', () => {
    const { inputs, expected } = caseById('dacon_nmae10_multi_plant');
    const capacities = Object.values(inputs.capacities_kW as Record<string, number>);
    const totalKw = capacities.reduce((a, b) => a + b, 0);
    expect(totalKw).toBe(expected.C_total_kW);
    const actual = numbers(inputs.actual_sum_kWh);
    const forecast = numbers(inputs.forecast_sum_kWh);
    expect(actual.map((y) => isKpxQualifyingHour(y, totalKw))).toEqual(expected.counted);
    const result = nmae10Pct(actual, forecast, totalKw);
    expect(Math.abs(result.nmaePct - num(expected.nmae_pct))).toBeLessThanOrEqual(1e-9);
    expect(result.countedHours).toBe(3);

    // The vector gives only sums; split them by capacity share (dyadic, so the sums stay exact) to
    // check that the multi-plant helper adds plants before filtering.
    const plants = capacities.map((capacityKw) => ({
      capacityKw,
      actualKwh: actual.map((y) => (y * capacityKw) / totalKw),
      forecastKwh: forecast.map((y) => (y * capacityKw) / totalKw),
    }));
    const multi = nmae10MultiPlantPct(plants);
    expect(Math.abs(multi.nmaePct - num(expected.nmae_pct))).toBeLessThanOrEqual(1e-9);
    expect(multi.countedHours).toBe(3);
  });
});
