import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { MilpSolver } from '../../../../domain/optimisation/milp-solver.port.js';
import { validatePortfolioCase } from '../../../../domain/optimisation/portfolio/case-validation.js';
import { solveCase } from '../../../../domain/optimisation/portfolio/solve-case.js';
import { battery, caseOf } from './case-fixtures.js';
import { inProcessSolver } from './in-process-solver.js';

let solver: MilpSolver;
beforeAll(async () => {
  solver = await inProcessSolver('glpk');
});

const TOL = 1e-6;

describe('batteries', () => {
  it('buys low and sells high, losing energy to efficiency', async () => {
    const result = await solveCase(
      caseOf(
        [10, 100],
        [battery({ chargeEfficiency: 0.9, dischargeEfficiency: 0.9, finalSocKwh: 0 })],
      ),
      solver,
    );
    expect(result.status).toBe('optimal');
    const [first, second] = result.intervals;
    expect(first!.assets['ess-1']).toMatchObject({ chargeKw: 10, dischargeKw: 0 });
    expect(first!.assets['ess-1']!.socKwh).toBeCloseTo(9, 6);
    // 9 kWh stored gives 8.1 kWh back at the grid.
    expect(second!.assets['ess-1']!.dischargeKw).toBeCloseTo(8.1, 6);
    expect(result.objectiveKrw).toBeCloseTo(8.1 * 100 - 10 * 10, 6);
    expect(result.boundKrw! + TOL).toBeGreaterThanOrEqual(result.objectiveKrw!);
  });

  it('keeps the final SoC at least the initial one by default', async () => {
    const result = await solveCase(caseOf([100, 10], [battery({ initialSocKwh: 10 })]), solver);
    // Selling first would leave the battery below 10 kWh: it must buy back at 10.
    expect(result.intervals[1]!.assets['ess-1']!.socKwh).toBeGreaterThanOrEqual(10 - TOL);
    expect(result.objectiveKrw).toBeCloseTo(10 * 100 - 10 * 10, 6);
  });

  it('respects SoC bounds', async () => {
    const result = await solveCase(
      caseOf([10, 10, 100, 100], [battery({ minSocKwh: 2, maxSocKwh: 15, initialSocKwh: 2 })]),
      solver,
    );
    const socs = result.intervals.map((i) => i.assets['ess-1']!.socKwh!);
    expect(Math.max(...socs)).toBeCloseTo(15, 6);
    expect(Math.min(...socs)).toBeGreaterThanOrEqual(2 - TOL);
    expect(result.objectiveKrw).toBeCloseTo(13 * 100 - 13 * 10, 6);
  });

  it('stays idle on flat prices even with lossless conversion (tie-break)', async () => {
    const result = await solveCase(
      caseOf([50, 50, 50, 50], [battery({ initialSocKwh: 5 })]),
      solver,
    );
    for (const interval of result.intervals) {
      expect(interval.assets['ess-1']).toMatchObject({ chargeKw: 0, dischargeKw: 0 });
      expect(interval.importKw + interval.exportKw).toBe(0);
    }
    expect(result.objectiveKrw).toBe(0);
  });

  it('burns energy with negative prices only under a mode binary per interval', async () => {
    // Full battery, paid to import: the relaxation charges and discharges at once to burn energy.
    const result = await solveCase(
      caseOf(
        [-50, -50, 10],
        [battery({ chargeEfficiency: 0.8, dischargeEfficiency: 0.8, initialSocKwh: 20 })],
      ),
      solver,
    );
    expect(result.lazy.rounds.length).toBeGreaterThan(1);
    expect(result.lazy.binaries).toBeGreaterThan(0);
    // Without burning, the best is a cycle: sell 6.4 kW at -50, buy back 10 kW at -50 (+180).
    expect(result.objectiveKrw).toBeCloseTo(50 * (10 - 6.4), 6);
    for (const interval of result.intervals) {
      const ess = interval.assets['ess-1']!;
      expect(ess.chargeKw === 0 || ess.dischargeKw === 0).toBe(true);
      expect(interval.importKw === 0 || interval.exportKw === 0).toBe(true);
    }
    expect(result.status).toBe('optimal');
  });
});

