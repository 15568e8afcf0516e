import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MilpResult } from '../../../domain/optimisation/milp-solver.port.js';
import {
  WorkerMilpSolver,
  type WorkerMilpSolverOptions,
} from '../../../src/infrastructure/solvers/worker-milp-solver.js';
import { compileWorker, type CompiledWorker } from '../../support/ts-worker.js';
import { batteryArbitrage, knapsack, knapsackByEnumeration, marketSplit } from './milp-fixtures.js';

let compiled: CompiledWorker;
beforeAll(async () => {
  compiled = await compileWorker(
    new URL('../../../src/infrastructure/solvers/milp-solve.worker.ts', import.meta.url),
  );
});
afterAll(() => compiled.cleanup());

const solvers: WorkerMilpSolver[] = [];
const solver = (options: WorkerMilpSolverOptions): WorkerMilpSolver => {
  const created = new WorkerMilpSolver({ ...options, workerUrl: compiled.url });
  solvers.push(created);
  return created;
};
afterAll(async () => {
  await Promise.all(solvers.map((s) => s.close()));
});

const ESS = [
  { id: 'ess-1', capacityKwh: 10, powerKw: 5, initialSocKwh: 0 },
  { id: 'ess-2', capacityKwh: 20, powerKw: 4, initialSocKwh: 6 },
];
const PRICES = [90, 70, 60, 110, 150, 130, 80, 170];

// Everything in a result but the wall-clock time, which determinism checks leave out.
const withoutTime = ({ solveSeconds: _, ...rest }: MilpResult) => rest;

// Market split 5 x 40 with no exact split: hours for either solver, and no lucky early optimum
// on a fast machine (an exact split proves itself optimal at once), so only a limit ends it.
const HARD = marketSplit(5, 40, 'hard', { unsplittable: true });

