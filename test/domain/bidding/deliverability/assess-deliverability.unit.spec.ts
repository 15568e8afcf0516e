import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { assessDeliverability } from '../../../../domain/bidding/deliverability/assess-deliverability.js';
import { shortfallFigures } from '../../../../domain/bidding/deliverability/shortfall-figures.js';
import type { CurvePoint, IntervalBid } from '../../../../domain/market/bid-curve.js';
import type { MilpSolver } from '../../../../domain/optimisation/milp-solver.port.js';
import { validatePortfolioCase } from '../../../../domain/optimisation/portfolio/case-validation.js';
import type { PortfolioCase } from '../../../../domain/optimisation/portfolio/portfolio-case.js';
import { solveCase } from '../../../../domain/optimisation/portfolio/solve-case.js';
import { SeededRandom } from '../../../../domain/shared/seeded-random.js';
import { kw, krwPerKwh } from '../../../../domain/shared/units.js';
import { battery } from '../../optimisation/portfolio/case-fixtures.js';
import { inProcessSolver } from '../../optimisation/portfolio/in-process-solver.js';

// A schedule's net position read back within 1e-6 kW per interval (read-schedule.ts, bid-curves.ts).
const TOL_KWH = 24e-6;

let solver: MilpSolver;
beforeAll(async () => {
  solver = await inProcessSolver('glpk');
});

const point = (price: number, quantity: number): CurvePoint => ({
  priceKrwPerKwh: krwPerKwh(price),
  quantityKw: kw(quantity),
});

/** Sell `kw` from price 0 up (positive) or buy `-kw` up to price 1000 (negative), per interval. */
const flatCurves = (netKw: readonly number[]): IntervalBid[] =>
  netKw.map((q, interval) => ({
    interval,
    sell: q > 0 ? [point(0, q)] : [],
    buy: q < 0 ? [point(1000, -q)] : [],
  }));

const oneBatteryCase = (
  intervals: number,
  overrides: Record<string, unknown> = {},
): PortfolioCase => {
  const prices = new Array<number>(intervals).fill(50);
  return validatePortfolioCase({
    intervalMinutes: 60,
    importPricesKrwPerKwh: prices,
    exportPricesKrwPerKwh: prices,
    assets: [battery(overrides)],
  });
};

describe('assessDeliverability (hand cases)', () => {
  it('reports the energy a curve promises beyond what the battery can deliver over the day', async () => {
    // Buy 10 kW in hours 1-2, sell 10 kW in hours 3-5: at most 20 kWh can be charged, so 10 of
    // the 30 kWh sold cannot be delivered (the final SoC must return to the initial 0).
    const portfolioCase = oneBatteryCase(5);
    const assessment = await assessDeliverability({
      case: portfolioCase,
      curves: flatCurves([-10, -10, 10, 10, 10]),
      priceSequences: [[50, 50, 50, 50, 50]],
      solver,
    });
    expect(assessment.samples).toBe(1);
    expect(assessment.worstShortfallKwh).toBeCloseTo(10, 6);
    expect(assessment.expectedShortfallKwh).toBeCloseTo(10, 6);
    expect(assessment.perSample[0]!.underKwh).toBeCloseTo(10, 6);
    expect(assessment.perSample[0]!.overKwh).toBeCloseTo(0, 6);
    expect(assessment.perSample[0]!.awardedKwh).toBeCloseTo(50, 6);
    expect(assessment.samplesShort).toBe(1);
  });

  it('counts conversion losses: 20 kWh bought at 90 % in and out delivers 16.2 kWh', async () => {
    const portfolioCase = oneBatteryCase(5, { chargeEfficiency: 0.9, dischargeEfficiency: 0.9 });
    const assessment = await assessDeliverability({
      case: portfolioCase,
      curves: flatCurves([-10, -10, 10, 10, 10]),
      priceSequences: [[50, 50, 50, 50, 50]],
      solver,
    });
    expect(assessment.worstShortfallKwh).toBeCloseTo(30 - 20 * 0.9 * 0.9, 6);
  });

  it('awards by price: a sell step above the clearing price is not awarded', async () => {
    const portfolioCase = oneBatteryCase(2, { initialSocKwh: 0 });
    const curves: IntervalBid[] = [
      { interval: 0, sell: [point(80, 10)], buy: [] },
      { interval: 1, sell: [point(80, 10)], buy: [] },
    ];
    const assessment = await assessDeliverability({
      case: portfolioCase,
      curves,
      priceSequences: [
        [50, 50],
        [90, 50],
        [90, 90],
      ],
      solver,
    });
    expect(assessment.perSample.map((s) => s.shortfallKwh)).toEqual([
      expect.closeTo(0, 6),
      expect.closeTo(10, 6),
      expect.closeTo(20, 6),
    ]);
    expect(assessment.expectedShortfallKwh).toBeCloseTo(10, 6);
    expect(assessment.worstShortfallKwh).toBeCloseTo(20, 6);
    expect(assessment.worstSample).toBe(2);
    expect(shortfallFigures(assessment)).toEqual({
      expectedKwh: expect.closeTo(10, 6),
      worstKwh: expect.closeTo(20, 6),
      samples: 3,
    });
  });

  it('does not let the relaxation burn energy by charging and discharging at once', async () => {
    // A full battery (final SoC must stay full) cannot absorb a 10 kW purchase. Relaxed, charging
    // 13.3 kW while discharging 3.3 kW at 50 % efficiency would "absorb" it with no SoC change.
    const portfolioCase = oneBatteryCase(2, {
      chargeKw: 20,
      chargeEfficiency: 0.5,
      dischargeEfficiency: 0.5,
      initialSocKwh: 20,
    });
    const assessment = await assessDeliverability({
      case: portfolioCase,
      curves: flatCurves([-10, 0]),
      priceSequences: [[50, 50]],
      solver,
    });
    expect(assessment.worstShortfallKwh).toBeCloseTo(10, 6);
    expect(assessment.perSample[0]!.rounds).toBeGreaterThan(1);
  });

  it('rejects a price sequence of the wrong length or with a non-finite price', async () => {
    const portfolioCase = oneBatteryCase(2);
    await expect(
      assessDeliverability({ case: portfolioCase, curves: [], priceSequences: [[1]], solver }),
    ).rejects.toMatchObject({ code: 'BIDDING.INVALID_INPUT' });
    await expect(
      assessDeliverability({
        case: portfolioCase,
        curves: [],
        priceSequences: [[1, Number.NaN]],
        solver,
      }),
    ).rejects.toMatchObject({ code: 'BIDDING.INVALID_INPUT', field: 'priceSequences[0][1]' });
    await expect(
      assessDeliverability({ case: portfolioCase, curves: [], priceSequences: [], solver }),
    ).rejects.toMatchObject({ code: 'BIDDING.INVALID_INPUT' });
  });
});

