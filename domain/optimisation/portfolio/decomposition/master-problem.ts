import {
  MilpModelBuilder,
  milpName,
  milpPortfolioName,
  type ConstraintBounds,
  type MilpModel,
} from '../../milp-model.js';
import type { DrWindow } from '../model-context.js';
import { solveBattery, type BatterySchedule } from './battery-dp.js';
import type { CoupledPortfolio } from './coupled-portfolio.js';

/**
 * Dantzig-Wolfe decomposition of a `CoupledPortfolio` on its net position limits.
 *
 * Master (an LP, the only thing handed to the MILP solver): each battery picks a convex
 * combination of schedules generated so far (its proposals), each demand-response load at most one
 * unit of its proposed windows, curtailable PV any output in [0, forecast], subject to the
 * coupling rows lowerKw[t] <= net(t) <= upperKw[t]. Elastic slacks with a large penalty keep it
 * feasible while the proposals cannot yet meet the limits.
 *
 * Pricing (no solver): with pi(t) the coupling row's dual, a kW of net export in interval t is
 * worth price x hours - pi(t) to a block; each battery's best schedule at those worths comes from
 * the exact dynamic programme (battery-dp.ts, `relaxed`: the same relaxation as the monolithic
 * LP), each load's best window by enumeration.
 *
 * Bound (Lagrangian): for any pi with pi(t) >= 0 where only an upper limit exists and <= 0 where
 * only a lower one does,
 *   L(pi) = constant revenue + sum_t [pi+(t) upperKw(t) - pi-(t) lowerKw(t)]
 *           + sum_t curtailableKw(t) max(0, worth(t)) + sum over blocks of their best value
 * is at least the optimum of the relaxation (hence of the full problem): every block is optimised
 * on its own with the limits priced in. With pi = 0 it is the uncoupled optimum.
 */
export interface BatteryProposal {
  readonly netKw: Float64Array;
  readonly schedule: BatterySchedule;
  /** At the case's own prices (tie-break and degradation included). */
  readonly value: number;
}

export interface DrProposal {
  readonly window: DrWindow;
  readonly value: number;
}

export interface Pricing {
  /** L(pi): a proven upper bound on the model objective (tie-break included). */
  readonly bound: number;
  readonly batteries: readonly BatteryProposal[];
  /** Per load, its best window (null: none pays). */
  readonly demandResponse: readonly (DrProposal | null)[];
}

export interface MasterSolution {
  readonly objective: number;
  /** Coupling duals per interval (0 where uncoupled), clamped to their valid sign. */
  readonly pi: Float64Array;
  readonly batteryDuals: Float64Array;
  readonly drDuals: Float64Array;
  /** Each battery's convex combination of its proposals: net kW per interval. */
  readonly batteryNetKw: readonly Float64Array[];
  /** Each load's weight per proposal. */
  readonly drWeights: readonly Float64Array[];
  /** Each battery's weight per proposal. */
  readonly batteryWeights: readonly Float64Array[];
  readonly pvKw: Float64Array;
  /** Total elastic slack used, kW: > 0 means the proposals cannot meet the limits yet. */
  readonly slackKw: number;
}

export class DantzigWolfe {
  readonly batteryProposals: BatteryProposal[][];
  readonly drProposals: DrProposal[][];
  /** Master solves since each battery proposal last had a positive weight. */
  private readonly idle: number[][];
  private readonly slackPenalty: number;

  constructor(readonly portfolio: CoupledPortfolio) {
    this.batteryProposals = portfolio.batteries.map(() => []);
    this.idle = portfolio.batteries.map(() => []);
    this.drProposals = portfolio.demandResponse.map(() => []);
    let largest = 1;
    for (const worth of portfolio.worthPerKw) largest = Math.max(largest, Math.abs(worth));
    this.slackPenalty = 1e3 * largest;
  }

