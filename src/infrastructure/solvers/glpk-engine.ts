import createGlpk, { type GLPK, type LP, type Result } from 'glpk.js/node';
import {
  VARIABLE_KIND_CODE,
  isMixedInteger,
  type MilpModel,
} from '../../../domain/optimisation/milp-model.js';
import {
  secondsSince,
  type EngineListener,
  type EngineRequest,
  type EngineSolution,
  type MilpEngine,
} from './milp-engine.js';
import { ENGINE_CAPABILITIES, ENGINE_SOLVER_NAME } from './worker-protocol.js';

type Bnds = LP['subjectTo'][number]['bnds'];

/** How close to its time limit (s) a GLPK stop counts as the limit's: 50 ms plus 2 %. */
const timeLimitMarginSeconds = (limitSeconds: number): number => 0.05 + 0.02 * limitSeconds;

/**
 * glpk.js 5 (GLPK 5 in WebAssembly). One GLPK module per worker, reused for every solve: each
 * `GLPK()` instantiates a fresh WebAssembly memory, and glpk.js frees each problem object itself
 * (`glp_delete_prob` after `solve`), so one module keeps memory flat (see the RSS test).
 *
 * What glpk.js does not expose, and how this engine copes:
 * - no best bound from the branch-and-bound tree: the LP relaxation is solved first and its
 *   objective is the reported bound (it also proves infeasibility or an unbounded relaxation early);
 * - no return code of `glp_intopt`: a MIP that stops with a feasible solution is either at the gap
 *   tolerance or at the time limit; it was the gap when it stopped before the time limit could
 *   have triggered (GLPK stops at `tm_lim - 1 ms` measured inside the call, which our outer
 *   measurement can only exceed);
 * - no node limit (listed in `ignoredOptions` by the pipeline), no incumbent callbacks.
 */
export const createGlpkEngine = async (): Promise<MilpEngine> => new GlpkEngine(await createGlpk());

class GlpkEngine implements MilpEngine {
  readonly capabilities = ENGINE_CAPABILITIES.glpk;
  readonly solver: { readonly name: string; readonly version: string };

  constructor(private readonly glpk: GLPK) {
    this.solver = { name: ENGINE_SOLVER_NAME.glpk, version: glpk.version };
  }

  memoryBytes(): undefined {
    return undefined;
  }

  solve(request: EngineRequest, listener?: EngineListener): EngineSolution {
    const start = performance.now();
    const relaxation = this.solveLp(request.model, request.timeLimitSeconds);
    if (!isMixedInteger(request.model)) return relaxation;
    // A MIP whose relaxation is infeasible is infeasible; one whose relaxation is unbounded is
    // unbounded or infeasible.
    if (relaxation.status === 'unbounded') return { status: 'infeasible_or_unbounded' };
    if (relaxation.status !== 'optimal')
      return { ...relaxation, values: undefined, objective: undefined };
    const bound = relaxation.objective!;
    listener?.bound?.(bound, 'lp_relaxation');
    const remaining =
      request.timeLimitSeconds === undefined
        ? undefined
        : request.timeLimitSeconds - secondsSince(start);
    if (remaining !== undefined && remaining <= 0)
      return { status: 'limit', limitReached: 'time_limit', bound, boundSource: 'lp_relaxation' };
    return this.solveMip(request, remaining, bound);
  }

  private solveLp(model: MilpModel, timeLimitSeconds: number | undefined): EngineSolution {
    const start = performance.now();
    const lp = this.toLp(model, false);
    const run = (presolve: boolean, tmlim: number | undefined): Result =>
      this.glpk.solve(lp, {
        msglev: this.glpk.GLP_MSG_OFF,
        presol: presolve,
        ...(tmlim === undefined ? {} : { tmlim }),
      });
    let result = run(true, timeLimitSeconds);
    const timeUp = (): boolean =>
      timeLimitSeconds !== undefined &&
      secondsSince(start) >= timeLimitSeconds - timeLimitMarginSeconds(timeLimitSeconds);
    // GLPK's LP presolver leaves the status undefined when it finds the model infeasible or
    // unbounded; the simplex without it says which.
    if (result.result.status === this.glpk.GLP_UNDEF && !timeUp()) {
      const remaining =
        timeLimitSeconds === undefined ? undefined : timeLimitSeconds - secondsSince(start);
      result = run(false, remaining);
    }
    const { status, z } = result.result;
    const objective = z + (model.objectiveOffset ?? 0);
    switch (status) {
      case this.glpk.GLP_OPT:
        return {
          status: 'optimal',
          objective,
          bound: objective,
          boundSource: 'solver',
          values: this.values(model, result),
          ...this.rowDuals(model, result),
        };
      case this.glpk.GLP_NOFEAS:
        return { status: 'infeasible' };
      case this.glpk.GLP_UNBND:
        return { status: 'unbounded' };
      case this.glpk.GLP_FEAS:
        return {
          status: 'limit',
          limitReached: 'time_limit',
          objective,
          values: this.values(model, result),
        };
      default:
        return timeUp()
          ? { status: 'limit', limitReached: 'time_limit' }
          : { status: 'error', message: `glp_simplex ended with status ${status}` };
    }
  }