describe('meters', () => {
  it('never import and export at once, even where the export price is above the import price', async () => {
    const portfolioCase = validatePortfolioCase({
      intervalMinutes: 60,
      importPricesKrwPerKwh: [5, 5],
      exportPricesKrwPerKwh: [10, 10],
      assets: [battery()],
    });
    const result = await solveCase(portfolioCase, solver);
    expect(result.lazy.binaries).toBeGreaterThan(0);
    for (const interval of result.intervals)
      expect(interval.importKw === 0 || interval.exportKw === 0).toBe(true);
    // Not 10 kW in and out in both intervals (+100): charge 10 kW at 5, sell them at 10.
    expect(result.objectiveKrw).toBeCloseTo(50, 6);
  });
});

describe('PV', () => {
  const pv = { id: 'pv', kind: 'pv', forecastKw: [5, 5, 5], curtailable: true };
  it('curtails only when the export price is negative', async () => {
    const result = await solveCase(caseOf([10, -5, 1], [pv]), solver);
    expect(result.intervals.map((i) => i.assets.pv!.outputKw)).toEqual([5, 0, 5]);
  });
  it('cannot curtail a plant that is not curtailable', async () => {
    const result = await solveCase(caseOf([10, -5, 0], [{ ...pv, curtailable: false }]), solver);
    expect(result.intervals.map((i) => i.assets.pv!.outputKw)).toEqual([5, 5, 5]);
    expect(result.objectiveKrw).toBeCloseTo(50 - 25, 6);
  });
  it('curtails to the export limit and nets import and export at one meter', async () => {
    const result = await solveCase(
      caseOf([10, 10, 10], [pv, { id: 'load', kind: 'load', forecastKw: [1, 8, 0] }], {
        gridExportLimitKw: 3,
      }),
      solver,
    );
    expect(result.intervals.map((i) => [i.importKw, i.exportKw])).toEqual([
      [0, 3],
      [3, 0],
      [0, 3],
    ]);
  });
});