  /** Prices every block at `pi`; undefined when a battery has no feasible schedule at all. */
  price(pi: ArrayLike<number>): Pricing | undefined {
    const p = this.portfolio;
    const worth = Float64Array.from(p.worthPerKw, (w, t) => w - pi[t]!);
    const price = Float64Array.from(worth, (w) => w / p.hours);
    let bound = p.constantRevenueKrw;
    for (const t of p.coupled) {
      const dual = pi[t]!;
      if (dual > 0) bound += dual * p.upperKw[t]!;
      else if (dual < 0) bound += dual * p.lowerKw[t]!;
    }
    for (let t = 0; t < p.intervals; t++) bound += p.curtailableKw[t]! * Math.max(0, worth[t]!);
    const batteries: BatteryProposal[] = [];
    for (const asset of p.batteries) {
      const schedule = solveBattery(
        asset,
        { priceKrwPerKwh: price, hours: p.hours, tieBreakKrwPerKwh: p.tieBreakKrwPerKwh },
        'relaxed',
      );
      if (schedule === undefined) return undefined;
      const netKw = Float64Array.from(schedule.dischargeKw, (d, t) => d - schedule.chargeKw[t]!);
      let value = schedule.value;
      for (let t = 0; t < p.intervals; t++) value += pi[t]! * netKw[t]!;
      bound += schedule.value;
      batteries.push({ netKw, schedule, value });
    }
    const demandResponse = p.demandResponse.map((block) => {
      const best = block.best(worth);
      bound += best.value;
      return best.window === null
        ? null
        : { window: best.window, value: block.value(best.window, p.worthPerKw) };
    });
    return { bound, batteries, demandResponse };
  }

  /**
   * Adds the priced proposals whose reduced cost at the master's duals is positive; the count.
   * (All of them when there is no master solution yet.)
   */
  add(pricing: Pricing, master?: MasterSolution): number {
    const tolerance = 1e-7;
    let added = 0;
    pricing.batteries.forEach((proposal, b) => {
      if (master !== undefined) {
        let reduced = proposal.value - master.batteryDuals[b]!;
        for (const t of this.portfolio.coupled) reduced -= master.pi[t]! * proposal.netKw[t]!;
        if (reduced <= tolerance * Math.max(1, Math.abs(proposal.value))) return;
      }
      this.batteryProposals[b]!.push(proposal);
      this.idle[b]!.push(0);
      added++;
    });
    pricing.demandResponse.forEach((proposal, d) => {
      if (proposal === null) return;
      const known = this.drProposals[d]!;
      const { start, length } = proposal.window;
      if (known.some((k) => k.window.start === start && k.window.length === length)) return;
      known.push(proposal);
      added++;
    });
    return added;
  }

  /**
   * Drops battery proposals unused by the last `maxIdle` masters (`weights`: per battery, the
   * weight of each proposal in the master just solved), so the master stays small; a battery keeps
   * its used proposals. Call after reading a master and before adding new proposals.
   */
  prune(weights: readonly Float64Array[], maxIdle: number): void {
    this.batteryProposals.forEach((proposals, b) => {
      const idle = this.idle[b]!;
      const used = weights[b]!;
      let kept = 0;
      for (let k = 0; k < proposals.length; k++) {
        const age = used[k]! > 1e-9 ? 0 : idle[k]! + 1;
        if (age > maxIdle) continue;
        proposals[kept] = proposals[k]!;
        idle[kept++] = age;
      }
      proposals.length = kept;
      idle.length = kept;
    });
  }

