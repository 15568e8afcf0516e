import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import type { MilpSolver } from '../../../../../domain/optimisation/milp-solver.port.js';
import { parsePortfolioCase } from '../../../../../domain/optimisation/portfolio/case-validation.js';
import type {
  EssAsset,
  PortfolioCase,
} from '../../../../../domain/optimisation/portfolio/portfolio-case.js';
import {
  solveCase,
  type OptimiserResult,
} from '../../../../../domain/optimisation/portfolio/solve-case.js';
import { battery, caseOf } from '../case-fixtures.js';
import { inProcessSolver } from '../in-process-solver.js';

let solver: MilpSolver;
beforeAll(async () => {
  solver = await inProcessSolver('glpk');
});

const GAP = 1e-4;
const options = { relativeGap: GAP, timeLimitSeconds: 60 };

/** Every battery's own limits, no charge and discharge at once, DR windows whole. */
const expectFeasible = (portfolioCase: PortfolioCase, result: OptimiserResult) => {
  const hours = portfolioCase.intervalMinutes / 60;
  for (const asset of portfolioCase.assets) {
    if (asset.kind === 'ess') {
      const ess: EssAsset = asset;
      let soc = ess.initialSocKwh;
      for (const interval of result.intervals) {
        const { chargeKw = 0, dischargeKw = 0, socKwh = NaN } = interval.assets[ess.id]!;
        expect(chargeKw).toBeGreaterThanOrEqual(0);
        expect(dischargeKw).toBeGreaterThanOrEqual(0);
        expect(chargeKw).toBeLessThanOrEqual(ess.chargeKw + 1e-6);
        expect(dischargeKw).toBeLessThanOrEqual(ess.dischargeKw + 1e-6);
        expect(Math.min(chargeKw, dischargeKw)).toBeLessThanOrEqual(1e-6);
        soc += hours * (chargeKw * ess.chargeEfficiency - dischargeKw / ess.dischargeEfficiency);
        expect(socKwh).toBeCloseTo(soc, 4);
        expect(soc).toBeGreaterThanOrEqual(ess.minSocKwh - 1e-6);
        expect(soc).toBeLessThanOrEqual(ess.maxSocKwh + 1e-6);
      }
      expect(soc).toBeGreaterThanOrEqual((ess.finalSocKwh ?? ess.initialSocKwh) - 1e-6);
    }
    if (asset.kind === 'dr_load') {
      const active = result.intervals.map((i) => (i.assets[asset.id]!.reductionKw ?? 0) > 0);
      const starts = active.filter((on, t) => on && (t === 0 || !active[t - 1])).length;
      expect(starts).toBeLessThanOrEqual(asset.maxActivationsPerDay);
      const on = active.filter(Boolean).length;
      if (on > 0) {
        expect(on * hours).toBeGreaterThanOrEqual(asset.minDurationHours - 1e-9);
        expect(on * hours).toBeLessThanOrEqual(asset.maxDurationHours + 1e-9);
      }
    }
  }
  for (const interval of result.intervals) {
    const net = interval.exportKw - interval.importKw;
    expect(net).toBeLessThanOrEqual((portfolioCase.gridExportLimitKw ?? Infinity) + 1e-6);
    expect(net).toBeGreaterThanOrEqual(-(portfolioCase.gridImportLimitKw ?? Infinity) - 1e-6);
  }
};

/** Three unlike batteries, PV over the export limit at midday, one DR load. */
const coupledCase = (prices: readonly number[], exportLimitKw: number, importLimitKw: number) => {
  const n = prices.length;
  const pv = prices.map((_, t) => Math.max(0, 40 * Math.sin((Math.PI * (t + 0.5)) / n)));
  return caseOf(
    prices,
    [
      battery({ id: 'a', chargeKw: 10, dischargeKw: 10, energyKwh: 20, maxSocKwh: 20 }),
      battery({
        id: 'b',
        chargeKw: 5,
        dischargeKw: 8,
        energyKwh: 30,
        maxSocKwh: 30,
        initialSocKwh: 10,
        chargeEfficiency: 0.9,
        dischargeEfficiency: 0.95,
      }),
      battery({ id: 'c', chargeKw: 20, dischargeKw: 20, energyKwh: 20, maxSocKwh: 18 }),
      { id: 'pv', kind: 'pv', forecastKw: pv, curtailable: true },
      { id: 'base', kind: 'load', forecastKw: prices.map(() => 3) },
      {
        id: 'dr',
        kind: 'dr_load',
        reductionKw: 6,
        minDurationHours: 2,
        maxDurationHours: 3,
        maxActivationsPerDay: 1,
        activationCostKrw: 100,
        allOrNothing: true,
      },
    ],
    { gridExportLimitKw: exportLimitKw, gridImportLimitKw: importLimitKw },
  );
};

