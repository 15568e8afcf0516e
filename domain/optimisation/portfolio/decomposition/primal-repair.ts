import type { DrWindow } from '../model-context.js';
import { solveBattery, type BatterySchedule } from './battery-dp.js';
import type { CoupledPortfolio } from './coupled-portfolio.js';
import type { MasterSolution } from './master-problem.js';

/** A schedule of every block that meets the portfolio's limits in every interval. */
export interface DecomposedPrimal {
  readonly batteries: readonly BatterySchedule[];
  readonly demandResponse: readonly (DrWindow | null)[];
  /** Curtailable PV's output, kW. */
  readonly pvKw: Float64Array;
  /** Revenue minus costs, KRW (no tie-break). */
  readonly objectiveKrw: number;
  /** The same with the tie-break: comparable with the master's objective and the bound. */
  readonly modelObjective: number;
}

/**
 * The master's fractional solution made feasible (resource-directive repair). With demand response
 * fixed to whole windows (`master` must be the master solved with them fixed and without slack),
 * each battery gets a box on its net power around its master net: its master share plus a part of
 * the interval's headroom to the limits, parts in proportion to the batteries' power. Each battery
 * then optimises at the case's prices within its box, exactly and never charging and discharging
 * at once (battery-dp.ts, `exclusive`). The boxes add up to within the limits, so whatever the
 * batteries do, curtailable PV can take up the rest: it produces as much as the export limit
 * leaves room for. Undefined when a battery has no schedule in its box.
 */
export const repairPrimal = (
  portfolio: CoupledPortfolio,
  master: MasterSolution,
  demandResponse: readonly (DrWindow | null)[],
): DecomposedPrimal | undefined => {
  const p = portfolio;
  const drKw = new Float64Array(p.intervals);
  demandResponse.forEach((window, d) => {
    if (window === null) return;
    for (let t = window.start; t < window.start + window.length; t++)
      drKw[t] = drKw[t]! + p.demandResponse[d]!.asset.reductionKw;
  });
  const batteryKw = new Float64Array(p.intervals);
  for (const net of master.batteryNetKw)
    for (let t = 0; t < p.intervals; t++) batteryKw[t] = batteryKw[t]! + net[t]!;
  const curtailed = Uint8Array.from(master.pvKw, (pv, t) =>
    pv < p.curtailableKw[t]! - 1e-6 ? 1 : 0,
  );
  // What a kW of a battery's net export is worth in the repair: the case's price, except where
  // the master curtails PV at the limit, where a battery exporting less only lets PV export more,
  // so the master's dual price (~0) is its worth. Clamped at 0: below, burning energy would pay,
  // which needs charging and discharging at once.
  const price = Float64Array.from(p.priceKrwPerKwh, (q, t) =>
    curtailed[t] === 1 ? Math.max(0, q - master.pi[t]! / p.hours) : q,
  );
  // Room to the limits left by the master's solution and the batteries repaired so far: to the
  // export limit at the master's PV output, or with PV curtailed fully where the master curtails
  // it already (displacing it then earns nothing, as the price says); to the import limit with
  // PV at full output. `displaceable`: PV output that could still give way as a last resort.
  const exportRoom = new Float64Array(p.intervals).fill(Infinity);
  const importRoom = new Float64Array(p.intervals).fill(Infinity);
  const displaceable = new Float64Array(p.intervals);
  const freeRoom = new Float64Array(p.intervals).fill(Infinity);
  for (const t of p.coupled) {
    const pv = curtailed[t] === 1 ? 0 : master.pvKw[t]!;
    exportRoom[t] = p.upperKw[t]! - drKw[t]! - batteryKw[t]! - pv;
    importRoom[t] = batteryKw[t]! + drKw[t]! + p.curtailableKw[t]! - p.lowerKw[t]!;
    displaceable[t] = pv;
    // Where PV is curtailed, a battery may export less (or charge more) only as far as the
    // curtailed PV can fill in: beyond that the energy costs the full price, not the ~0 above.
    if (curtailed[t] === 1) freeRoom[t] = p.curtailableKw[t]! - master.pvKw[t]!;
  }
  const prices = { priceKrwPerKwh: price, hours: p.hours, tieBreakKrwPerKwh: p.tieBreakKrwPerKwh };
  // One battery after the other, each within its master net plus all the room left: a battery
  // that cannot keep its master net exactly (netting charge and discharge raises its SoC) takes
  // the room it needs from the ones that follow.
  const batteries: BatterySchedule[] = [];
  for (const [b, asset] of p.batteries.entries()) {
    const own = master.batteryNetKw[b]!;
    // First within the room that keeps the prices right; failing that, with all the room there
    // is (PV displaced, energy bought at full price beyond the curtailed PV).
    const box = (lastResort: boolean) => ({
      lowerKw: Float64Array.from(
        own,
        (n, t) =>
          n - Math.max(0, lastResort ? importRoom[t]! : Math.min(importRoom[t]!, freeRoom[t]!)),
      ),
      upperKw: Float64Array.from(
        own,
        (n, t) => n + Math.max(0, exportRoom[t]!) + (lastResort ? displaceable[t]! : 0),
      ),
    });
    let schedule = solveBattery(asset, prices, 'exclusive', box(false));
    let displaced = false;
    if (schedule === undefined) {
      schedule = solveBattery(asset, prices, 'exclusive', box(true));
      displaced = true;
    }
    if (schedule === undefined || !schedule.exclusive) return undefined;
    for (let t = 0; t < p.intervals; t++) {
      const more = schedule.dischargeKw[t]! - schedule.chargeKw[t]! - own[t]!;
      exportRoom[t] = exportRoom[t]! - more;
      importRoom[t] = importRoom[t]! + more;
      freeRoom[t] = freeRoom[t]! + more;
      if (displaced && exportRoom[t]! < 0) {
        displaceable[t] = displaceable[t]! + exportRoom[t]!;
        exportRoom[t] = 0;
      }
    }
    batteries.push(schedule);
  }
  return evaluate(p, batteries, demandResponse, drKw);
};

