import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { flatClearnessOutlook } from '../../../../domain/forecasting/pv/clearness.js';
import { PlaneOfArrayCache } from '../../../../domain/forecasting/pv/plane-of-array-cache.js';
import {
  forecastPvFleet,
  forecastPvPlant,
} from '../../../../domain/forecasting/pv/pv-fleet-forecast.js';
import {
  pvPlantWithDefaults,
  type PvPlantSpec,
} from '../../../../domain/forecasting/pv/pv-plant.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';
import { kw } from '../../../../domain/shared/units.js';
import { expectDomainError } from '../../../support/expect-domain-error.js';

const DAY = TradingDay.parse('2024-05-15');
const OUTLOOK = flatClearnessOutlook([0.4, 0.8, 1.05]);
const plant = (over: Partial<PvPlantSpec> = {}): PvPlantSpec => ({
  ...pvPlantWithDefaults({ capacityKwp: kw(100) }),
  ...over,
});
const total = (values: Float64Array): number => values.reduce((a, b) => a + b, 0);

const plantArbitrary = fc.record({
  capacityKwp: fc.double({ min: 0, max: 5000, noNaN: true }).map((v) => kw(v)),
  inverterKw: fc.double({ min: 0, max: 5000, noNaN: true }).map((v) => kw(v)),
  latitude: fc.double({ min: 33, max: 38.6, noNaN: true }),
  longitude: fc.double({ min: 125, max: 130, noNaN: true }),
  tiltDeg: fc.double({ min: 0, max: 90, noNaN: true }),
  azimuthDeg: fc.double({ min: 0, max: 359, noNaN: true }),
});

describe('forecastPvFleet / forecastPvPlant', () => {
  it('produces nothing at night and something at noon', () => {
    const { energyKwh } = forecastPvPlant({
      day: DAY,
      intervalMinutes: 60,
      plant: plant(),
      outlook: OUTLOOK,
    });
    const median = energyKwh[1] as Float64Array;
    for (const h of [0, 1, 2, 3, 4, 20, 21, 22, 23]) expect(median[h]).toBe(0);
    expect(median[12]).toBeGreaterThan(40);
  });

  it('never exceeds the inverter: a 2:1 DC/AC plant clips flat at noon', () => {
    const clipped = forecastPvPlant({
      day: DAY,
      intervalMinutes: 15,
      plant: plant({ capacityKwp: kw(200), inverterKw: kw(100) }),
      outlook: OUTLOOK,
    });
    const high = clipped.energyKwh[2] as Float64Array;
    for (const value of high) expect(value).toBeLessThanOrEqual(100 * 0.25 + 1e-9);
    expect(high[12 * 4]).toBeCloseTo(25, 6);
  });

  it('15-minute intervals sum to the hourly forecast', () => {
    const plants = [plant(), plant({ capacityKwp: kw(300), inverterKw: kw(200), azimuthDeg: 250 })];
    const hourly = forecastPvFleet({ day: DAY, intervalMinutes: 60, plants, outlook: OUTLOOK });
    const quarter = forecastPvFleet({ day: DAY, intervalMinutes: 15, plants, outlook: OUTLOOK });
    hourly.energyKwh.forEach((row, k) => {
      for (let h = 0; h < 24; h++)
        expect(
          total((quarter.energyKwh[k] as Float64Array).subarray(h * 4, h * 4 + 4)),
        ).toBeCloseTo(row[h] ?? Number.NaN, 9);
    });
  });

  it('is deterministic and the fleet equals the sum of its plants', () => {
    const plants = [
      plant(),
      plant({ latitude: 35.1, longitude: 129.0, tiltDeg: 10 }),
      plant({ capacityKwp: kw(50), inverterKw: kw(30) }),
    ];
    const a = forecastPvFleet({ day: DAY, intervalMinutes: 60, plants, outlook: OUTLOOK });
    const b = forecastPvFleet({
      day: DAY,
      intervalMinutes: 60,
      plants,
      outlook: OUTLOOK,
      cache: new PlaneOfArrayCache(),
    });
    expect(a).toEqual(b);
    const single = plants.map((p) =>
      forecastPvPlant({ day: DAY, intervalMinutes: 60, plant: p, outlook: OUTLOOK }),
    );
    a.energyKwh.forEach((row, k) =>
      row.forEach((value, i) =>
        expect(value).toBeCloseTo(
          single.reduce((s, f) => s + ((f.energyKwh[k] as Float64Array)[i] ?? 0), 0),
          6,
        ),
      ),
    );
  });

  it('bounds: 0 ≤ energy ≤ min(capacity, inverter) × hours, and P10 ≤ P50 ≤ P90 (property)', () => {
    fc.assert(
      fc.property(
        fc.array(plantArbitrary, { minLength: 1, maxLength: 5 }),
        fc.constantFrom<60 | 15>(60, 15),
        (plants, minutes) => {
          const forecast = forecastPvFleet({
            day: DAY,
            intervalMinutes: minutes,
            plants,
            outlook: OUTLOOK,
          });
          const limit =
            plants.reduce((s, p) => s + Math.min(p.capacityKwp, p.inverterKw), 0) * (minutes / 60);
          const [p10, p50, p90] = forecast.energyKwh as [Float64Array, Float64Array, Float64Array];
          for (let i = 0; i < p50.length; i++) {
            expect(p10[i]).toBeGreaterThanOrEqual(0);
            expect(p90[i]).toBeLessThanOrEqual(limit + 1e-6);
            expect(p10[i]).toBeLessThanOrEqual((p50[i] ?? 0) + 1e-9);
            expect(p50[i]).toBeLessThanOrEqual((p90[i] ?? 0) + 1e-9);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('rejects bad plants and outlooks, naming the field', () => {
    const error = expectDomainError(
      () =>
        forecastPvFleet({
          day: DAY,
          intervalMinutes: 60,
          plants: [plant(), plant({ tiltDeg: 120 })],
          outlook: OUTLOOK,
        }),
      'FORECAST.INVALID_INPUT',
    );
    expect(error.field).toBe('plants[1].tiltDeg');
    expectDomainError(
      () =>
        forecastPvFleet({
          day: DAY,
          intervalMinutes: 60,
          plants: [plant()],
          outlook: flatClearnessOutlook([0.9, 0.5, 1]),
        }),
      'FORECAST.INVALID_INPUT',
    );
    expectDomainError(
      () =>
        forecastPvFleet({
          day: DAY,
          intervalMinutes: 30 as 60,
          plants: [plant()],
          outlook: OUTLOOK,
        }),
      'FORECAST.INVALID_INPUT',
    );
  });
});
