import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { aggregateCase } from '../../../../domain/optimisation/aggregation/group-ders.js';
import { memberViolation } from '../../../../domain/optimisation/aggregation/member-limits.js';
import { solveAggregated } from '../../../../domain/optimisation/aggregation/solve-aggregated.js';
import type { MilpSolver } from '../../../../domain/optimisation/milp-solver.port.js';
import { validatePortfolioCase } from '../../../../domain/optimisation/portfolio/case-validation.js';
import type { PortfolioCase } from '../../../../domain/optimisation/portfolio/portfolio-case.js';
import { solveCase } from '../../../../domain/optimisation/portfolio/solve-case.js';
import { buildPortfolioModel } from '../../../../domain/optimisation/portfolio/build-portfolio-model.js';
import { BinaryPlan } from '../../../../domain/optimisation/portfolio/model-context.js';
import { inProcessSolver } from '../portfolio/in-process-solver.js';
import { drLoad, fuelCell } from './small-ders.js';

let solver: MilpSolver;
beforeAll(async () => {
  solver = await inProcessSolver('glpk');
});

const INTERVALS = 8;

/** A small mixed portfolio: a few DERs of every kind from two products each, two scenarios. */
const smallPortfolio = fc
  .record({
    prices: fc.array(fc.integer({ min: 40, max: 250 }), {
      minLength: INTERVALS,
      maxLength: INTERVALS,
    }),
    ess: fc.array(
      fc.record({
        product: fc.integer({ min: 0, max: 1 }),
        size: fc.double({ min: 0.5, max: 3, noNaN: true }),
        socShare: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
      }),
      { maxLength: 4 },
    ),
    pv: fc.array(fc.tuple(fc.double({ min: 1, max: 50, noNaN: true }), fc.boolean()), {
      maxLength: 3,
    }),
    ev: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.boolean()), { maxLength: 3 }),
    dr: fc.array(fc.tuple(fc.double({ min: 5, max: 40, noNaN: true }), fc.boolean()), {
      maxLength: 3,
    }),
    fuelCells: fc.array(fc.boolean(), { maxLength: 3 }),
    exportLimitKw: fc.option(fc.integer({ min: 20, max: 200 }), { nil: undefined }),
  })
  .map((r): PortfolioCase =>
    validatePortfolioCase({
      intervalMinutes: 60,
      priceScenarios: [0.6, 1.3].map((level, s) => ({
        probability: s === 0 ? 0.5 : 0.5,
        importPricesKrwPerKwh: r.prices.map((p) => p * level + 1),
        exportPricesKrwPerKwh: r.prices.map((p) => p * level),
      })),
      ...(r.exportLimitKw === undefined ? {} : { gridExportLimitKw: r.exportLimitKw }),
      assets: [
        ...r.ess.map((b, i) => {
          const energyKwh = 20 * b.size;
          const eta = b.product === 0 ? 0.95 : 0.9;
          return {
            id: `ess-${i}`,
            kind: 'ess',
            chargeKw: 10 * b.size,
            dischargeKw: 10 * b.size,
            energyKwh,
            chargeEfficiency: eta,
            dischargeEfficiency: eta,
            initialSocKwh: b.socShare * energyKwh,
            minSocKwh: 0.1 * energyKwh,
            maxSocKwh: energyKwh,
            finalSocKwh: 0.5 * energyKwh,
            degradationCostKrwPerKwh: 3,
          };
        }),
        ...r.pv.map(([kw, curtailable], i) => ({
          id: `pv-${i}`,
          kind: 'pv',
          curtailable,
          forecastKw: Array.from({ length: INTERVALS }, (_, t) =>
            Math.max(0, kw * Math.sin((Math.PI * (t + 0.5)) / INTERVALS)),
          ),
        })),
        ...r.ev.map(([arrival, v2g], i) => ({
          id: `ev-${i}`,
          kind: 'ev_charger',
          maxChargeKw: 7,
          maxDischargeKw: v2g ? 7 : 0,
          efficiency: 0.9,
          sessions: [
            {
              arrivalInterval: arrival,
              departureInterval: arrival + 4,
              energyOnArrivalKwh: 10,
              energyRequiredKwh: 25,
              batteryKwh: 60,
            },
          ],
        })),
        ...r.dr.map(([kw, whole], i) => drLoad(`dr-${i}`, kw, whole)),
        ...r.fuelCells.map((running, i) => fuelCell(`fc-${i}`, running ? 8 : 0)),
      ],
    }),
  );