describe('assessDeliverability (property: battery + PV, 24 intervals)', () => {
  const HOURS = 24;
  const solarShape = (peakKw: number): number[] =>
    Array.from({ length: HOURS }, (_, h) =>
      h >= 6 && h <= 18 ? peakKw * Math.sin((Math.PI * (h - 6)) / 12) : 0,
    );

  const caseArbitrary = fc.record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    scenarios: fc.integer({ min: 1, max: 4 }),
    chargeKw: fc.integer({ min: 2, max: 20 }),
    energyKwh: fc.integer({ min: 5, max: 60 }),
    efficiency: fc.constantFrom(1, 0.95, 0.9),
    initialShare: fc.constantFrom(0, 0.5, 1),
    pvPeakKw: fc.integer({ min: 0, max: 30 }),
    curtailable: fc.boolean(),
    exportLimitKw: fc.option(fc.integer({ min: 5, max: 40 }), { nil: undefined }),
  });

  it('finds no shortfall at the case’s own scenario prices and reports the sampled one honestly', async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (p) => {
        const random = new SeededRandom(p.seed);
        const base = Array.from(
          { length: HOURS },
          (_, h) => 80 + 40 * Math.sin((Math.PI * h) / 12),
        );
        const priceScenarios = Array.from({ length: p.scenarios }, () => {
          const prices = base.map((b) => Math.round(b + random.normal(0, 30)));
          return {
            probability: 1 / p.scenarios,
            importPricesKrwPerKwh: prices,
            exportPricesKrwPerKwh: prices,
          };
        });
        const portfolioCase = validatePortfolioCase({
          intervalMinutes: 60,
          priceScenarios,
          // Non-curtailable PV above the export limit would make the case itself infeasible.
          ...(p.exportLimitKw === undefined
            ? {}
            : {
                gridExportLimitKw: p.curtailable
                  ? p.exportLimitKw
                  : Math.max(p.exportLimitKw, p.pvPeakKw),
              }),
          assets: [
            battery({
              chargeKw: p.chargeKw,
              dischargeKw: p.chargeKw,
              energyKwh: p.energyKwh,
              maxSocKwh: p.energyKwh,
              initialSocKwh: p.initialShare * p.energyKwh,
              chargeEfficiency: p.efficiency,
              dischargeEfficiency: p.efficiency,
            }),
            {
              id: 'pv',
              kind: 'pv',
              forecastKw: solarShape(p.pvPeakKw),
              curtailable: p.curtailable,
            },
          ],
        });
        const solved = await solveCase(portfolioCase, solver);
        expect(solved.status).toBe('optimal');
        const curves = solved.bidCurves!;

        const own = await assessDeliverability({
          case: portfolioCase,
          curves,
          priceSequences: portfolioCase.scenarios.map((s) => s.exportPricesKrwPerKwh),
          solver,
        });
        expect(own.samples).toBe(p.scenarios);
        for (const sample of own.perSample)
          expect(sample.shortfallKwh).toBeLessThanOrEqual(TOL_KWH);
        expect(own.worstShortfallKwh).toBeLessThanOrEqual(TOL_KWH);

        // Sampled sequences: anything the forecast could give, including prices between and
        // beyond the scenarios'.
        const sampled = Array.from({ length: 12 }, () =>
          base.map((b) => Math.round(b + random.normal(0, 45))),
        );
        const assessment = await assessDeliverability({
          case: portfolioCase,
          curves,
          priceSequences: sampled,
          solver,
        });
        const values = assessment.perSample.map((s) => s.shortfallKwh);
        expect(assessment.samples).toBe(sampled.length);
        expect(values).toHaveLength(sampled.length);
        expect(assessment.worstShortfallKwh).toBe(Math.max(...values));
        expect(assessment.expectedShortfallKwh).toBeCloseTo(
          values.reduce((a, b) => a + b, 0) / values.length,
          9,
        );
        expect(assessment.samplesShort).toBe(values.filter((v) => v > 1e-6).length);
        for (const sample of assessment.perSample) {
          expect(sample.shortfallKwh).toBeGreaterThanOrEqual(0);
          expect(sample.shortfallKwh).toBeCloseTo(sample.underKwh + sample.overKwh, 9);
        }
      }),
      { numRuns: 8, seed: 20261126 },
    );
  }, 120_000);
});
