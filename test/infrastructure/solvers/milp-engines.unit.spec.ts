import { describe, expect, it, beforeAll } from '@jest/globals';
import fc from 'fast-check';
import {
  MilpModelBuilder,
  milpName,
  variableIndexByName,
  type MilpModel,
} from '../../../domain/optimisation/milp-model.js';
import { createGlpkEngine } from '../../../src/infrastructure/solvers/glpk-engine.js';
import { createHighsEngine } from '../../../src/infrastructure/solvers/highs-engine.js';
import type { MilpEngine } from '../../../src/infrastructure/solvers/milp-engine.js';
import { solveWithEngine } from '../../../src/infrastructure/solvers/solve-pipeline.js';
import type { ResolvedSolveOptions } from '../../../src/infrastructure/solvers/worker-protocol.js';
import { SeededRandom } from '../../../domain/shared/seeded-random.js';
import { batteryArbitrage, knapsack, knapsackByEnumeration } from './milp-fixtures.js';

// The engines and the pipeline in this thread (no worker): the solver logic, status mapping and
// diagnosis. Worker threads, deadlines and memory are tested in the *.e2e.spec.ts files.
const engines: Record<'glpk' | 'highs', MilpEngine> = {} as Record<'glpk' | 'highs', MilpEngine>;
beforeAll(async () => {
  engines.glpk = await createGlpkEngine();
  engines.highs = await createHighsEngine();
});

const options = (overrides: Partial<ResolvedSolveOptions> = {}): ResolvedSolveOptions => ({
  timeLimitSeconds: 30,
  relativeGap: 0,
  deterministicNodeLimit: undefined,
  diagnoseFamilies: [],
  ...overrides,
});

const solve = (
  engine: 'glpk' | 'highs',
  model: MilpModel,
  overrides: Partial<ResolvedSolveOptions> = {},
) => solveWithEngine(engines[engine], model, options(overrides));

const ARBITRAGE_PRICES = [50, 200, 30, 180];
const ESS_1 = { id: 'ess-1', capacityKwh: 10, powerKw: 5, initialSocKwh: 0 };

