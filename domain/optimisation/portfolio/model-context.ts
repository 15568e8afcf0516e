import { milpName, type MilpModelBuilder } from '../milp-model.js';
import type { PortfolioCase } from './portfolio-case.js';

/**
 * Which mode and integrality restrictions are enforced with binaries. The model builder starts
 * from the relaxation and `solveCase` adds groups where the relaxed solution needs them (see
 * lazy-binaries.ts):
 * - `ess` / `ev`: one asset, interval and scenario (charge and discharge never both);
 * - `meter`: one meter, interval and scenario (import and export never both);
 * - `dr`: one demand-response load and scenario (its activation windows all or nothing).
 * Fuel-cell commitment is always binary (see fuel-cell.model.ts).
 */
export type BinaryGroup = 'ess' | 'ev' | 'meter' | 'dr';

export const binaryKey = (
  group: BinaryGroup,
  owner: string,
  scenario: number,
  interval?: number,
): string => `${group}|${owner}|${scenario}|${interval ?? '*'}`;

/**
 * One activation window of a demand-response load (start interval, length in intervals), or
 * null: no activation.
 */
export type DrWindowChoice = DrWindow | null;

export interface DrWindow {
  readonly start: number;
  readonly length: number;
}

export class BinaryPlan {
  private readonly keys: Set<string>;
  /**
   * Demand-response loads (by `dr` key) restricted to one window, binary: the rounding heuristic
   * of `solveCase`. A plan with restrictions no longer describes a relaxation of the full model.
   */
  readonly drRestrictions: ReadonlyMap<string, DrWindowChoice>;

  /**
   * Demand-response loads (by `dr` key) whose continuous windows are limited to a subset: the
   * restricted master problem of column generation (dr-pricing.ts). Its optimum is no relaxation
   * of the full model until pricing finds no improving window.
   */
  readonly drWindowSubsets: ReadonlyMap<string, readonly DrWindow[]>;

  /** `all`: every group binary (the full MILP, the reference formulation). */
  constructor(
    readonly all = false,
    keys: Iterable<string> = [],
    drRestrictions: ReadonlyMap<string, DrWindowChoice> = new Map(),
    drWindowSubsets: ReadonlyMap<string, readonly DrWindow[]> = new Map(),
  ) {
    this.keys = new Set(keys);
    this.drRestrictions = drRestrictions;
    this.drWindowSubsets = drWindowSubsets;
  }

  /** A plan with these restrictions instead of the current ones. */
  restrictedTo(drRestrictions: ReadonlyMap<string, DrWindowChoice>): BinaryPlan {
    return new BinaryPlan(this.all, this.keys, drRestrictions, this.drWindowSubsets);
  }

  /** A plan with these window subsets instead of the current ones (empty map: every window). */
  withWindowSubsets(subsets: ReadonlyMap<string, readonly DrWindow[]>): BinaryPlan {
    return new BinaryPlan(this.all, this.keys, this.drRestrictions, subsets);
  }

  /** Undefined: every admissible window. */
  drWindowSubset(owner: string, scenario: number): readonly DrWindow[] | undefined {
    return this.drWindowSubsets.get(binaryKey('dr', owner, scenario));
  }

  /** Undefined: not restricted. */
  drRestriction(owner: string, scenario: number): DrWindowChoice | undefined {
    return this.drRestrictions.get(binaryKey('dr', owner, scenario));
  }

  has(group: BinaryGroup, owner: string, scenario: number, interval?: number): boolean {
    return this.all || this.keys.has(binaryKey(group, owner, scenario, interval));
  }

  /** A plan with these groups added; the count of keys that were new. */
  with(keys: Iterable<string>): { readonly plan: BinaryPlan; readonly added: number } {
    const next = new Set(this.keys);
    let added = 0;
    for (const key of keys)
      if (!next.has(key)) {
        next.add(key);
        added++;
      }
    return {
      plan: new BinaryPlan(this.all, next, this.drRestrictions, this.drWindowSubsets),
      added,
    };
  }

  get size(): number {
    return this.keys.size;
  }
}

/**
 * What each meter's balance row collects from the assets behind it, per interval: variable terms
 * and a constant, both as power towards the grid (kW, export positive), and the range that net
 * power can take (used to bound import and export tightly).
 */
export class MeterFlows {
  readonly terms: [number, number][][];
  readonly constant: Float64Array;
  readonly minNetKw: Float64Array;
  readonly maxNetKw: Float64Array;

  constructor(intervals: number) {
    this.terms = Array.from({ length: intervals }, () => []);
    this.constant = new Float64Array(intervals);
    this.minNetKw = new Float64Array(intervals);
    this.maxNetKw = new Float64Array(intervals);
  }

  /** `coefficient x variable` kW towards the grid in interval t, within [minKw, maxKw]. */
  addVariable(t: number, variable: number, coefficient: number, minKw: number, maxKw: number) {
    this.terms[t]!.push([variable, coefficient]);
    this.minNetKw[t]! += minKw;
    this.maxNetKw[t]! += maxKw;
  }

  addConstant(t: number, kw: number): void {
    this.constant[t]! += kw;
    this.minNetKw[t]! += kw;
    this.maxNetKw[t]! += kw;
  }
}

/** Everything an asset's model piece needs to add its columns and rows for one scenario. */
export interface PieceContext {
  readonly builder: MilpModelBuilder;
  readonly portfolioCase: PortfolioCase;
  /** Interval length in hours. */
  readonly hours: number;
  readonly intervals: number;
  readonly scenario: number;
  /** The scenario's probability: every objective coefficient is weighted by it. */
  readonly weight: number;
  /** See objective.ts. */
  readonly tieBreakKrwPerKwh: number;
  readonly binaries: BinaryPlan;
  /** The balance terms of the asset's meter. */
  readonly flows: MeterFlows;
}

/** `family[owner][t<t>][s<s>]`. */
export const columnName = (
  family: string,
  owner: string,
  t: number | undefined,
  scenario: number,
): string =>
  t === undefined
    ? milpName(family, owner, `s${scenario}`)
    : milpName(family, owner, `t${t}`, `s${scenario}`);

/** Indices of one quantity per interval; -1 where the quantity has no column. */
export const noColumns = (intervals: number): Int32Array => new Int32Array(intervals).fill(-1);