describe('solveAggregated', () => {
  it('bounds the optimum of the case itself, and values setpoints that keep every DER limit', async () => {
    const runs = 20;
    let solved = 0;
    let feasible = 0;
    await fc.assert(
      fc.asyncProperty(smallPortfolio, async (portfolioCase) => {
        const aggregated = await solveAggregated(portfolioCase, solver, {
          timeLimitSeconds: 30,
        });
        // Any schedule of the case serves below (at most the optimum): a short limit will do.
        const direct = await solveCase(portfolioCase, solver, {
          timeLimitSeconds: 5,
          relativeGap: 1e-6,
          method: 'monolithic',
        });
        // The aggregate is a relaxation: infeasible only when the case is.
        if (aggregated.status === 'infeasible') {
          expect(direct.status).toBe('infeasible');
          return;
        }
        expect(['optimal', 'feasible']).toContain(aggregated.status);
        solved++;
        if (aggregated.feasible) feasible++;
        const bound = aggregated.boundKrw!;
        // The solvers' own optimality tolerance (~1e-7 relative per solve) on both sides.
        const tolerance = 1e-5 * Math.max(1, Math.abs(bound));
        expect(aggregated.perDerViolations).toBe(0);
        // Setpoints that keep every limit of the case are a schedule of it: worth at most its
        // optimum, which the bound bounds. (Setpoints that break a limit, an export limit say,
        // may be valued above it: that is why they are reported, not counted as a solution.)
        if (aggregated.feasible)
          expect(aggregated.objectiveKrw!).toBeLessThanOrEqual(bound + tolerance);
        // Where the DERs followed the last plan made around them, the case's limits hold.
        if (aggregated.deficitKwh < 1e-7) expect(aggregated.portfolioViolations).toEqual([]);
        // The case solved whole: any schedule it finds is feasible, so at most the optimum.
        if (direct.objectiveKrw !== undefined)
          expect(direct.objectiveKrw).toBeLessThanOrEqual(bound + tolerance);
      }),
      { numRuns: runs },
    );
    // Most random portfolios get setpoints that keep every limit (a few keep a link break that
    // nothing could take up, reported): the bound check above is not vacuous.
    expect(feasible).toBeGreaterThanOrEqual(Math.ceil(solved / 2));
  }, 300_000);

  it('hands every DER its setpoints and checks them', async () => {
    const portfolioCase = fc.sample(smallPortfolio, { numRuns: 1, seed: 7 })[0]!;
    const seen = new Map<string, number>();
    const result = await solveAggregated(portfolioCase, solver, {
      onSetpoints: (asset, scenario, powerKw) => {
        seen.set(asset.id, (seen.get(asset.id) ?? 0) + 1);
        expect(
          memberViolation(asset, powerKw, { intervals: INTERVALS, intervalMinutes: 60 }),
        ).toBeUndefined();
        expect(scenario).toBeLessThan(2);
      },
    });
    expect(result.ders).toBe(portfolioCase.assets.length);
    // The size of the model the first pass solved: the aggregate's, with no binaries planned.
    const { model } = buildPortfolioModel(aggregateCase(portfolioCase).aggregate, {
      binaries: new BinaryPlan(),
    });
    expect(result.modelSize).toEqual({
      variables: model.variables.names.length,
      constraints: model.constraints.names.length,
    });
    for (const asset of portfolioCase.assets) expect(seen.get(asset.id)).toBe(2);
    expect(result.netPositionKw).toHaveLength(2);
  });
});

describe('aggregateCase', () => {
  it('groups like DERs behind a meter and keeps the rest of the case', () => {
    const portfolioCase = validatePortfolioCase({
      intervalMinutes: 60,
      importPricesKrwPerKwh: [100, 100],
      exportPricesKrwPerKwh: [100, 100],
      sites: [{ id: 'a' }, { id: 'b', exportLimitKw: 5 }],
      assets: [
        ...[10, 20].map((kw, i) => ({
          id: `ess-${i}`,
          siteId: 'a',
          kind: 'ess',
          chargeKw: kw,
          dischargeKw: kw,
          energyKwh: 2 * kw,
          chargeEfficiency: 0.9,
          dischargeEfficiency: 0.9,
          initialSocKwh: kw,
          minSocKwh: 0,
          maxSocKwh: 2 * kw,
        })),
        {
          id: 'ess-other-site',
          siteId: 'b',
          kind: 'ess',
          chargeKw: 10,
          dischargeKw: 10,
          energyKwh: 20,
          chargeEfficiency: 0.9,
          dischargeEfficiency: 0.9,
          initialSocKwh: 10,
          minSocKwh: 0,
          maxSocKwh: 20,
        },
      ],
    });
    const { aggregate, groups } = aggregateCase(portfolioCase);
    expect(groups.map((g) => g.members)).toEqual([[0, 1], [2]]);
    expect(aggregate.sites).toEqual(portfolioCase.sites);
    expect(aggregate.assets[0]).toMatchObject({
      kind: 'ess',
      siteId: 'a',
      chargeKw: 30,
      energyKwh: 60,
      initialSocKwh: 30,
      finalSocKwh: 30,
    });
    // A DER alone is itself.
    expect(aggregate.assets[1]).toEqual({ ...portfolioCase.assets[2], id: groups[1]!.id });
  });

  it('rejects a tolerance that is not positive, naming it', () => {
    const portfolioCase = validatePortfolioCase({
      intervalMinutes: 60,
      importPricesKrwPerKwh: [1],
      exportPricesKrwPerKwh: [1],
      assets: [],
    });
    expect(() => aggregateCase(portfolioCase, { ratioTolerance: 0 })).toThrow(/ratioTolerance/);
  });
});