describe.each(['glpk', 'highs'] as const)('%s engine', (engine) => {
  it('solves a knapsack to its known optimum with integral values', () => {
    const result = solve(engine, knapsack([10, 13, 7, 8], [4, 6, 3, 5], 10));
    expect(result.status).toBe('optimal');
    expect(result.objective).toBeCloseTo(23, 6);
    expect(Array.from(result.values!).map(Math.round)).toEqual([1, 1, 0, 0]);
    expect(result.bound).toBeCloseTo(23, 6);
    expect(result.gapPct).toBeCloseTo(0, 6);
    expect(result.deterministic).toBe(true);
  });

  it.each([false, true])('solves a tiny battery arbitrage (binary modes: %s)', (exclusive) => {
    const model = batteryArbitrage(ARBITRAGE_PRICES, [ESS_1], exclusive);
    const result = solve(engine, model);
    expect(result.status).toBe('optimal');
    // Charge 5 kWh at 50 and sell at 200, charge 5 at 30 and sell at 180.
    expect(result.objective).toBeCloseTo(1500, 6);
    const index = variableIndexByName(model);
    expect(result.values![index.get(milpName('discharge_kw', 'ess-1', 't2'))!]).toBeCloseTo(5, 6);
  });

  it('applies the objective offset', () => {
    const b = new MilpModelBuilder('min', { objectiveOffset: 100 });
    b.addVariable({ name: 'x', lower: 2, upper: 5, objective: 3 });
    expect(solve(engine, b.build()).objective).toBeCloseTo(106, 9);
  });

  it('keeps a binary that its bounds fix to 1', () => {
    const b = new MilpModelBuilder('max');
    const x = b.addVariable({ name: 'x', kind: 'binary', lower: 1, objective: -5 });
    const y = b.addVariable({ name: 'y', kind: 'binary', objective: 1 });
    b.addConstraint(
      'link',
      [
        [x, 1],
        [y, 1],
      ],
      { le: 2 },
    );
    const result = solve(engine, b.build());
    expect(result.objective).toBeCloseTo(-4, 9);
  });

  it.each([
    ['an LP', 'continuous'],
    ['a MIP', 'integer'],
  ] as const)('reports %s without an upper limit as unbounded', (_, kind) => {
    const b = new MilpModelBuilder('max');
    const x = b.addVariable({ name: 'x', kind, objective: 1 });
    const y = b.addVariable({ name: 'y', kind, objective: 1 });
    b.addConstraint(
      'spread',
      [
        [x, 1],
        [y, -1],
      ],
      { le: 3 },
    );
    const result = solve(engine, b.build());
    expect(result.status).toBe('unbounded');
    expect(result.values).toBeUndefined();
  });

  it('names the battery and the constraint families that make a model infeasible', () => {
    // ess-3 starts with 22.5 kWh in a 10 kWh battery, can shed only 5 kWh in the first hour, and
    // must end the day with its initial 22.5 kWh.
    const ess3 = { id: 'ess-3', capacityKwh: 10, powerKw: 5, initialSocKwh: 22.5 };
    const result = solve(engine, batteryArbitrage(ARBITRAGE_PRICES, [ESS_1, ess3], true));
    expect(result.status).toBe('infeasible');
    expect(result.values).toBeUndefined();
    const diagnosis = result.diagnosis!;
    expect(diagnosis.outcome).toBe('found');
    expect(diagnosis.findings.map((f) => [f.family, f.assetId])).toEqual([
      ['final_soc', 'ess-3'],
      ['soc_balance', 'ess-3'],
    ]);
    const [finalSoc, socBalance] = diagnosis.findings;
    expect(finalSoc!.shortfall).toBeCloseTo(12.5, 6);
    expect(finalSoc!.message).toBe(
      'final_soc for ess-3 falls 12.5 kWh short of its lower bounds (1 constraint; worst final_soc[ess-3]: 12.5 kWh)',
    );
    expect(socBalance!.shortfall + socBalance!.excess).toBeCloseTo(7.5, 6);
    expect(socBalance!.worstConstraint).toBe('soc_balance[ess-3][t1]');
    expect(diagnosis.summary).toContain('soc_balance for ess-3');
  });

  it('relaxes only the families asked for', () => {
    const ess3 = { id: 'ess-3', capacityKwh: 10, powerKw: 5, initialSocKwh: 22.5 };
    const result = solve(engine, batteryArbitrage(ARBITRAGE_PRICES, [ESS_1, ess3], true), {
      diagnoseFamilies: ['final_soc'],
    });
    // With soc_balance kept hard, the first hour alone is impossible: no slack on final_soc helps.
    expect(result.diagnosis?.outcome).toBe('not_solved');
  });

  it('diagnoses a model that only integrality makes infeasible', () => {
    const b = new MilpModelBuilder('min');
    const x = b.addVariable({ name: milpName('units', 'chp-1'), kind: 'integer', upper: 10 });
    b.addConstraint(milpName('half_unit', 'chp-1'), [[x, 2]], { eq: 1 });
    const result = solve(engine, b.build());
    expect(result.status).toBe('infeasible');
    expect(result.diagnosis?.findings.map((f) => [f.family, f.assetId])).toEqual([
      ['half_unit', 'chp-1'],
    ]);
  });

  it('leaves the diagnosis out when not asked for', () => {
    const b = new MilpModelBuilder('min');
    const x = b.addVariable({ name: 'x', upper: 1 });
    b.addConstraint('too_much', [[x, 1]], { ge: 2 });
    const result = solve(engine, b.build(), { diagnoseFamilies: undefined });
    expect(result.status).toBe('infeasible');
    expect(result.diagnosis).toBeUndefined();
  });

  it('gives the same result twice for the same model', () => {
    const model = batteryArbitrage(
      [80, 120, 60, 150, 90, 140],
      [ESS_1, { ...ESS_1, id: 'ess-2' }],
      true,
    );
    const first = solve(engine, model);
    const second = solve(engine, model);
    expect(second).toEqual(first);
  });

  it('solves a model without variables', () => {
    const empty = new MilpModelBuilder('max', { objectiveOffset: 7 }).build();
    expect(solve(engine, empty)).toMatchObject({ status: 'optimal', objective: 7 });
  });
});

describe('glpk and HiGHS', () => {
  it('agree with enumeration on random knapsacks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 40 })), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.integer({ min: 0, max: 150 }),
        (items, capacity) => {
          const values = items.map(([v]) => v);
          const weights = items.map(([, w]) => w);
          const expected = knapsackByEnumeration(values, weights, capacity);
          const model = knapsack(values, weights, capacity);
          for (const engine of ['glpk', 'highs'] as const) {
            const result = solve(engine, model);
            expect(result.status).toBe('optimal');
            expect(result.objective).toBeCloseTo(expected, 6);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('bracket the optimum between objective and bound when stopping at a gap', () => {
    const random = new SeededRandom('knapsack-gap');
    for (let round = 0; round < 5; round++) {
      const values = Array.from({ length: 35 }, () => random.nextInt(20, 90));
      const weights = Array.from({ length: 35 }, () => random.nextInt(10, 60));
      const model = knapsack(values, weights, 400);
      const optimum = solve('highs', model).objective!;
      for (const engine of ['glpk', 'highs'] as const) {
        const result = solve(engine, model, { relativeGap: 0.02 });
        expect(result.status).toBe('optimal');
        expect(result.objective!).toBeLessThanOrEqual(optimum + 1e-6);
        expect(result.bound!).toBeGreaterThanOrEqual(optimum - 1e-6);
        expect(result.gapPct!).toBeLessThanOrEqual(
          2 + 1e-6 + (result.boundSource === 'lp_relaxation' ? Infinity : 0),
        );
      }
    }
  });

  it('report glpk ignoring a node limit, HiGHS applying it', () => {
    const model = knapsack([10, 13, 7, 8], [4, 6, 3, 5], 10);
    expect(solve('glpk', model, { deterministicNodeLimit: 1000 }).ignoredOptions).toEqual([
      'deterministicNodeLimit',
    ]);
    expect(solve('highs', model, { deterministicNodeLimit: 1000 }).ignoredOptions).toEqual([]);
  });
});
