import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  errorWithinPct,
  isKpxQualifyingHour,
  kpxHourlyErrorPct,
} from '../../../../domain/forecasting/metrics/kpx-error-rate.js';
import {
  microKrwToWholeKrw,
  settleKpxDay,
} from '../../../../domain/forecasting/metrics/kpx-daily-settlement.js';
import { evaluateKpxHour } from '../../../../domain/forecasting/metrics/kpx-hour-evaluation.js';
import {
  KPX_TIERS_ORIGINAL,
  KPX_TIERS_TIGHTENED,
  kpxIncentiveTiersFor,
} from '../../../../domain/forecasting/metrics/kpx-incentive-tiers.js';
import { summariseKpxDays } from '../../../../domain/forecasting/metrics/kpx-summary.js';
import { averageOfTwoSubmissions } from '../../../../domain/forecasting/metrics/two-submission-average.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';
import { expectDomainError } from '../../../support/expect-domain-error.js';

const day = (iso: string) => TradingDay.parse(iso);
const rateOf = (
  forecastKwh: number,
  actualKwh: number,
  capacityKw: number,
  tiers = KPX_TIERS_ORIGINAL,
) => {
  const hour = evaluateKpxHour(forecastKwh, actualKwh, capacityKw, tiers);
  return hour.status === 'qualifying' ? hour.rateKrwPerKwh : 0;
};

describe('KPX incentive tiers by date and resource kind', () => {
  it.each([
    ['2025-05-31', 'solar', 'original-6-8'],
    ['2025-06-01', 'solar', 'tightened-4-6'],
    ['2025-06-01', 'wind', 'original-6-8'],
    ['2026-05-31', 'hybrid', 'original-6-8'],
    ['2026-06-01', 'wind', 'tightened-4-6'],
    ['2026-06-01', 'hybrid', 'tightened-4-6'],
    ['2020-01-01', 'solar', 'original-6-8'],
  ] as const)('%s %s -> %s', (iso, kind, regime) => {
    expect(kpxIncentiveTiersFor(day(iso), kind).regime).toBe(regime);
  });

  it('decides every tier boundary exactly in both regimes', () => {
    // 1000 kW: 40 / 60 / 80 kWh error are exactly 4 / 6 / 8 %.
    expect(rateOf(140, 100, 1000)).toBe(4);
    expect(rateOf(160, 100, 1000)).toBe(4);
    expect(rateOf(160.001, 100, 1000)).toBe(3);
    expect(rateOf(180, 100, 1000)).toBe(3);
    expect(rateOf(180.001, 100, 1000)).toBe(0);
    expect(rateOf(140, 100, 1000, KPX_TIERS_TIGHTENED)).toBe(4);
    expect(rateOf(140.001, 100, 1000, KPX_TIERS_TIGHTENED)).toBe(3);
    expect(rateOf(160, 100, 1000, KPX_TIERS_TIGHTENED)).toBe(3);
    expect(rateOf(160.001, 100, 1000, KPX_TIERS_TIGHTENED)).toBe(0);
    // Float traps on the other side: 0.1 + 0.2 style sums that land a hair over the boundary.
    expect(errorWithinPct(100.3, 100.1 + 0.2, 5, 0)).toBe(true);
    expect(isKpxQualifyingHour(0.1 + 0.2, 3)).toBe(true);
  });

  it('uses the tightened tiers for solar from 2025-06-01 in a settlement', () => {
    const input = {
      resourceKind: 'solar' as const,
      capacityKw: 1000,
      forecastKwh: [550],
      actualKwh: [500],
    };
    expect(settleKpxDay({ ...input, day: day('2025-05-31') }).settlementKrwRounded).toBe(2000);
    expect(settleKpxDay({ ...input, day: day('2025-06-01') }).settlementKrwRounded).toBe(1500);
  });

  it('skips missing hours and rejects bad input', () => {
    const settled = settleKpxDay({
      day: day('2024-06-03'),
      resourceKind: 'solar',
      capacityKw: 1000,
      forecastKwh: [Number.NaN, 500],
      actualKwh: [500, Number.NaN],
    });
    expect(settled.hours.map((h) => h.status)).toEqual(['missing', 'missing']);
    expect(settled.settlementMicroKrw).toBe(0);
    expectDomainError(() => kpxHourlyErrorPct(1, 1, 0), 'FORECAST.INVALID_INPUT');
    expectDomainError(
      () =>
        settleKpxDay({
          day: day('2024-06-03'),
          resourceKind: 'wind',
          capacityKw: 1,
          forecastKwh: [1],
          actualKwh: [],
        }),
      'FORECAST.INVALID_INPUT',
    );
    expectDomainError(() => errorWithinPct(1e8, 0, 1, 6), 'FORECAST.INVALID_INPUT');
  });

  it('rounds micro-won to whole won half away from zero', () => {
    expect(microKrwToWholeKrw(411_200_000)).toBe(411);
    expect(microKrwToWholeKrw(411_500_000)).toBe(412);
    expect(microKrwToWholeKrw(411_499_999)).toBe(411);
    expect(microKrwToWholeKrw(0)).toBe(0);
  });

  it('two-submission average is NaN where a submission is missing', () => {
    expect([...averageOfTwoSubmissions([10, Number.NaN], [20, 5])]).toEqual([15, Number.NaN]);
    expectDomainError(() => averageOfTwoSubmissions([1], []), 'FORECAST.INVALID_INPUT');
  });

  it('summarises many days: qualifying hours, mean error, incentive per tier', () => {
    const input = {
      resourceKind: 'solar' as const,
      capacityKw: 1000,
      actualKwh: [50, 100, 300, 500, 600, 400, 200, 90],
      forecastKwh: [80, 150, 360, 570, 680, 490, 150, 40],
    };
    const days = [
      settleKpxDay({ ...input, day: day('2024-06-03') }),
      settleKpxDay({ ...input, day: day('2024-06-04') }),
    ];
    const summary = summariseKpxDays(days);
    expect(summary.days).toBe(2);
    expect(summary.qualifyingHours).toBe(12);
    expect(summary.hoursByTier).toEqual({ tier1: 6, tier2: 4, none: 2 });
    expect(summary.meanErrorQualifyingPct).toBeCloseTo(20 / 3, 12);
    expect(summary.incentiveTier1Krw).toBe(4800);
    expect(summary.incentiveTier2Krw).toBe(6600);
    expect(summary.incentiveTotalKrw).toBe(11400);
    expect(Number.isNaN(summariseKpxDays([]).meanErrorQualifyingPct)).toBe(true);
  });
});