  private solveMip(
    request: EngineRequest,
    tmlim: number | undefined,
    relaxationBound: number,
  ): EngineSolution {
    const { model, relativeGap } = request;
    const start = performance.now();
    const result = this.glpk.solve(this.toLp(model, true), {
      msglev: this.glpk.GLP_MSG_OFF,
      presol: true,
      mipgap: relativeGap,
      ...(tmlim === undefined ? {} : { tmlim }),
    });
    const elapsed = secondsSince(start);
    const { status, z } = result.result;
    const objective = z + (model.objectiveOffset ?? 0);
    const relaxed = { bound: relaxationBound, boundSource: 'lp_relaxation' as const };
    // GLPK stops when |objective - bound| / (|objective| + eps) <= relativeGap: the bound implied
    // by that, or the relaxation's when it is tighter.
    const gapBound = (objective: number) => {
      const slack = relativeGap * (Math.abs(objective) + Number.EPSILON);
      const implied = model.direction === 'max' ? objective + slack : objective - slack;
      const tighter =
        model.direction === 'max' ? implied < relaxationBound : implied > relaxationBound;
      return tighter ? { bound: implied, boundSource: 'gap_tolerance' as const } : relaxed;
    };
    switch (status) {
      case this.glpk.GLP_OPT: {
        const values = this.values(model, result);
        // With no gap tolerance GLP_OPT means the search tree was exhausted: the incumbent is
        // optimal. With one, glpk.js reports GLP_OPT also when it stopped at the gap, and does
        // not say which: all that is proven is the incumbent plus the gap.
        if (relativeGap === 0)
          return { status: 'optimal', objective, bound: objective, boundSource: 'solver', values };
        return { status: 'optimal', objective, values, ...gapBound(objective) };
      }
      case this.glpk.GLP_FEAS: {
        const values = this.values(model, result);
        // GLPK's clock and ours differ by a few milliseconds: a stop at its time limit can look
        // like one just before it (seen as a wrong 'optimal' in CI). Only a stop clearly before
        // the limit is taken for the gap; near it, the weaker claim (a time-limit stop) is made.
        const stoppedByGap =
          relativeGap > 0 &&
          (tmlim === undefined || elapsed < tmlim - timeLimitMarginSeconds(tmlim));
        if (!stoppedByGap)
          return { status: 'limit', limitReached: 'time_limit', objective, values, ...relaxed };
        return { status: 'optimal', objective, values, ...gapBound(objective) };
      }
      case this.glpk.GLP_NOFEAS:
        return { status: 'infeasible' };
      default:
        return tmlim !== undefined && elapsed >= tmlim - timeLimitMarginSeconds(tmlim)
          ? { status: 'limit', limitReached: 'time_limit', ...relaxed }
          : { status: 'error', message: `glp_intopt ended with status ${status}`, ...relaxed };
    }
  }

  private values(model: MilpModel, result: Result): Float64Array {
    const names = model.variables.names;
    const values = new Float64Array(names.length);
    for (let j = 0; j < names.length; j++) values[j] = result.result.vars[names[j]!] ?? 0;
    return values;
  }

  // Only a pure LP's duals mean anything to the caller (a MIP's relaxation is an internal step).
  private rowDuals(model: MilpModel, result: Result): { rowDuals?: Float64Array } {
    const dual = result.result.dual;
    if (dual === undefined || isMixedInteger(model)) return {};
    const names = model.constraints.names;
    const rowDuals = new Float64Array(names.length);
    for (let i = 0; i < names.length; i++) rowDuals[i] = dual[names[i]!] ?? 0;
    return { rowDuals };
  }

  private toLp(model: MilpModel, keepIntegrality: boolean): LP {
    const { variables: v, constraints: c } = model;
    const names = v.names;
    // Every column appears in the objective, in index order, so GLPK numbers them as we do.
    const objectiveVars = names.map((name, j) => ({ name, coef: v.objective[j]! }));
    const subjectTo: LP['subjectTo'] = [];
    for (let i = 0; i < c.names.length; i++) {
      const vars: { name: string; coef: number }[] = [];
      for (let k = c.starts[i]!; k < c.starts[i + 1]!; k++)
        vars.push({ name: names[c.columns[k]!]!, coef: c.coefficients[k]! });
      subjectTo.push({ name: c.names[i]!, vars, bnds: this.bnds(c.lower[i]!, c.upper[i]!) });
    }
    const bounds: NonNullable<LP['bounds']> = [];
    const generals: string[] = [];
    for (let j = 0; j < names.length; j++) {
      let lower = v.lower[j]!;
      let upper = v.upper[j]!;
      const kind = v.kinds[j]!;
      if (kind === VARIABLE_KIND_CODE.binary) {
        // Declared as a general integer within [0, 1]: glp_set_col_kind(GLP_BV) would reset the
        // bounds to [0, 1] and lose a binary fixed by its bounds.
        lower = Math.max(lower, 0);
        upper = Math.min(upper, 1);
      }
      if (keepIntegrality && kind !== VARIABLE_KIND_CODE.continuous) generals.push(names[j]!);
      bounds.push({ name: names[j]!, ...this.bnds(lower, upper) });
    }
    return {
      name: 'gridfolio',
      objective: {
        direction: model.direction === 'max' ? this.glpk.GLP_MAX : this.glpk.GLP_MIN,
        name: 'objective',
        vars: objectiveVars,
      },
      subjectTo,
      bounds,
      generals,
    };
  }

  private bnds(lower: number, upper: number): Bnds {
    const g = this.glpk;
    if (lower === -Infinity && upper === Infinity) return { type: g.GLP_FR, lb: 0, ub: 0 };
    if (lower === -Infinity) return { type: g.GLP_UP, lb: 0, ub: upper };
    if (upper === Infinity) return { type: g.GLP_LO, lb: lower, ub: 0 };
    if (lower === upper) return { type: g.GLP_FX, lb: lower, ub: upper };
    return { type: g.GLP_DB, lb: lower, ub: upper };
  }
}
