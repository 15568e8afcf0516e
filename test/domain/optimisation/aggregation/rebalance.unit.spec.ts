import { beforeAll, describe, expect, it } from '@jest/globals';
import { solveAggregated } from '../../../../domain/optimisation/aggregation/solve-aggregated.js';
import type { MilpSolver } from '../../../../domain/optimisation/milp-solver.port.js';
import { validatePortfolioCase } from '../../../../domain/optimisation/portfolio/case-validation.js';
import { inProcessSolver } from '../portfolio/in-process-solver.js';

let solver: MilpSolver;
beforeAll(async () => {
  solver = await inProcessSolver('glpk');
});

const INTERVALS = 8;
const sunKw = (peakKw: number): number[] =>
  Array.from({ length: INTERVALS }, (_, t) =>
    Math.max(0, peakKw * Math.sin((Math.PI * (t + 0.5)) / INTERVALS)),
  );
const wholeDr = (id: string, reductionKw: number) => ({
  id,
  kind: 'dr_load',
  reductionKw,
  minDurationHours: 1,
  maxDurationHours: 2,
  maxActivationsPerDay: 1,
  noticeMinutes: 60,
  activationCostKrw: 20 * reductionKw,
  energyCostKrwPerKwh: 30,
  allOrNothing: true,
});
const fuelCell = (id: string, initialOutputKw: number) => ({
  id,
  kind: 'fuel_cell',
  ratedKw: 20,
  minStableKw: 8,
  rampKwPerInterval: 8,
  fuelCostKrwPerKwh: 150,
  startCostKrw: 500,
  initialOutputKw,
});
const twoScenarios = (prices: readonly number[]) =>
  [0.6, 1.3].map((level) => ({
    probability: 0.5,
    importPricesKrwPerKwh: prices.map((p) => p * level + 1),
    exportPricesKrwPerKwh: prices.map((p) => p * level),
  }));

describe('the aggregated solve after its first pass', () => {
  it('keeps the export limit when whole DR loads and fuel cells cannot follow their fleet', async () => {
    // Found by the bound property (seed -1586294822): whole DR loads joined a window beyond its
    // share and fuel cells ran at their minimum, so the members' sum exported 37.8 kW over a
    // 27 kW limit, and the objective valued on it came out above the proven bound.
    const portfolioCase = validatePortfolioCase({
      intervalMinutes: 60,
      priceScenarios: twoScenarios(
        [98.4, 81.6, 86.4, 36.6, 45.6, 64.2, 113.4, 56.4].map((p) => p / 0.6),
      ),
      gridExportLimitKw: 27,
      assets: [
        { id: 'pv-0', kind: 'pv', forecastKw: sunKw(49.4), curtailable: true },
        wholeDr('dr-0', 28.017),
        wholeDr('dr-1', 24.928),
        wholeDr('dr-2', 13.997),
        fuelCell('fc-0', 8),
        fuelCell('fc-1', 0),
        fuelCell('fc-2', 8),
      ],
    });
    const result = await solveAggregated(portfolioCase, solver, { timeLimitSeconds: 30 });

    expect(result.perDerViolations).toBe(0);
    expect(result.portfolioViolations).toEqual([]);
    expect(result.feasible).toBe(true);
    for (const scenario of result.netPositionKw)
      for (const kw of scenario) expect(kw).toBeLessThanOrEqual(27 + 1e-6);
    expect(result.objectiveKrw!).toBeLessThanOrEqual(result.boundKrw! * (1 + 1e-9));
  });

  it('lets batteries take up what whole DR loads did not follow, keeping the bid-curve link', async () => {
    const prices = [60, 70, 180, 190, 200, 120, 90, 80];
    const portfolioCase = validatePortfolioCase({
      intervalMinutes: 60,
      priceScenarios: twoScenarios(prices),
      gridExportLimitKw: 40,
      gridImportLimitKw: 40,
      assets: [
        wholeDr('dr-0', 17),
        wholeDr('dr-1', 11),
        ...[0, 1].map((i) => ({
          id: `ess-${i}`,
          kind: 'ess',
          chargeKw: 15,
          dischargeKw: 15,
          energyKwh: 40,
          chargeEfficiency: 0.95,
          dischargeEfficiency: 0.95,
          initialSocKwh: 20,
          minSocKwh: 4,
          maxSocKwh: 40,
          finalSocKwh: 20,
          degradationCostKrwPerKwh: 3,
        })),
      ],
    });
    const result = await solveAggregated(portfolioCase, solver, { timeLimitSeconds: 30 });

    expect(result.feasible).toBe(true);
    expect(result.perDerViolations).toBe(0);
    // The DR fleet left something unfollowed, and a later pass re-planned the batteries.
    expect(result.deficitKwhByKind.dr_load ?? 0).toBeGreaterThan(0);
    expect(result.rebalances.length).toBeGreaterThan(0);
    expect(result.rebalances[0]!.status).toBe('optimal');
    expect(result.deficitKwh).toBeLessThan(1e-6);
    // Net position never falls as the price rises (scenario 1 is dearer in every interval).
    const [low, high] = result.netPositionKw;
    for (let t = 0; t < INTERVALS; t++) expect(low![t]!).toBeLessThanOrEqual(high![t]! + 1e-6);
    expect(result.objectiveKrw!).toBeLessThanOrEqual(result.boundKrw! * (1 + 1e-9));
  });
});