/** Below this master weight a window is round-off, not a use of it. */
const USED_WEIGHT = 1e-6;

/**
 * Whole DR choices for a master's fractional ones, the likeliest first, at most `most`: each
 * load's window with the largest master weight, or none when the master uses the load less than
 * half (the nearest whole decision); then, one load at a time, each other choice the master puts
 * weight on: its other windows, its heaviest window where the nearest was none, none where it
 * was a window. A load the master split or used in part may have been what met a limit.
 */
export const drRoundings = (
  master: MasterSolution,
  proposals: readonly (readonly { readonly window: DrWindow }[])[],
  most: number,
): (DrWindow | null)[][] => {
  const options = proposals.map((list, d) => {
    const weights = master.drWeights[d]!;
    let total = 0;
    for (const w of weights) total += w;
    const used = list
      .map((proposal, k) => ({ window: proposal.window, weight: weights[k] ?? 0 }))
      .filter((option) => option.weight > USED_WEIGHT)
      .sort((a, b) => b.weight - a.weight)
      .map((option) => option.window);
    const nearest = total >= 0.5 && used.length > 0 ? used[0]! : null;
    const others: (DrWindow | null)[] = used.filter((window) => window !== nearest);
    if (nearest !== null && total < 1 - USED_WEIGHT) others.push(null);
    return { nearest, others };
  });
  const first = options.map((option) => option.nearest);
  const roundings = [first];
  for (let d = 0; d < options.length && roundings.length < most; d++)
    for (const other of options[d]!.others) {
      if (roundings.length >= most) break;
      roundings.push(first.map((window, e) => (e === d ? other : window)));
    }
  return roundings;
};

/**
 * Block-coordinate ascent on a feasible schedule: each battery in turn re-optimises with the
 * others fixed, at the exact worth of its net export in each coupled interval (the price up to the
 * point where PV would have to be curtailed, 0 beyond, as far as PV can give way) and within the
 * limits. The current schedule is feasible for each step, so the objective never decreases.
 */
