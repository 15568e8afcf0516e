import {
  milpPortfolioName,
  validateMilpModel,
  VARIABLE_KIND_CODE,
  type MilpModel,
} from '../../optimisation/milp-model.js';
import { buildPortfolioModel } from '../../optimisation/portfolio/build-portfolio-model.js';
import type { BinaryPlan } from '../../optimisation/portfolio/model-context.js';
import { intervalHours, type PortfolioCase } from '../../optimisation/portfolio/portfolio-case.js';
import type { PortfolioIndex } from '../../optimisation/portfolio/portfolio-index.js';

/**
 * The portfolio's physical model (every asset's limits: SoC, EV departure energy, demand-response
 * windows, fuel-cell commitment, meter and grid limits) for ONE price sequence, with the economic
 * objective replaced by the energy the net position deviates from an award:
 *
 *   minimise  sum_t h (over_t + under_t)
 *   s.t.      net_t - over_t + under_t = award_t        (one `award_deviation` row per interval)
 *             over_t, under_t >= 0, and the portfolio model's rows.
 *
 * At the optimum over_t + under_t = |award_t - net_t|, so the objective is the least total energy
 * (kWh) by which any feasible dispatch misses the award.
 *
 * Tie-break: storage throughput (battery and EV charge plus discharge, grid side) costs
 * `THROUGHPUT_TIE_BREAK` per kWh. Without it the many dispatches that meet an award equally well
 * include ones that charge and discharge at once, which the relaxation must then forbid with
 * binaries (a MILP per sample instead of an LP). A kWh of deviation costs 1/THROUGHPUT_TIE_BREAK
 * = 10^5 times more, so the tie-break can raise the reported deviation by at most
 * THROUGHPUT_TIE_BREAK x the largest possible throughput (e.g. 4.8e-3 kWh for a 10 kW battery
 * over 24 h), and in practice not at all: trading deviation for throughput needs 10^5 kWh saved
 * per kWh given up. It stays above the simplex's optimality tolerance (~1e-7). The award enters only the right-hand
 * sides of the deviation rows (`withAward`), so one model serves every sample with the same
 * binary plan. Prices do not enter the feasible set; the model is built with zero prices, which
 * also keeps the meters' import/export mode groups out of `binaryViolations`.
 */
export interface DeviationModel {
  /** Award rows' right-hand sides at 0. */
  readonly model: MilpModel;
  readonly index: PortfolioIndex;
  /** The single-scenario case the model was built from (for `binaryViolations`). */
  readonly physicalCase: PortfolioCase;
  /** Row index of each interval's award row. */
  readonly awardRows: Int32Array;
  readonly overColumns: Int32Array;
  readonly underColumns: Int32Array;
}

/** The case with one zero-price scenario: same assets and limits. */
export const physicalCaseOf = (portfolioCase: PortfolioCase): PortfolioCase => {
  const zeros = new Array<number>(portfolioCase.intervals).fill(0);
  return {
    ...portfolioCase,
    scenarios: [{ probability: 1, importPricesKrwPerKwh: zeros, exportPricesKrwPerKwh: zeros }],
  };
};

export const THROUGHPUT_TIE_BREAK = 1e-5;

export const buildDeviationModel = (
  physicalCase: PortfolioCase,
  binaries: BinaryPlan,
): DeviationModel => {
  const { model: base, index } = buildPortfolioModel(physicalCase, {
    binaries,
    tieBreakKrwPerKwh: 0,
  });
  const net = index.scenarios[0]!.net;
  const intervals = physicalCase.intervals;
  const hours = intervalHours(physicalCase);
  const n0 = base.variables.names.length;
  const m0 = base.constraints.names.length;
  const nnz0 = base.constraints.columns.length;

  const names = [...base.variables.names];
  const lower = new Float64Array(n0 + 2 * intervals);
  const upper = new Float64Array(n0 + 2 * intervals);
  const kinds = new Uint8Array(n0 + 2 * intervals);
  // Only the deviation columns cost anything: money plays no part in what can be delivered.
  const objective = new Float64Array(n0 + 2 * intervals);
  lower.set(base.variables.lower);
  upper.set(base.variables.upper);
  kinds.set(base.variables.kinds);
  for (const asset of index.scenarios[0]!.assets)
    if (asset.kind === 'ess' || asset.kind === 'ev_charger')
      for (const flows of [asset.charge, asset.discharge])
        for (const column of flows)
          if (column >= 0) objective[column] = THROUGHPUT_TIE_BREAK * hours;
  const overColumns = new Int32Array(intervals);
  const underColumns = new Int32Array(intervals);
  for (let t = 0; t < intervals; t++) {
    const over = n0 + 2 * t;
    const under = over + 1;
    overColumns[t] = over;
    underColumns[t] = under;
    names.push(milpPortfolioName('award_over', `t${t}`), milpPortfolioName('award_under', `t${t}`));
    for (const column of [over, under]) {
      upper[column] = Infinity;
      kinds[column] = VARIABLE_KIND_CODE.continuous;
      objective[column] = hours;
    }
  }

  const rowNames = [...base.constraints.names];
  const rowLower = new Float64Array(m0 + intervals);
  const rowUpper = new Float64Array(m0 + intervals);
  rowLower.set(base.constraints.lower);
  rowUpper.set(base.constraints.upper);
  const starts = new Int32Array(m0 + intervals + 1);
  starts.set(base.constraints.starts);
  const columns = new Int32Array(nnz0 + 3 * intervals);
  const coefficients = new Float64Array(nnz0 + 3 * intervals);
  columns.set(base.constraints.columns);
  coefficients.set(base.constraints.coefficients);
  const awardRows = new Int32Array(intervals);
  let k = nnz0;
  for (let t = 0; t < intervals; t++) {
    const row = m0 + t;
    awardRows[t] = row;
    rowNames.push(milpPortfolioName('award_deviation', `t${t}`));
    for (const [column, coefficient] of [
      [net[t]!, 1],
      [overColumns[t]!, -1],
      [underColumns[t]!, 1],
    ] as const) {
      columns[k] = column;
      coefficients[k] = coefficient;
      k++;
    }
    starts[row + 1] = k;
  }

  const model: MilpModel = {
    direction: 'min',
    ...(base.familyUnits === undefined
      ? {}
      : { familyUnits: { ...base.familyUnits, award_deviation: 'kW' } }),
    variables: { names, lower, upper, kinds, objective },
    constraints: {
      names: rowNames,
      lower: rowLower,
      upper: rowUpper,
      starts,
      columns,
      coefficients,
    },
  };
  validateMilpModel(model);
  return { model, index, physicalCase, awardRows, overColumns, underColumns };
};

/** The model with the award rows' right-hand sides set to `awardKw` (the rest shared). */
export const withAward = (deviation: DeviationModel, awardKw: Float64Array): MilpModel => {
  const { model, awardRows } = deviation;
  const lower = Float64Array.from(model.constraints.lower);
  const upper = Float64Array.from(model.constraints.upper);
  for (let t = 0; t < awardRows.length; t++) {
    lower[awardRows[t]!] = awardKw[t]!;
    upper[awardRows[t]!] = awardKw[t]!;
  }
  return { ...model, constraints: { ...model.constraints, lower, upper } };
};
