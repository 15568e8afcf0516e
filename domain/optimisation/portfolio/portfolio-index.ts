/**
 * Maps the columns of a portfolio model back to quantities: per scenario, per asset (in the
 * case's asset order) and per interval, the variable index of each quantity, -1 where it has no
 * column (a fixed quantity, an EV away, no binary).
 */
export interface PortfolioIndex {
  readonly scenarios: readonly ScenarioColumns[];
  /** Tie-break penalty per kWh of storage throughput (see objective.ts). */
  readonly tieBreakKrwPerKwh: number;
  /** The most the tie-break can take from the objective: bounds its effect on the optimum. */
  readonly maxTieBreakPenaltyKrw: number;
  readonly binaryCount: number;
}

export interface ScenarioColumns {
  readonly assets: readonly AssetColumns[];
  /** One per site, in the case's site order. */
  readonly meters: readonly MeterColumns[];
  /** The portfolio's net position (export positive), kW: what the bids offer. */
  readonly net: Int32Array;
}

export interface MeterColumns {
  readonly siteId: string;
  readonly importKw: Int32Array;
  readonly exportKw: Int32Array;
  /** 1 = export allowed, 0 = import allowed. */
  readonly mode: Int32Array;
}

export interface EssColumns {
  readonly kind: 'ess';
  readonly charge: Int32Array;
  readonly discharge: Int32Array;
  readonly soc: Int32Array;
  /** 1 = charging allowed, 0 = discharging allowed. */
  readonly mode: Int32Array;
}

export interface PvColumns {
  readonly kind: 'pv';
  /**
   * The curtailment column shared by the meter's curtailable plants (-1 everywhere for a plant
   * that cannot be curtailed, -1 where nothing can be curtailed).
   */
  readonly curtailment: Int32Array;
  /** Their total forecast per interval: a plant's share of the curtailment is its forecast / this. */
  readonly curtailableKw: Float64Array;
}

export interface LoadColumns {
  readonly kind: 'load';
}

export interface DrWindow {
  readonly column: number;
  readonly start: number;
  readonly length: number;
}

export interface DrColumns {
  readonly kind: 'dr_load';
  /** Share of the interval covered by an activation (0 or 1 in an integer solution). */
  readonly active: Int32Array;
  /** -1 everywhere when all or nothing (reduction = reductionKw x active). */
  readonly reduction: Int32Array;
  readonly windows: readonly DrWindow[];
  /**
   * Present when the windows are a subset of the admissible ones (column generation): what it
   * takes to price the others from the row duals (dr-pricing.ts).
   */
  readonly pricing?: DrPricingRows;
}

/** Rows a window column (start a, length n) enters, and the admissible windows. */
export interface DrPricingRows {
  /** Flow row per interval: -1 at a, +1 at a + n (no row at the horizon's end). */
  readonly flowRows: Int32Array;
  /** Separation row per interval (-1: none): +1 at a + n. */
  readonly separationRows: Int32Array;
  /** Activations row: +1. */
  readonly activationsRow: number;
  /** Hours row (-1: none): +n. */
  readonly hoursRow: number;
  readonly maxActivations: number;
  /** Objective coefficient of a window of `length` intervals. */
  readonly objectiveOf: (length: number) => number;
  readonly candidates: readonly { readonly start: number; readonly length: number }[];
}

export interface EvColumns {
  readonly kind: 'ev_charger';
  readonly charge: Int32Array;
  readonly discharge: Int32Array;
  /** Energy in the plugged-in vehicle at the end of the interval. */
  readonly energy: Int32Array;
  readonly mode: Int32Array;
}

export interface FuelCellColumns {
  readonly kind: 'fuel_cell';
  readonly output: Int32Array;
  /** Commitment binary; -1 when neither minimum output nor start cost needs one. */
  readonly on: Int32Array;
  readonly start: Int32Array;
}

export type AssetColumns =
  EssColumns | PvColumns | LoadColumns | DrColumns | EvColumns | FuelCellColumns;
