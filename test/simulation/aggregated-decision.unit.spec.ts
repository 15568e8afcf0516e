import { beforeAll, describe, expect, it } from '@jest/globals';
import { generateMixedPortfolio } from '../../bench/bid-portfolio/mixed-portfolio.js';
import { marketRules } from '../../domain/market/market-rules.js';
import type { MilpSolver } from '../../domain/optimisation/milp-solver.port.js';
import { parsePortfolioCase } from '../../domain/optimisation/portfolio/case-validation.js';
import { scenarioOrder } from '../../domain/optimisation/portfolio/scenario-linking.js';
import {
  AGGREGATE_ABOVE_ASSETS,
  aggregatedDecision,
  shouldAggregate,
} from '../../src/simulation/strategies/aggregated-decision.js';
import { inProcessSolver } from '../domain/optimisation/portfolio/in-process-solver.js';

let solver: MilpSolver;
beforeAll(async () => {
  solver = await inProcessSolver('glpk');
});

const curveRules = marketRules('mainland').curve;

describe('the simulation bid through aggregation', () => {
  it('is taken only above the threshold (the demo portfolio stays on the exact MILP)', () => {
    const at = parsePortfolioCase(generateMixedPortfolio({ ders: AGGREGATE_ABOVE_ASSETS }));
    const above = parsePortfolioCase(generateMixedPortfolio({ ders: AGGREGATE_ABOVE_ASSETS + 1 }));
    expect(shouldAggregate(at)).toBe(false);
    expect(shouldAggregate(above)).toBe(true);
  });

  it('bids a case of many meters with a bound at least its objective and every DER scheduled', async () => {
    // Like the scale portfolio: many meters and no limit on the portfolio as a whole, so the
    // meters are solved one by one.
    const {
      gridExportLimitKw: _exportKw,
      gridImportLimitKw: _importKw,
      ...unlimited
    } = generateMixedPortfolio({
      ders: 60,
      seed: 'sim',
      sites: 15,
    });
    const portfolioCase = parsePortfolioCase(unlimited);
    const decision = await aggregatedDecision('2024-06-03', portfolioCase, solver, {
      timeLimitSeconds: 120,
      curveRules,
    });

    expect(['optimal', 'feasible']).toContain(decision.status);
    expect(decision.boundKrw).toBeDefined();
    expect(decision.boundKrw!).toBeGreaterThanOrEqual(decision.objectiveKrw);
    expect(decision.gapPct).toBeDefined();
    expect(decision.gapPct!).toBeLessThan(5);
    // Intervals below the market's minimum quantity are left out of the curves.
    expect(decision.curves.length).toBeGreaterThan(0);
    expect(decision.curves.length).toBeLessThanOrEqual(portfolioCase.intervals);
    // The recorded model is what was solved: the meters' aggregated LPs (no binaries).
    expect(decision.modelSize.variables).toBeGreaterThan(0);
    expect(decision.modelSize.binaries).toBe(0);

    const essIds = portfolioCase.assets.filter((a) => a.kind === 'ess').map((a) => a.id);
    expect(decision.schedules.scenarios).toHaveLength(portfolioCase.scenarios.length);
    decision.schedules.scenarios.forEach((s, index) => {
      expect(Object.keys(s.assetKw).sort()).toEqual(portfolioCase.assets.map((a) => a.id).sort());
      // The twin follows the DERs' setpoints: they add up to the scenario's net position.
      for (let t = 0; t < portfolioCase.intervals; t++) {
        let sum = 0;
        for (const row of Object.values(s.assetKw)) sum += row[t]!;
        expect(Math.abs(sum - s.netPositionKw[t]!)).toBeLessThan(0.001 * 60);
      }
      expect(Object.keys(decision.schedules.endSocKwh![index]!).sort()).toEqual(essIds.sort());
    });
    // The scenarios' own values weigh up to the objective.
    const weighted = decision.schedules.scenarios.reduce(
      (total, s) => total + s.probability * s.objectiveKrw,
      0,
    );
    expect(Math.abs(weighted - decision.objectiveKrw)).toBeLessThan(
      1 + 1e-6 * Math.abs(decision.objectiveKrw),
    );
    // The draft records how far the DERs' own setpoints kept to the case.
    const check = decision.schedules.aggregation!;
    expect(check.perDerViolations).toBe(0);
    // Its count of bid-link breaks agrees with the schedules' own net positions (the meters have
    // no limits here, so every case violation is a link break).
    const breaks = (toleranceKw: number): number => {
      let count = 0;
      for (let t = 0; t < portfolioCase.intervals; t++) {
        const order = scenarioOrder(portfolioCase, t);
        for (let k = 1; k < order.length; k++) {
          const low = decision.schedules.scenarios[order[k - 1]!]!.netPositionKw[t]!;
          const high = decision.schedules.scenarios[order[k]!]!.netPositionKw[t]!;
          if (low - high > toleranceKw) count++;
        }
      }
      return count;
    };
    expect(check.caseViolations).toBeGreaterThanOrEqual(breaks(1));
    expect(check.caseViolations).toBeLessThanOrEqual(breaks(0.001));
    expect(check.caseViolationExamples.length).toBe(Math.min(5, check.caseViolations));
  });
});