describe('decomposition on the portfolio limits', () => {
  it('matches the monolithic optimum within the gap, with a bound above it', async () => {
    const prices = [50, 40, 30, 20, 20, 30, 60, 90, 120, 150, 140, 100];
    const portfolioCase = coupledCase(prices, 25, 20);
    const decomposed = await solveCase(portfolioCase, solver, {
      ...options,
      method: 'decomposed',
    });
    const monolithic = await solveCase(portfolioCase, solver, {
      ...options,
      method: 'monolithic',
    });
    expect(decomposed.decomposition).toBeDefined();
    expect(decomposed.decomposition!.bindingIntervals).toBeGreaterThan(0);
    expect(monolithic.decomposition).toBeUndefined();
    expect(decomposed.boundKrw!).toBeGreaterThanOrEqual(decomposed.objectiveKrw!);
    // Both bounds hold for the other's schedule, and the two optima agree within the gaps.
    expect(decomposed.boundKrw! + 1e-6).toBeGreaterThanOrEqual(monolithic.objectiveKrw!);
    expect(monolithic.boundKrw! + 1e-6).toBeGreaterThanOrEqual(decomposed.objectiveKrw!);
    expect(decomposed.objectiveKrw!).toBeGreaterThanOrEqual(
      monolithic.objectiveKrw! - 2 * GAP * Math.abs(monolithic.objectiveKrw!) - 1e-6,
    );
    expectFeasible(portfolioCase, decomposed);
  });

  it('keeps a valid bound and a feasible schedule at any prices and limits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 8, maxLength: 12 }),
        fc.integer({ min: 5, max: 60 }),
        fc.integer({ min: 5, max: 60 }),
        async (prices, exportLimitKw, importLimitKw) => {
          const portfolioCase = coupledCase(prices, exportLimitKw, importLimitKw);
          const decomposed = await solveCase(portfolioCase, solver, {
            ...options,
            method: 'decomposed',
          });
          const monolithic = await solveCase(portfolioCase, solver, {
            ...options,
            method: 'monolithic',
          });
          expect(decomposed.decomposition).toBeDefined();
          expect(decomposed.boundKrw! + 1e-6).toBeGreaterThanOrEqual(decomposed.objectiveKrw!);
          expect(decomposed.boundKrw! + 1e-6).toBeGreaterThanOrEqual(monolithic.objectiveKrw!);
          expectFeasible(portfolioCase, decomposed);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('solves reference instance vpp-s within 0.1 % of the monolithic optimum', async () => {
    const portfolioCase = parsePortfolioCase(
      JSON.parse(readFileSync('../shared/bench/instances/vpp-s.json', 'utf8')),
    );
    const decomposed = await solveCase(portfolioCase, solver, {
      relativeGap: 1e-3,
      method: 'decomposed',
    });
    expect(decomposed.decomposition).toBeDefined();
    expect(decomposed.gapPct!).toBeLessThanOrEqual(0.1);
    // The monolithic optimum (bench/RESULTS.md): 3,550,220.78 with a bound of 3,550,237.69.
    expect(decomposed.objectiveKrw!).toBeGreaterThanOrEqual(3_550_237.69 * (1 - 1e-3));
    expect(decomposed.boundKrw!).toBeGreaterThanOrEqual(3_550_220.78);
    expectFeasible(portfolioCase, decomposed);
  });

  it('leaves cases it does not fit to the monolithic model, saying why', async () => {
    const twoScenarios = caseOf([10, 100], [battery()], {
      priceScenarios: [
        { probability: 0.5, importPricesKrwPerKwh: [10, 100], exportPricesKrwPerKwh: [10, 100] },
        { probability: 0.5, importPricesKrwPerKwh: [20, 90], exportPricesKrwPerKwh: [20, 90] },
      ],
      importPricesKrwPerKwh: undefined,
      exportPricesKrwPerKwh: undefined,
    });
    const result = await solveCase(twoScenarios, solver, options);
    expect(result.decomposition).toBeUndefined();
    expect(result.monolithicBecause).toBe('several price scenarios');
    expect(result.status).toBe('optimal');
  });

  it('keeps small portfolios on the monolithic model unless asked to decompose', async () => {
    const portfolioCase = coupledCase([50, 40, 30, 20, 60, 90, 120, 150], 25, 20);
    const result = await solveCase(portfolioCase, solver, options);
    expect(result.decomposition).toBeUndefined();
    expect(result.monolithicBecause).toMatch(/below 30 the monolithic model is faster/);
  });

  it('decomposes with HiGHS when asked (its LP duals price the subproblems); auto keeps its whole model', async () => {
    const highs = await inProcessSolver('highs');
    const prices = [50, 40, 30, 20, 20, 30, 60, 90, 120, 150, 140, 100];
    const portfolioCase = coupledCase(prices, 25, 20);
    const decomposed = await solveCase(portfolioCase, highs, { ...options, method: 'decomposed' });
    const byGlpk = await solveCase(portfolioCase, solver, { ...options, method: 'decomposed' });
    expect(decomposed.decomposition).toBeDefined();
    expect(decomposed.boundKrw!).toBeGreaterThanOrEqual(decomposed.objectiveKrw!);
    // Each within the gap of the other's bound: the same optimum up to the gaps.
    expect(decomposed.boundKrw! + 1e-6).toBeGreaterThanOrEqual(byGlpk.objectiveKrw!);
    expect(decomposed.objectiveKrw!).toBeGreaterThanOrEqual(
      byGlpk.objectiveKrw! - 2 * GAP * Math.abs(byGlpk.objectiveKrw!) - 1e-6,
    );
    expectFeasible(portfolioCase, decomposed);
    const auto = await solveCase(portfolioCase, highs, options);
    expect(auto.decomposition).toBeUndefined();
    expect(auto.monolithicBecause).toMatch(/monolithic model is faster at every measured size/);
  });
});
