import type { MilpModel } from '../../../domain/optimisation/milp-model.js';
import {
  gapPct,
  type InfeasibilityDiagnosis,
  type MilpLimit,
  type MilpSolverCapabilities,
  type MilpStatus,
} from '../../../domain/optimisation/milp-solver.port.js';
import { buildElasticModel, diagnoseFromSlacks } from './elastic-diagnosis.js';
import {
  secondsSince,
  type EngineListener,
  type EngineSolution,
  type MilpEngine,
} from './milp-engine.js';
import type { ResolvedSolveOptions, WorkerOutcome } from './worker-protocol.js';

/** Options a solver cannot apply, reported in every result (also one cut by the deadline). */
export const ignoredOptions = (
  capabilities: MilpSolverCapabilities,
  options: ResolvedSolveOptions,
): readonly string[] =>
  options.deterministicNodeLimit !== undefined && !capabilities.deterministicNodeLimit
    ? ['deterministicNodeLimit']
    : [];

// Limits that make a result depend on the machine's speed.
const WALL_CLOCK_LIMITS: readonly (MilpLimit | undefined)[] = ['time_limit', 'deadline'];

/**
 * One solve as the worker runs it, on any engine: the main solve; when the engine cannot tell
 * infeasible from unbounded, a feasibility check with the objective dropped; when infeasible, the
 * elastic diagnosis. Every step draws on the one time budget (none in deterministic mode).
 */
export const solveWithEngine = (
  engine: MilpEngine,
  model: MilpModel,
  options: ResolvedSolveOptions,
  listener?: EngineListener,
): WorkerOutcome => {
  const start = performance.now();
  const deterministic = options.deterministicNodeLimit !== undefined;
  const remaining = (): number | undefined =>
    deterministic ? undefined : options.timeLimitSeconds - secondsSince(start);
  const request = (target: MilpModel) => ({
    model: target,
    timeLimitSeconds: remaining(),
    relativeGap: options.relativeGap,
    nodeLimit: options.deterministicNodeLimit,
  });
  const common = { ignoredOptions: ignoredOptions(engine.capabilities, options) };
  // Set when any step was cut by the wall clock, which makes the result machine-dependent.
  let wallClockCut = false;
  const outOfTime = (): boolean => {
    const left = remaining();
    const out = left !== undefined && left <= 0;
    wallClockCut ||= out;
    return out;
  };
  const run = (target: MilpModel, progress?: EngineListener): EngineSolution => {
    const solution = engine.solve(request(target), progress);
    wallClockCut ||= WALL_CLOCK_LIMITS.includes(solution.limitReached);
    return solution;
  };

  if (model.variables.names.length === 0) return emptyModel(model, common);
  let solution = run(model, listener);
  let message: string | undefined;
  if (solution.status === 'infeasible_or_unbounded') {
    if (outOfTime()) {
      solution = { status: 'limit', limitReached: 'time_limit' };
      message = 'the model is infeasible or unbounded; no time was left to tell which';
    } else {
      const check = run(withoutObjective(model));
      if (check.status === 'optimal' || check.status === 'feasible' || check.values !== undefined)
        solution = { status: 'unbounded' };
      else if (check.status === 'infeasible') solution = { status: 'infeasible' };
      else {
        solution = {
          status: 'limit',
          ...(check.limitReached ? { limitReached: check.limitReached } : {}),
        };
        message = 'the model is infeasible or unbounded; the check of which did not finish';
      }
    }
  }
  const status = statusOf(solution);
  const diagnosis =
    status === 'infeasible' && options.diagnoseFamilies !== undefined
      ? diagnose(model, options.diagnoseFamilies, run, outOfTime)
      : undefined;
  const gap =
    status === 'optimal' || status === 'feasible'
      ? gapPct(solution.objective, solution.bound)
      : undefined;
  return {
    status,
    ...(solution.objective === undefined || status === 'infeasible' || status === 'unbounded'
      ? {}
      : { objective: solution.objective }),
    ...(solution.bound === undefined ? {} : { bound: solution.bound }),
    ...(solution.boundSource === undefined ? {} : { boundSource: solution.boundSource }),
    ...(gap === undefined ? {} : { gapPct: gap }),
    ...(solution.values === undefined || status === 'infeasible' || status === 'unbounded'
      ? {}
      : { values: solution.values }),
    ...(solution.rowDuals === undefined || status !== 'optimal'
      ? {}
      : { rowDuals: solution.rowDuals }),
    ...(solution.limitReached === undefined ? {} : { limitReached: solution.limitReached }),
    deterministic: !wallClockCut,
    ...common,
    ...(diagnosis === undefined ? {} : { diagnosis }),
    ...((message ?? solution.message) ? { message: message ?? solution.message } : {}),
  };
};

const statusOf = (solution: EngineSolution): MilpStatus => {
  switch (solution.status) {
    case 'limit':
      return solution.values === undefined ? 'no_solution_in_time' : 'feasible';
    case 'infeasible_or_unbounded':
      return 'error';
    default:
      return solution.status;
  }
};

const diagnose = (
  model: MilpModel,
  families: readonly string[],
  run: (target: MilpModel) => EngineSolution,
  outOfTime: () => boolean,
): InfeasibilityDiagnosis => {
  const notSolved = (why: string): InfeasibilityDiagnosis => ({
    outcome: 'not_solved',
    method: 'elastic_slacks',
    findings: [],
    summary: why,
  });
  if (outOfTime()) return notSolved('no time was left for the elastic re-solve');
  const elastic = buildElasticModel(model, families);
  const solution = run(elastic.model);
  // Any feasible elastic solution shows violations that suffice; an optimal one the least total.
  if (solution.values === undefined)
    return notSolved(
      solution.status === 'infeasible'
        ? 'the model stays infeasible with every chosen constraint relaxed: look at variable bounds, integrality and the other families'
        : `the elastic re-solve ended without a solution (${solution.status})`,
    );
  return diagnoseFromSlacks(model, elastic, solution.values);
};

const withoutObjective = (model: MilpModel): MilpModel => ({
  ...model,
  objectiveOffset: 0,
  variables: { ...model.variables, objective: new Float64Array(model.variables.names.length) },
});

// GLPK cannot even hold a problem without columns; with none, every row is a constant 0.
const emptyModel = (
  model: MilpModel,
  common: { ignoredOptions: readonly string[] },
): WorkerOutcome => {
  const { lower, upper } = model.constraints;
  const feasible = lower.every((lo, i) => lo <= 0 && upper[i]! >= 0);
  const objective = model.objectiveOffset ?? 0;
  return feasible
    ? {
        status: 'optimal',
        objective,
        bound: objective,
        boundSource: 'solver',
        gapPct: 0,
        values: new Float64Array(0),
        deterministic: true,
        ...common,
      }
    : { status: 'infeasible', deterministic: true, ...common };
};