describe('demand response', () => {
  const dr = (overrides: Record<string, unknown> = {}) => ({
    id: 'dr',
    kind: 'dr_load',
    reductionKw: 10,
    minDurationHours: 2,
    maxDurationHours: 3,
    maxActivationsPerDay: 1,
    activationCostKrw: 100,
    allOrNothing: true,
    ...overrides,
  });
  const active = (result: Awaited<ReturnType<typeof solveCase>>) =>
    result.intervals.map((i): number => (i.assets.dr!.reductionKw! > 0 ? 1 : 0));

  it('activates for the best window within the duration limits', async () => {
    const result = await solveCase(caseOf([1, 50, 50, 50, 50, 1], [dr()]), solver);
    expect(active(result).reduce((a, b) => a + b, 0)).toBe(3);
    expect(result.objectiveKrw).toBeCloseTo(3 * 10 * 50 - 100, 6);
  });
  it('needs at least the minimum duration to pay', async () => {
    const result = await solveCase(
      caseOf([1, 50, 1, 1, 1, 1], [dr({ activationCostKrw: 600 })]),
      solver,
    );
    expect(active(result)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(result.objectiveKrw).toBe(0);
  });
  it('keeps to the activations per day and separates them', async () => {
    // Touching windows would be one activation of 4 h: the -10 intervals must separate them.
    const prices = [50, 50, -10, 50, 50, -10, 50, 50];
    const two = await solveCase(caseOf(prices, [dr({ maxActivationsPerDay: 2 })]), solver);
    expect(active(two).reduce((a, b) => a + b, 0)).toBe(4);
    expect(two.objectiveKrw).toBeCloseTo(2 * (2 * 10 * 50 - 100), 6);
    const one = await solveCase(caseOf(prices, [dr()]), solver);
    expect(active(one).reduce((a, b) => a + b, 0)).toBe(2);
  });
  it('limits the hours per day and waits for the notice', async () => {
    const prices = [90, 90, 50, 50, 50, 50];
    const result = await solveCase(
      caseOf(prices, [dr({ maxActivationsPerDay: 2, maxHoursPerDay: 2, noticeMinutes: 120 })]),
      solver,
    );
    expect(active(result).slice(0, 2)).toEqual([0, 0]);
    expect(active(result).reduce((a, b) => a + b, 0)).toBe(2);
  });
  it('reduces partly when divisible and paid per kWh', async () => {
    const result = await solveCase(
      caseOf([50, 50, 50], [dr({ allOrNothing: false, energyCostKrwPerKwh: 20 })], {
        gridExportLimitKw: 4,
      }),
      solver,
    );
    const reductions = result.intervals.map((i) => i.assets.dr!.reductionKw!);
    expect(Math.max(...reductions)).toBeCloseTo(4, 6);
    expect(result.objectiveKrw).toBeCloseTo(3 * 4 * (50 - 20) - 100, 6);
  });
});

describe('EV charging', () => {
  const ev = (overrides: Record<string, unknown> = {}) => ({
    id: 'ev',
    kind: 'ev_charger',
    maxChargeKw: 7,
    maxDischargeKw: 7,
    efficiency: 1,
    sessions: [
      {
        arrivalInterval: 1,
        departureInterval: 4,
        energyOnArrivalKwh: 10,
        energyRequiredKwh: 17,
        batteryKwh: 40,
      },
    ],
    ...overrides,
  });
  it('reaches the required energy by departure in the cheapest interval', async () => {
    const result = await solveCase(caseOf([1, 30, 10, 20, 1], [ev({ maxDischargeKw: 0 })]), solver);
    expect(result.intervals.map((i) => i.assets.ev!.chargeKw)).toEqual([0, 0, 7, 0, 0]);
    expect(result.intervals[3]!.assets.ev!.socKwh).toBeCloseTo(17, 6);
  });
  it('discharges to the grid (V2G) when it pays and still leaves with enough', async () => {
    const result = await solveCase(caseOf([1, 100, 10, 10, 1], [ev()]), solver);
    expect(result.intervals[1]!.assets.ev!.dischargeKw).toBeCloseTo(7, 6);
    expect(result.intervals[3]!.assets.ev!.socKwh).toBeGreaterThanOrEqual(17 - TOL);
  });
});

describe('fuel cells', () => {
  const cell = (overrides: Record<string, unknown> = {}) => ({
    id: 'fc',
    kind: 'fuel_cell',
    ratedKw: 10,
    minStableKw: 4,
    rampKwPerInterval: 3,
    fuelCostKrwPerKwh: 50,
    startCostKrw: 0,
    ...overrides,
  });
  const output = (result: Awaited<ReturnType<typeof solveCase>>) =>
    result.intervals.map((i) => Number(i.assets.fc!.outputKw!.toFixed(6)));

  it('starts at its minimum, ramps, and keeps to min stable output', async () => {
    const result = await solveCase(caseOf([40, 100, 100, 100, 40], [cell()]), solver);
    const p = output(result);
    for (let t = 0; t < p.length; t++) {
      expect(p[t] === 0 || p[t]! >= 4 - TOL).toBe(true);
      if (t > 0 && p[t - 1]! > 0 && p[t]! > 0)
        expect(Math.abs(p[t]! - p[t - 1]!)).toBeLessThanOrEqual(3 + TOL);
    }
    expect(p[1]).toBeGreaterThan(0);
  });
  it('stays off when the start cost outweighs the margin', async () => {
    const result = await solveCase(
      caseOf([40, 60, 40], [cell({ startCostKrw: 1000, rampKwPerInterval: 10 })]),
      solver,
    );
    expect(output(result)).toEqual([0, 0, 0]);
    const cheap = await solveCase(
      caseOf([40, 60, 40], [cell({ startCostKrw: 50, rampKwPerInterval: 10 })]),
      solver,
    );
    expect(output(cheap)).toEqual([0, 10, 0]);
    expect(cheap.objectiveKrw).toBeCloseTo(10 * (60 - 50) - 50, 6);
  });
});

describe('stochastic bidding', () => {
  const scenarios = (prices: readonly (readonly number[])[], probabilities: readonly number[]) =>
    validatePortfolioCase({
      intervalMinutes: 60,
      priceScenarios: prices.map((p, s) => ({
        probability: probabilities[s],
        importPricesKrwPerKwh: p,
        exportPricesKrwPerKwh: p,
      })),
      assets: [battery({ initialSocKwh: 10 })],
    });

  it('gives net positions monotone in price per interval and matching bid curves', async () => {
    const portfolioCase = scenarios(
      [
        [40, 60, 30, 90],
        [70, 20, 50, 80],
        [55, 45, 100, 10],
      ],
      [0.3, 0.3, 0.4],
    );
    const result = await solveCase(portfolioCase, solver, { maxSegments: 2 });
    expect(result.status).toBe('optimal');
    const schedules = result.scenarioSchedules!;
    for (let t = 0; t < 4; t++) {
      const points = schedules
        .map((s) => ({
          price: portfolioCase.scenarios[s.scenario]!.exportPricesKrwPerKwh[t]!,
          net: s.netPositionKw[t]!,
        }))
        .sort((a, b) => a.price - b.price);
      for (let k = 1; k < points.length; k++)
        expect(points[k]!.net).toBeGreaterThanOrEqual(points[k - 1]!.net - TOL);
      const bid = result.bidCurves![t]!;
      expect(bid.sell.length).toBeLessThanOrEqual(2);
      expect(bid.buy.length).toBeLessThanOrEqual(2);
    }
    const expected = schedules.reduce((sum, s) => sum + s.probability * s.objectiveKrw, 0);
    expect(result.objectiveKrw).toBeCloseTo(expected, 6);
  });
});

describe('schedules (property)', () => {
  it('keep SoC within bounds, balance energy and meters, and never import and export at once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -20, max: 200 }), { minLength: 3, maxLength: 8 }),
        fc.double({ min: 0.7, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 8, maxLength: 8 }),
        async (prices, eta, initial, pvShape) => {
          const forecast = prices.map((_, t) => pvShape[t]!);
          const portfolioCase = caseOf(
            prices,
            [
              battery({
                initialSocKwh: initial,
                minSocKwh: 0,
                maxSocKwh: 20,
                chargeEfficiency: eta,
                dischargeEfficiency: eta,
              }),
              { id: 'pv', kind: 'pv', forecastKw: forecast, curtailable: true },
              { id: 'load', kind: 'load', forecastKw: prices.map(() => 3) },
            ],
            { gridExportLimitKw: 15, gridImportLimitKw: 15 },
          );
          const result = await solveCase(portfolioCase, solver);
          expect(result.status).toBe('optimal');
          let soc = initial;
          result.intervals.forEach((interval, t) => {
            const ess = interval.assets['ess-1']!;
            soc += ess.chargeKw! * eta - ess.dischargeKw! / eta;
            expect(ess.socKwh!).toBeCloseTo(soc, 5);
            expect(ess.socKwh!).toBeGreaterThanOrEqual(-TOL);
            expect(ess.socKwh!).toBeLessThanOrEqual(20 + TOL);
            expect(interval.importKw === 0 || interval.exportKw === 0).toBe(true);
            const net = ess.dischargeKw! - ess.chargeKw! + interval.assets.pv!.outputKw! - 3;
            expect(interval.exportKw - interval.importKw).toBeCloseTo(net, 5);
            expect(interval.assets.pv!.outputKw!).toBeLessThanOrEqual(forecast[t]! + TOL);
          });
          expect(soc).toBeGreaterThanOrEqual(initial - 1e-5);
          expect(result.boundKrw! + 1e-6).toBeGreaterThanOrEqual(result.objectiveKrw!);
        },
      ),
      { numRuns: 25, seed: 42 },
    );
  }, 60_000);
});