  /** The master LP; `fixedDr[d]` (when given) fixes load d to that window or to none. */
  model(fixedDr?: readonly (DrWindow | null)[]): { model: MilpModel; layout: MasterLayout } {
    const p = this.portfolio;
    const builder = new MilpModelBuilder('max', { objectiveOffset: p.constantRevenueKrw });
    const terms: [number, number][][] = Array.from({ length: p.intervals }, () => []);
    const pv = new Int32Array(p.intervals).fill(-1);
    for (let t = 0; t < p.intervals; t++) {
      if (p.curtailableKw[t]! <= 0) continue;
      pv[t] = builder.addVariable({
        name: milpPortfolioName('dw_pv', `t${t}`),
        upper: p.curtailableKw[t]!,
        objective: p.worthPerKw[t]!,
      });
      terms[t]!.push([pv[t]!, 1]);
    }
    const batteryColumns = p.batteries.map((asset, b) =>
      this.batteryProposals[b]!.map((proposal, k) => {
        const column = builder.addVariable({
          name: milpName('dw_ess', asset.id, `k${k}`),
          objective: proposal.value,
        });
        for (const t of p.coupled) {
          const net = proposal.netKw[t]!;
          if (Math.abs(net) > 1e-9) terms[t]!.push([column, net]);
        }
        return column;
      }),
    );
    const drColumns = p.demandResponse.map((block, d) =>
      this.drProposals[d]!.map((proposal, k) => {
        const fixed = fixedDr?.[d];
        const chosen =
          fixed !== undefined &&
          fixed !== null &&
          fixed.start === proposal.window.start &&
          fixed.length === proposal.window.length;
        const column = builder.addVariable({
          name: milpName('dw_dr', block.asset.id, `k${k}`),
          lower: chosen ? 1 : 0,
          upper: fixedDr === undefined || chosen ? 1 : 0,
          objective: proposal.value,
        });
        const { start, length } = proposal.window;
        for (let t = start; t < start + length; t++)
          terms[t]!.push([column, block.asset.reductionKw]);
        return column;
      }),
    );
    const couplingRows = new Int32Array(p.intervals).fill(-1);
    const slacks: number[] = [];
    for (const t of p.coupled) {
      const lower = p.lowerKw[t]!;
      const upper = p.upperKw[t]!;
      if (Number.isFinite(upper)) {
        const s = builder.addVariable({
          name: milpPortfolioName('dw_excess', `t${t}`),
          objective: -this.slackPenalty,
        });
        terms[t]!.push([s, -1]);
        slacks.push(s);
      }
      if (Number.isFinite(lower)) {
        const s = builder.addVariable({
          name: milpPortfolioName('dw_shortfall', `t${t}`),
          objective: -this.slackPenalty,
        });
        terms[t]!.push([s, 1]);
        slacks.push(s);
      }
      const bounds: ConstraintBounds = !Number.isFinite(upper)
        ? { ge: lower }
        : Number.isFinite(lower)
          ? { ge: lower, le: upper }
          : { le: upper };
      couplingRows[t] = builder.addConstraint(
        milpPortfolioName('dw_net', `t${t}`),
        terms[t]!,
        bounds,
      );
    }
    const batteryRows = p.batteries.map((asset, b) =>
      builder.addConstraint(
        milpName('dw_convexity', asset.id),
        batteryColumns[b]!.map((column): [number, number] => [column, 1]),
        { eq: 1 },
      ),
    );
    const drRows = p.demandResponse.map((block, d) =>
      builder.addConstraint(
        milpName('dw_convexity', block.asset.id),
        drColumns[d]!.map((column): [number, number] => [column, 1]),
        { le: 1 },
      ),
    );
    return {
      model: builder.build(),
      layout: { pv, batteryColumns, drColumns, couplingRows, batteryRows, drRows, slacks },
    };
  }

  /** Reads the master's solution (values and duals) back into per-block terms. */
  read(layout: MasterLayout, objective: number, values: Float64Array, duals: Float64Array) {
    const p = this.portfolio;
    const pi = new Float64Array(p.intervals);
    for (const t of p.coupled) {
      let dual = duals[layout.couplingRows[t]!] ?? 0;
      if (!Number.isFinite(p.upperKw[t]!)) dual = Math.min(dual, 0);
      if (!Number.isFinite(p.lowerKw[t]!)) dual = Math.max(dual, 0);
      pi[t] = dual;
    }
    const batteryNetKw = layout.batteryColumns.map((columns, b) => {
      const net = new Float64Array(p.intervals);
      columns.forEach((column, k) => {
        const weight = values[column]!;
        if (weight <= 0) return;
        const proposal = this.batteryProposals[b]![k]!.netKw;
        for (let t = 0; t < p.intervals; t++) net[t] = net[t]! + weight * proposal[t]!;
      });
      return net;
    });
    let slackKw = 0;
    for (const s of layout.slacks) slackKw += values[s]!;
    const solution: MasterSolution = {
      objective,
      pi,
      batteryDuals: Float64Array.from(layout.batteryRows, (row) => duals[row] ?? 0),
      drDuals: Float64Array.from(layout.drRows, (row) => duals[row] ?? 0),
      batteryNetKw,
      drWeights: layout.drColumns.map((columns) => Float64Array.from(columns, (c) => values[c]!)),
      batteryWeights: layout.batteryColumns.map((columns) =>
        Float64Array.from(columns, (c) => values[c]!),
      ),
      pvKw: Float64Array.from(layout.pv, (column) => (column < 0 ? 0 : values[column]!)),
      slackKw,
    };
    return solution;
  }
}

export interface MasterLayout {
  readonly pv: Int32Array;
  readonly batteryColumns: readonly (readonly number[])[];
  readonly drColumns: readonly (readonly number[])[];
  readonly couplingRows: Int32Array;
  readonly batteryRows: readonly number[];
  readonly drRows: readonly number[];
  readonly slacks: readonly number[];
}
