import { drWindows } from '../dr.model.js';
import type { DrWindow } from '../model-context.js';
import type { DrLoadAsset, PortfolioCase } from '../portfolio-case.js';

/**
 * An all-or-nothing demand-response load with at most one activation a day, as a block of the
 * decomposition: its choices are its admissible windows (dr.model.ts) or none, so the best at
 * any prices is found by enumerating them with prefix sums, exactly.
 */
export class DrBlock {
  readonly windows: readonly DrWindow[];
  private readonly hours: number;

  constructor(
    readonly asset: DrLoadAsset,
    portfolioCase: PortfolioCase,
  ) {
    this.hours = portfolioCase.intervalMinutes / 60;
    this.windows =
      asset.reductionKw > 0
        ? drWindows(asset, portfolioCase.intervals, this.hours, portfolioCase.intervalMinutes)
        : [];
  }

  /**
   * Objective of a window when each kW of net export in interval t is worth `worthPerKw[t]` KRW
   * (price x hours, less any coupling dual): reduction x worth over the window, less costs.
   */
  value(window: DrWindow, worthPerKw: ArrayLike<number>): number {
    let value = -this.asset.activationCostKrw;
    const energyCost = this.hours * this.asset.energyCostKrwPerKwh;
    for (let t = window.start; t < window.start + window.length; t++)
      value += this.asset.reductionKw * (worthPerKw[t]! - energyCost);
    return value;
  }

  /** The best window at `worthPerKw` and its value; null (value 0) when none pays. */
  best(worthPerKw: ArrayLike<number>): { window: DrWindow | null; value: number } {
    const energyCost = this.hours * this.asset.energyCostKrwPerKwh;
    const prefix = new Float64Array(worthPerKw.length + 1);
    for (let t = 0; t < worthPerKw.length; t++)
      prefix[t + 1] = prefix[t]! + this.asset.reductionKw * (worthPerKw[t]! - energyCost);
    let best: DrWindow | null = null;
    let bestValue = 0;
    for (const window of this.windows) {
      const value =
        prefix[window.start + window.length]! -
        prefix[window.start]! -
        this.asset.activationCostKrw;
      if (value > bestValue) {
        bestValue = value;
        best = window;
      }
    }
    return { window: best, value: bestValue };
  }
}
