import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { MilpSolver } from '../../../../../domain/optimisation/milp-solver.port.js';
import { buildPortfolioModel } from '../../../../../domain/optimisation/portfolio/build-portfolio-model.js';
import { solveBattery } from '../../../../../domain/optimisation/portfolio/decomposition/battery-dp.js';
import type { EssAsset } from '../../../../../domain/optimisation/portfolio/portfolio-case.js';
import { battery, caseOf } from '../case-fixtures.js';
import { inProcessSolver } from '../in-process-solver.js';

let solver: MilpSolver;
beforeAll(async () => {
  solver = await inProcessSolver('glpk');
});

const batteryArbitrary = fc
  .record({
    chargeKw: fc.integer({ min: 1, max: 50 }),
    dischargeKw: fc.integer({ min: 1, max: 50 }),
    energyKwh: fc.integer({ min: 10, max: 200 }),
    chargeEfficiency: fc.double({ min: 0.7, max: 1, noNaN: true }),
    dischargeEfficiency: fc.double({ min: 0.7, max: 1, noNaN: true }),
    minShare: fc.double({ min: 0, max: 0.3, noNaN: true }),
    initialShare: fc.double({ min: 0, max: 1, noNaN: true }),
    degradation: fc.constantFrom(0, 3),
  })
  .map((b) => {
    // Rounded to 0.01 kWh: the simplex reads a SoC of ~1e-7 kWh as 0 (its tolerance), the
    // programme does not, and the comparison would be of tolerances.
    const min = Math.round(b.energyKwh * b.minShare * 100) / 100;
    const initial = Math.round((min + (b.energyKwh - min) * b.initialShare) * 100) / 100;
    return battery({
      chargeKw: b.chargeKw,
      dischargeKw: b.dischargeKw,
      energyKwh: b.energyKwh,
      chargeEfficiency: b.chargeEfficiency,
      dischargeEfficiency: b.dischargeEfficiency,
      minSocKwh: min,
      maxSocKwh: b.energyKwh,
      initialSocKwh: initial,
      degradationCostKrwPerKwh: b.degradation,
    });
  });

const pricesArbitrary = (negative: boolean) =>
  fc.array(fc.integer({ min: negative ? -60 : 0, max: 200 }), { minLength: 2, maxLength: 12 });

describe('battery dynamic programme', () => {
  it('equals the LP relaxation of the battery model (any prices)', async () => {
    await fc.assert(
      fc.asyncProperty(batteryArbitrary, pricesArbitrary(true), async (spec, prices) => {
        const portfolioCase = caseOf(prices, [spec]);
        const { model, index } = buildPortfolioModel(portfolioCase);
        const lp = await solver.solve(model);
        const asset = portfolioCase.assets[0] as EssAsset;
        const dp = solveBattery(
          asset,
          { priceKrwPerKwh: prices, hours: 1, tieBreakKrwPerKwh: index.tieBreakKrwPerKwh },
          'relaxed',
        );
        expect(lp.status).toBe('optimal');
        expect(dp).toBeDefined();
        expectClose(dp!.value, lp.objective!);
        checkFeasible(asset, dp!, 1);
      }),
      { numRuns: 60 },
    );
  });

  it('gives an exclusive schedule, optimal at non-negative prices, within a net box', async () => {
    await fc.assert(
      fc.asyncProperty(batteryArbitrary, pricesArbitrary(false), async (spec, prices) => {
        const portfolioCase = caseOf(prices, [spec]);
        const { model, index } = buildPortfolioModel(portfolioCase);
        const lp = await solver.solve(model);
        const asset = portfolioCase.assets[0] as EssAsset;
        const at = { priceKrwPerKwh: prices, hours: 1, tieBreakKrwPerKwh: index.tieBreakKrwPerKwh };
        const dp = solveBattery(asset, at, 'exclusive')!;
        expect(dp.exclusive).toBe(true);
        expectClose(dp.value, lp.objective!);
        checkFeasible(asset, dp, 1);
        // Half the unconstrained net power as a box: still inside it, and no better.
        const net = dp.dischargeKw.map((d, t) => d - dp.chargeKw[t]!);
        const box = {
          lowerKw: net.map((n) => Math.min(0, n / 2)),
          upperKw: net.map((n) => Math.max(0, n / 2)),
        };
        const boxed = solveBattery(asset, at, 'exclusive', box);
        if (boxed === undefined) return;
        checkFeasible(asset, boxed, 1);
        boxed.chargeKw.forEach((c, t) => {
          const n = boxed.dischargeKw[t]! - c;
          expect(n).toBeGreaterThanOrEqual(box.lowerKw[t]! - 1e-7);
          expect(n).toBeLessThanOrEqual(box.upperKw[t]! + 1e-7);
        });
        expect(boxed.value).toBeLessThanOrEqual(dp.value + 1e-6);
      }),
      { numRuns: 60 },
    );
  });
});

// The simplex's own tolerances (~1e-7 relative) on the LP side.
const expectClose = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-5 + 1e-7 * Math.abs(expected));

const checkFeasible = (
  asset: EssAsset,
  s: { chargeKw: Float64Array; dischargeKw: Float64Array; socKwh: Float64Array },
  hours: number,
) => {
  let soc = asset.initialSocKwh;
  s.chargeKw.forEach((c, t) => {
    const d = s.dischargeKw[t]!;
    expect(c).toBeGreaterThanOrEqual(-1e-9);
    expect(d).toBeGreaterThanOrEqual(-1e-9);
    expect(c).toBeLessThanOrEqual(asset.chargeKw + 1e-7);
    expect(d).toBeLessThanOrEqual(asset.dischargeKw + 1e-7);
    soc += hours * (c * asset.chargeEfficiency - d / asset.dischargeEfficiency);
    expect(s.socKwh[t]!).toBeCloseTo(soc, 6);
    expect(soc).toBeGreaterThanOrEqual(asset.minSocKwh - 1e-6);
    expect(soc).toBeLessThanOrEqual(asset.maxSocKwh + 1e-6);
  });
  expect(soc).toBeGreaterThanOrEqual((asset.finalSocKwh ?? asset.initialSocKwh) - 1e-6);
};