describe('KPX metric properties', () => {
  const kwhArb = fc.double({ min: 0, max: 100_000, noNaN: true, noDefaultInfinity: true });
  const capacityArb = fc.double({ min: 1, max: 100_000, noNaN: true, noDefaultInfinity: true });

  it('the error rate is never negative', () => {
    fc.assert(
      fc.property(kwhArb, kwhArb, capacityArb, (f, g, c) => {
        expect(kpxHourlyErrorPct(f, g, c)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('the tier rate never rises as the error grows', () => {
    fc.assert(
      fc.property(kwhArb, kwhArb, kwhArb, capacityArb, fc.boolean(), (g, d1, d2, c, tight) => {
        const tiers = tight ? KPX_TIERS_TIGHTENED : KPX_TIERS_ORIGINAL;
        const [small, large] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(rateOf(g + small, g, c, tiers)).toBeGreaterThanOrEqual(
          rateOf(g + large, g, c, tiers),
        );
      }),
    );
  });

  it('a daily settlement is never negative and equals Σ G_h × rate_h', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(kwhArb, kwhArb), { minLength: 1, maxLength: 24 }),
        capacityArb,
        (hours, c) => {
          const settled = settleKpxDay({
            day: day('2024-06-03'),
            resourceKind: 'solar',
            capacityKw: c,
            forecastKwh: hours.map(([f]) => f),
            actualKwh: hours.map(([, g]) => g),
          });
          expect(settled.settlementMicroKrw).toBeGreaterThanOrEqual(0);
          expect(settled.settlementKrwRounded).toBeGreaterThanOrEqual(0);
          const naive = settled.hours.reduce(
            (sum, h, i) =>
              sum + (h.status === 'qualifying' ? (hours[i]?.[1] ?? 0) * h.rateKrwPerKwh : 0),
            0,
          );
          expect(settled.settlementKrwFractional).toBeCloseTo(naive, 3);
        },
      ),
    );
  });
});
