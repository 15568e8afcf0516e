import highsModule, { type Highs, type HighsCallbackMap, type ModelData } from 'highs';
import {
  VARIABLE_KIND_CODE,
  isMixedInteger,
  type MilpModel,
} from '../../../domain/optimisation/milp-model.js';
import type { EngineListener, EngineRequest, EngineSolution, MilpEngine } from './milp-engine.js';
import { ENGINE_CAPABILITIES, ENGINE_SOLVER_NAME } from './worker-protocol.js';

// The package is CommonJS-typed: under nodenext its default import is typed as the whole module,
// while at run time (build/highs.mjs) it is the loader function itself.
const loadHighs = highsModule as unknown as typeof highsModule.default;

// Bound reports from the MIP logging callback are throttled: the parent only needs the latest.
const BOUND_REPORT_INTERVAL_MS = 200;

/**
 * HiGHS 1.15 in WebAssembly (single-threaded). One runtime per worker; each solve creates a
 * native model and disposes it in `withModel`, as the package requires to avoid leaking Wasm
 * memory. A solve is reproducible for a given model and options: `random_seed` is pinned, the
 * build has no threads, and with `deterministicNodeLimit` no wall-clock limit is set.
 */
export const createHighsEngine = async (): Promise<MilpEngine> =>
  new HighsEngine(await loadHighs());

class HighsEngine implements MilpEngine {
  readonly capabilities = ENGINE_CAPABILITIES.highs;
  readonly solver: { readonly name: string; readonly version: string };

  constructor(private readonly highs: Highs) {
    this.solver = { name: ENGINE_SOLVER_NAME.highs, version: highs.version.string };
  }

  memoryBytes(): number {
    return this.highs.memoryBytes;
  }

  solve(request: EngineRequest, listener?: EngineListener): EngineSolution {
    const { model } = request;
    const mip = isMixedInteger(model);
    const constants = this.highs.constants;
    return this.highs.withModel(this.toModelData(model, mip), (native): EngineSolution => {
      native.options.set({
        output_flag: false,
        random_seed: 0,
        mip_rel_gap: request.relativeGap,
        ...(request.timeLimitSeconds === undefined ? {} : { time_limit: request.timeLimitSeconds }),
        ...(request.nodeLimit === undefined ? {} : { mip_max_nodes: request.nodeLimit }),
      });
      native.run(mip ? this.callbacks(listener, model.direction) : undefined);
      const status = native.getModelStatus();
      const s = constants.modelStatus;
      const hasSolution =
        native.info.get('primal_solution_status') === constants.solutionStatus.feasible;
      const solution = () => {
        const objective = native.getObjectiveValue();
        const solved = native.getSolution();
        const values = Float64Array.from(solved.colValue);
        if (!mip) {
          const dualsValid =
            native.info.get('dual_solution_status') === constants.solutionStatus.feasible;
          return {
            objective,
            values,
            bound: objective,
            boundSource: 'solver' as const,
            // HiGHS's row duals satisfy reduced cost = c - A^T y in either sense, as the port's.
            ...(dualsValid && status === s.optimal
              ? { rowDuals: Float64Array.from(solved.rowDual) }
              : {}),
          };
        }
        const bound = Number(native.info.get('mip_dual_bound'));
        return Number.isFinite(bound)
          ? { objective, values, bound, boundSource: 'solver' as const }
          : { objective, values };
      };
      switch (status) {
        case s.optimal:
          return { status: 'optimal', ...solution() };
        case s.empty:
          return {
            status: 'optimal',
            objective: model.objectiveOffset ?? 0,
            values: new Float64Array(model.variables.names.length),
          };
        case s.infeasible:
          return { status: 'infeasible' };
        case s.unbounded:
          return { status: 'unbounded' };
        case s.unboundedOrInfeasible:
          return { status: 'infeasible_or_unbounded' };
        case s.timeLimit:
        case s.interrupted:
          return {
            status: 'limit',
            limitReached: 'time_limit',
            ...(hasSolution ? solution() : this.bound(native, mip)),
          };
        case s.solutionLimit:
          // HiGHS reports its node limit (mip_max_nodes) as a solution limit.
          return {
            status: 'limit',
            limitReached: 'node_limit',
            ...(hasSolution ? solution() : this.bound(native, mip)),
          };
        case s.iterationLimit:
          return {
            status: 'limit',
            limitReached: 'iteration_limit',
            ...(hasSolution ? solution() : this.bound(native, mip)),
          };
        default:
          return { status: 'error', message: `HiGHS ended with model status ${status}` };
      }
    });
  }

  private bound(native: { info: { get(name: string): number | bigint } }, mip: boolean) {
    if (!mip) return {};
    const bound = Number(native.info.get('mip_dual_bound'));
    return Number.isFinite(bound) ? { bound, boundSource: 'solver' as const } : {};
  }

  private callbacks(
    listener: EngineListener | undefined,
    direction: 'max' | 'min',
  ): HighsCallbackMap | undefined {
    if (listener === undefined) return undefined;
    const types = this.highs.constants.callbackType;
    let lastReport = -Infinity;
    let lastBound: number | undefined;
    const reportBound = (bound: number | undefined, force: boolean): void => {
      if (bound === undefined || !Number.isFinite(bound)) return;
      const tighter =
        lastBound === undefined || (direction === 'max' ? bound < lastBound : bound > lastBound);
      const now = performance.now();
      if (!tighter || (!force && now - lastReport < BOUND_REPORT_INTERVAL_MS)) return;
      lastReport = now;
      lastBound = bound;
      listener.bound?.(bound, 'solver');
    };
    return {
      [types.mipImprovingSolution]: (event) => {
        const { objective_function_value: objective, mip_solution: values } = event.data;
        if (objective !== undefined && values !== undefined)
          listener.incumbent?.(objective, Float64Array.from(values));
        reportBound(event.data.mip_dual_bound, true);
        return undefined;
      },
      // A periodic checkpoint (logging callbacks stay silent with output off); never interrupts.
      [types.mipInterrupt]: (event) => {
        reportBound(event.data.mip_dual_bound, false);
        return undefined;
      },
    };
  }

  private toModelData(model: MilpModel, mip: boolean): ModelData {
    const { variables: v, constraints: c } = model;
    const n = v.names.length;
    const m = c.names.length;
    const colLower = Float64Array.from(v.lower);
    const colUpper = Float64Array.from(v.upper);
    const integrality = new Int32Array(n);
    const types = this.highs.constants.variableType;
    for (let j = 0; j < n; j++) {
      const kind = v.kinds[j]!;
      if (kind === VARIABLE_KIND_CODE.continuous) continue;
      integrality[j] = types.integer;
      if (kind === VARIABLE_KIND_CODE.binary) {
        colLower[j] = Math.max(colLower[j]!, 0);
        colUpper[j] = Math.min(colUpper[j]!, 1);
      }
    }
    const senses = this.highs.constants.objectiveSense;
    return {
      numCols: n,
      numRows: m,
      sense: model.direction === 'max' ? senses.maximize : senses.minimize,
      offset: model.objectiveOffset ?? 0,
      colCost: v.objective,
      colLower,
      colUpper,
      rowLower: c.lower,
      rowUpper: c.upper,
      matrix: {
        format: 'csr',
        numRows: m,
        numCols: n,
        starts: c.starts,
        indices: c.columns,
        values: c.coefficients,
      },
      ...(mip ? { integrality } : {}),
    };
  }
}