export const improvePrimal = (
  portfolio: CoupledPortfolio,
  primal: DecomposedPrimal,
  passes: number,
): DecomposedPrimal => {
  const p = portfolio;
  const batteries = [...primal.batteries];
  const drKw = new Float64Array(p.intervals);
  primal.demandResponse.forEach((window, d) => {
    if (window === null) return;
    for (let t = window.start; t < window.start + window.length; t++)
      drKw[t] = drKw[t]! + p.demandResponse[d]!.asset.reductionKw;
  });
  const total = Float64Array.from(drKw);
  for (const schedule of batteries)
    for (let t = 0; t < p.intervals; t++)
      total[t] = total[t]! + schedule.dischargeKw[t]! - schedule.chargeKw[t]!;
  for (let pass = 0; pass < passes; pass++)
    for (const [b, asset] of p.batteries.entries()) {
      const current = batteries[b]!;
      const others = Float64Array.from(
        total,
        (kw, t) => kw - current.dischargeKw[t]! + current.chargeKw[t]!,
      );
      const kneeKw = new Float64Array(p.intervals).fill(Infinity);
      const lowerKw = new Float64Array(p.intervals).fill(-Infinity);
      const upperKw = new Float64Array(p.intervals).fill(Infinity);
      for (const t of p.coupled) {
        kneeKw[t] = p.upperKw[t]! - others[t]! - p.curtailableKw[t]!;
        upperKw[t] = p.upperKw[t]! - others[t]!;
        lowerKw[t] = p.lowerKw[t]! - others[t]! - p.curtailableKw[t]!;
      }
      const next = solveBattery(
        asset,
        {
          priceKrwPerKwh: p.priceKrwPerKwh,
          hours: p.hours,
          tieBreakKrwPerKwh: p.tieBreakKrwPerKwh,
          knee: { kneeKw, priceAboveKneeKrwPerKwh: new Float64Array(p.intervals) },
        },
        'exclusive',
        { lowerKw, upperKw },
      );
      if (next === undefined || !next.exclusive) continue;
      batteries[b] = next;
      for (let t = 0; t < p.intervals; t++)
        total[t] = others[t]! + next.dischargeKw[t]! - next.chargeKw[t]!;
    }
  return evaluate(p, batteries, primal.demandResponse, drKw) ?? primal;
};

/** PV output, the limits checked, and the objective of a battery and demand-response schedule. */
const evaluate = (
  p: CoupledPortfolio,
  batteries: readonly BatterySchedule[],
  demandResponse: readonly (DrWindow | null)[],
  drKw: Float64Array,
): DecomposedPrimal | undefined => {
  const pvKw = new Float64Array(p.intervals);
  let revenue = p.constantRevenueKrw;
  let tieBreak = 0;
  for (let t = 0; t < p.intervals; t++) {
    let net = drKw[t]!;
    for (const schedule of batteries) net += schedule.dischargeKw[t]! - schedule.chargeKw[t]!;
    const room = p.upperKw[t]! - net;
    const pv = Math.max(0, Math.min(p.curtailableKw[t]!, room));
    // Tolerance: the boxes are met to ~1e-9 kW.
    if (net + pv > p.upperKw[t]! + 1e-6 || net + pv < p.lowerKw[t]! - 1e-6) return undefined;
    pvKw[t] = pv;
    revenue += p.worthPerKw[t]! * (net + pv);
  }
  let cost = 0;
  for (const [b, schedule] of batteries.entries()) {
    const asset = p.batteries[b]!;
    for (let t = 0; t < p.intervals; t++) {
      const c = schedule.chargeKw[t]!;
      const d = schedule.dischargeKw[t]!;
      cost +=
        p.hours *
        asset.degradationCostKrwPerKwh *
        (c * asset.chargeEfficiency + d / asset.dischargeEfficiency);
      tieBreak += p.hours * p.tieBreakKrwPerKwh * (c + d);
    }
  }
  demandResponse.forEach((window, d) => {
    if (window === null) return;
    const asset = p.demandResponse[d]!.asset;
    cost +=
      asset.activationCostKrw +
      p.hours * asset.energyCostKrwPerKwh * asset.reductionKw * window.length;
  });
  const objectiveKrw = revenue - cost;
  return {
    batteries,
    demandResponse,
    pvKw,
    objectiveKrw,
    modelObjective: objectiveKrw - tieBreak,
  };
};