describe.each(['glpk', 'highs'] as const)('%s in a worker thread', (engine) => {
  it('solves small models and says which solver did', async () => {
    const s = solver({ engine });
    const result = await s.solve(knapsack([10, 13, 7, 8], [4, 6, 3, 5], 10));
    expect(result).toMatchObject({ status: 'optimal', deterministic: true, ignoredOptions: [] });
    expect(result.objective).toBeCloseTo(23, 6);
    expect(result.solver.name).toBe(engine === 'glpk' ? 'glpk.js' : 'highs');
    expect(result.solver.version).toMatch(/^\d+\.\d+/);
    expect(result.solveSeconds).toBeGreaterThan(0);
    const battery = await s.solve(batteryArbitrage(PRICES, ESS, true));
    expect(battery.status).toBe('optimal');
    expect(s.stats()).toEqual({ workersStarted: 1, workersReplaced: 0 });
  });

  it('gives an optimal LP row duals in the port convention (reduced cost = c - A^T y)', async () => {
    const model = batteryArbitrage(PRICES, ESS, false);
    const result = await solver({ engine }).solve(model);
    expect(result.status).toBe('optimal');
    const duals = result.rowDuals!;
    expect(duals).toHaveLength(model.constraints.names.length);
    const { variables: v, constraints: c } = model;
    const reduced = Float64Array.from(v.objective);
    for (let i = 0; i < c.names.length; i++)
      for (let k = c.starts[i]!; k < c.starts[i + 1]!; k++)
        reduced[c.columns[k]!]! -= c.coefficients[k]! * duals[i]!;
    // A maximisation: a column strictly inside its bounds has no reduced cost, one at its lower
    // bound none above 0, one at its upper bound none below 0.
    const tolerance = 1e-6 * Math.max(...PRICES);
    v.names.forEach((_, j) => {
      const x = result.values![j]!;
      const atLower = x <= v.lower[j]! + 1e-7;
      const atUpper = x >= v.upper[j]! - 1e-7;
      if (!atLower) expect(reduced[j]!).toBeGreaterThanOrEqual(-tolerance);
      if (!atUpper) expect(reduced[j]!).toBeLessThanOrEqual(tolerance);
    });
    // And the dual prices the rows' bounds at the LP's optimum (strong duality).
    let dualObjective = 0;
    for (let i = 0; i < c.names.length; i++) {
      const y = duals[i]!;
      // Round-off duals on a row without that side (an infinite bound) count for nothing.
      const side = y >= 0 ? c.upper[i]! : c.lower[i]!;
      if (Math.abs(y) > 1e-9 && Number.isFinite(side)) dualObjective += y * side;
    }
    v.names.forEach((_, j) => {
      const d = reduced[j]!;
      const side = d > 0 ? v.upper[j]! : v.lower[j]!;
      if (Math.abs(d) > 1e-9 && Number.isFinite(side)) dualObjective += d * side;
    });
    expect(dualObjective).toBeCloseTo(result.objective!, 4);
  });

  it('rejects an invalid model before it reaches a worker', async () => {
    const model = knapsack([1, 2], [1, 1], 1);
    const broken = { ...model, variables: { ...model.variables, names: ['a', 'a'] } };
    await expect(solver({ engine }).solve(broken)).rejects.toMatchObject({
      code: 'MILP.INVALID_MODEL',
    });
  });

  it('kills a solve at its deadline, keeps what it reported, and replaces the worker', async () => {
    const s = solver({ engine, graceSeconds: 1 });
    // A node limit keeps the time limit away from the solver: only the deadline can stop it.
    const started = performance.now();
    const result = await s.solve(HARD, {
      timeLimitSeconds: 1.5,
      deterministicNodeLimit: 1_000_000_000,
    });
    const elapsed = (performance.now() - started) / 1000;
    expect(result.limitReached).toBe('deadline');
    expect(result.deterministic).toBe(false);
    // Measured from the call, so including the worker's start; on a loaded 2-core machine.
    expect(elapsed).toBeLessThan(1.5 + 1 + 3);
    expect(result.solveSeconds).toBeGreaterThanOrEqual(2.4);
    if (engine === 'highs') {
      // HiGHS reports incumbents while it runs: the killed solve still has one, and a bound.
      expect(result.status).toBe('feasible');
      expect(result.values).toHaveLength(HARD.variables.names.length);
      expect(result.bound).toBeDefined();
    } else {
      expect(result.status).toBe('no_solution_in_time');
      expect(result.ignoredOptions).toEqual(['deterministicNodeLimit']);
      // The LP relaxation, solved before the search, is a bound.
      expect(result.boundSource).toBe('lp_relaxation');
    }
    expect(s.stats()).toEqual({ workersStarted: 2, workersReplaced: 1 });
    const next = await s.solve(knapsack([10, 13, 7, 8], [4, 6, 3, 5], 10));
    expect(next.status).toBe('optimal');
    expect(s.stats().workersStarted).toBe(2);
  });

  it('stops at its own time limit with a feasible solution or none', async () => {
    const s = solver({ engine, graceSeconds: 10 });
    const started = performance.now();
    const result = await s.solve(HARD, { timeLimitSeconds: 1 });
    expect((performance.now() - started) / 1000).toBeLessThan(1 + 10 + 3);
    expect(['feasible', 'no_solution_in_time']).toContain(result.status);
    expect(['time_limit', 'deadline']).toContain(result.limitReached);
    expect(result.deterministic).toBe(false);
  });

  it('runs queued solves on several workers and returns each its own result', async () => {
    const s = solver({ engine, workers: 2 });
    const [values, weights] = [
      [10, 13, 7, 8, 9],
      [4, 6, 3, 5, 7],
    ];
    const capacities = [10, 20, 30, 40];
    const results = await Promise.all(capacities.map((c) => s.solve(knapsack(values, weights, c))));
    expect(results.map((r) => Math.round(r.objective!))).toEqual(
      capacities.map((c) => knapsackByEnumeration(values, weights, c)),
    );
    expect(s.stats().workersStarted).toBeLessThanOrEqual(2);
  });

  it('answers with an error once closed', async () => {
    const s = solver({ engine });
    await s.close();
    expect((await s.solve(knapsack([1], [1], 1))).status).toBe('error');
  });
});

describe('both adapters', () => {
  it('agree on optimal objectives and repeat themselves exactly', async () => {
    const glpk = solver({ engine: 'glpk' });
    const highs = solver({ engine: 'highs' });
    const models = [
      batteryArbitrage(PRICES, ESS, true),
      batteryArbitrage(PRICES, ESS, false),
      knapsack([31, 27, 45, 12, 39, 18, 24], [12, 9, 20, 5, 17, 8, 11], 40),
    ];
    for (const model of models) {
      const [g1, g2, h1, h2] = await Promise.all([
        glpk.solve(model, { relativeGap: 0 }),
        glpk.solve(model, { relativeGap: 0 }),
        highs.solve(model, { relativeGap: 0 }),
        highs.solve(model, { relativeGap: 0 }),
      ]);
      expect(g1!.status).toBe('optimal');
      expect(h1!.status).toBe('optimal');
      expect(g1!.objective).toBeCloseTo(h1!.objective!, 6);
      expect(withoutTime(g2!)).toEqual(withoutTime(g1!));
      expect(withoutTime(h2!)).toEqual(withoutTime(h1!));
    }
  });

  it('repeat a node-limited HiGHS solve exactly', async () => {
    const highs = solver({ engine: 'highs' });
    const model = marketSplit(4, 26, 'node-limit');
    const options = { deterministicNodeLimit: 300, timeLimitSeconds: 60 };
    const first = await highs.solve(model, options);
    const second = await highs.solve(model, options);
    expect(first.deterministic).toBe(true);
    expect(['optimal', 'feasible', 'no_solution_in_time']).toContain(first.status);
    expect(withoutTime(second)).toEqual(withoutTime(first));
  });
});
