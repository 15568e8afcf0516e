import type { MilpModel } from '../milp-model.js';
import { binaryKey, type DrWindowChoice } from './model-context.js';
import type { PortfolioCase } from './portfolio-case.js';
import type { PortfolioIndex } from './portfolio-index.js';

const FEASIBILITY_TOLERANCE = 1e-6;

/**
 * Rounds the demand-response windows of a relaxed solution without another solve: every load gets
 * its chosen window (or none), the meters take the changed reduction, and where that pushes a
 * meter or the portfolio past an export limit, PV at that meter is curtailed by the excess
 * (curtailment is free, so nothing else has to move). Everything else keeps its relaxed value.
 *
 * Returns the values in the same model's columns, or undefined when the repair does not apply or
 * the result breaks any row or bound of `model` (checked row by row): the caller then solves the
 * rounded model instead. With integral windows the returned point is feasible for the full model
 * as far as demand response goes; mode binaries are the caller's check (lazy-binaries.ts).
 */
export const repairDrRounding = (
  portfolioCase: PortfolioCase,
  model: MilpModel,
  index: PortfolioIndex,
  relaxed: Float64Array,
  choices: ReadonlyMap<string, DrWindowChoice>,
): Float64Array | undefined => {
  const values = Float64Array.from(relaxed);
  const { lower: columnLower, upper: columnUpper } = model.variables;
  const intervals = portfolioCase.intervals;
  for (const [s, columns] of index.scenarios.entries()) {
    // Change of each meter's net export (kW) from the rounding.
    const delta = portfolioCase.sites.map(() => new Float64Array(intervals));
    for (const [a, asset] of portfolioCase.assets.entries()) {
      const assetColumns = columns.assets[a]!;
      if (assetColumns.kind !== 'dr_load' || assetColumns.windows.length === 0) continue;
      if (asset.kind !== 'dr_load' || !asset.allOrNothing) return undefined;
      const choice = choices.get(binaryKey('dr', asset.id, s));
      if (choice === undefined) return undefined;
      const active = new Float64Array(intervals);
      for (const window of assetColumns.windows) {
        const on =
          choice !== null && window.start === choice.start && window.length === choice.length;
        values[window.column] = on ? 1 : 0;
        if (on) for (let t = window.start; t < window.start + window.length; t++) active[t] = 1;
      }
      const m = portfolioCase.sites.findIndex((site) => site.id === asset.siteId);
      for (let t = 0; t < intervals; t++) {
        const y = assetColumns.active[t]!;
        if (y < 0) continue;
        delta[m]![t]! += asset.reductionKw * (active[t]! - relaxed[y]!);
        values[y] = active[t]!;
      }
    }
    for (const [m, meter] of columns.meters.entries()) {
      const curtailment = siteCurtailment(portfolioCase, index, s, m);
      for (let t = 0; t < intervals; t++) {
        const e = meter.exportKw[t]!;
        const i = meter.importKw[t]!;
        if (e < 0 || i < 0) return undefined;
        let net = values[e]! - values[i]! + delta[m]![t]!;
        const excess = net - columnUpper[e]!;
        if (excess > 0) {
          const k = curtailment?.[t] ?? -1;
          if (k < 0 || values[k]! + excess > columnUpper[k]! + FEASIBILITY_TOLERANCE)
            return undefined;
          values[k] = Math.min(values[k]! + excess, columnUpper[k]!);
          net -= excess;
        }
        values[e] = Math.max(net, 0);
        values[i] = Math.max(-net, 0);
      }
    }
    // The portfolio's net position, curtailing more where it passes the export limit (one meter).
    for (let t = 0; t < intervals; t++) {
      const n = columns.net[t]!;
      let net = 0;
      for (const meter of columns.meters)
        net += values[meter.exportKw[t]!]! - values[meter.importKw[t]!]!;
      const excess = net - columnUpper[n]!;
      if (excess > 0) {
        if (columns.meters.length !== 1) return undefined;
        const k = siteCurtailment(portfolioCase, index, s, 0)?.[t] ?? -1;
        const e = columns.meters[0]!.exportKw[t]!;
        if (k < 0 || values[k]! + excess > columnUpper[k]! + FEASIBILITY_TOLERANCE)
          return undefined;
        values[k] = Math.min(values[k]! + excess, columnUpper[k]!);
        values[e] = values[e]! - excess;
        net -= excess;
      }
      values[n] = net;
    }
  }
  return satisfies(model, values, columnLower, columnUpper) ? values : undefined;
};

const siteCurtailment = (
  portfolioCase: PortfolioCase,
  index: PortfolioIndex,
  scenario: number,
  meter: number,
): Int32Array | undefined => {
  const siteId = portfolioCase.sites[meter]!.id;
  const columns = index.scenarios[scenario]!;
  for (const [a, asset] of portfolioCase.assets.entries()) {
    const assetColumns = columns.assets[a]!;
    if (asset.kind === 'pv' && asset.siteId === siteId && assetColumns.kind === 'pv')
      if (assetColumns.curtailment.some((k) => k >= 0)) return assetColumns.curtailment;
  }
  return undefined;
};

/** Every row and column bound of `model` holds at `values` (within a small relative tolerance). */
export const satisfies = (
  model: MilpModel,
  values: Float64Array,
  columnLower: ArrayLike<number> = model.variables.lower,
  columnUpper: ArrayLike<number> = model.variables.upper,
): boolean => {
  const magnitude = (x: number) => (Number.isFinite(x) ? Math.abs(x) : 0);
  const within = (x: number, lo: number, hi: number) => {
    const tolerance = FEASIBILITY_TOLERANCE * Math.max(1, magnitude(lo), magnitude(hi));
    return x >= lo - tolerance && x <= hi + tolerance;
  };
  for (let j = 0; j < values.length; j++)
    if (!within(values[j]!, columnLower[j]!, columnUpper[j]!)) return false;
  const { starts, columns, coefficients, lower, upper } = model.constraints;
  for (let r = 0; r < lower.length; r++) {
    let activity = 0;
    for (let k = starts[r]!; k < starts[r + 1]!; k++)
      activity += coefficients[k]! * values[columns[k]!]!;
    if (!within(activity, lower[r]!, upper[r]!)) return false;
  }
  return true;
};

/** The model's objective at `values` (offset included). */
export const objectiveAt = (model: MilpModel, values: Float64Array): number => {
  let objective = model.objectiveOffset ?? 0;
  const c = model.variables.objective;
  for (let j = 0; j < values.length; j++) objective += c[j]! * values[j]!;
  return objective;
};
