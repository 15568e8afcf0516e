import type {
  MilpResult,
  MilpSolveOptions,
  MilpSolver,
} from '../../domain/optimisation/milp-solver.port.js';
import type { MilpModel } from '../../domain/optimisation/milp-model.js';

/**
 * A solver whose every solve is limited by branch-and-bound nodes, never by seconds, so that a
 * simulation repeats on any machine: `solveCase` passes only a time limit, which this replaces by
 * `deterministicNodeLimit` (the adapter then hands the solver no wall-clock limit; glpk.js, which
 * has no node limit, runs each solve to completion).
 */
export class DeterministicSolver implements MilpSolver {
  constructor(
    private readonly inner: MilpSolver,
    private readonly nodeLimit: number,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  get capabilities(): MilpSolver['capabilities'] {
    return this.inner.capabilities;
  }

  solve(model: MilpModel, options: MilpSolveOptions = {}): Promise<MilpResult> {
    return this.inner.solve(model, { ...options, deterministicNodeLimit: this.nodeLimit });
  }
}
