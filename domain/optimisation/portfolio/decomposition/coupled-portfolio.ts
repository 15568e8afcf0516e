import { defaultTieBreakKrwPerKwh } from '../objective.js';
import { intervalHours, type EssAsset, type PortfolioCase } from '../portfolio-case.js';
import { DrBlock } from './dr-block.js';

/**
 * A decomposable case (decomposable.ts) as blocks linked only by the portfolio's net position:
 * in every interval t, lowerKw[t] <= sum of the blocks' net export + PV output <= upperKw[t],
 * where the constants (loads, PV that cannot be curtailed) are already taken off both limits.
 */
export interface CoupledPortfolio {
  readonly intervals: number;
  readonly hours: number;
  /** The one price (import = export), KRW/kWh. */
  readonly priceKrwPerKwh: readonly number[];
  /** price x hours: what a kW of net export earns in the interval. */
  readonly worthPerKw: Float64Array;
  readonly tieBreakKrwPerKwh: number;
  /** Net export of the fixed assets, kW, and what it earns in all. */
  readonly constantKw: Float64Array;
  readonly constantRevenueKrw: number;
  /** PV output that may be curtailed (the rest is in `constantKw`), kW. */
  readonly curtailableKw: Float64Array;
  /** Limits on the blocks' and curtailable PV's net export; infinite where absent. */
  readonly lowerKw: Float64Array;
  readonly upperKw: Float64Array;
  /** Intervals with a finite limit: the coupling rows. */
  readonly coupled: readonly number[];
  readonly batteries: readonly EssAsset[];
  readonly demandResponse: readonly DrBlock[];
}

export const coupledPortfolio = (
  portfolioCase: PortfolioCase,
  tieBreakKrwPerKwh = defaultTieBreakKrwPerKwh(portfolioCase),
): CoupledPortfolio => {
  const intervals = portfolioCase.intervals;
  const hours = intervalHours(portfolioCase);
  const prices = portfolioCase.scenarios[0]!.exportPricesKrwPerKwh;
  const constantKw = new Float64Array(intervals);
  const curtailableKw = new Float64Array(intervals);
  const batteries: EssAsset[] = [];
  const demandResponse: DrBlock[] = [];
  for (const asset of portfolioCase.assets) {
    if (asset.kind === 'ess') batteries.push(asset);
    else if (asset.kind === 'dr_load') demandResponse.push(new DrBlock(asset, portfolioCase));
    else if (asset.kind === 'pv' || asset.kind === 'load') {
      const sign = asset.kind === 'pv' ? 1 : -1;
      const target = asset.kind === 'pv' && asset.curtailable ? curtailableKw : constantKw;
      asset.forecastKw.forEach((kw, t) => (target[t] = target[t]! + sign * kw));
    }
  }
  const worthPerKw = Float64Array.from(prices, (price) => price * hours);
  let constantRevenueKrw = 0;
  constantKw.forEach((kw, t) => (constantRevenueKrw += kw * worthPerKw[t]!));
  const exportLimit = portfolioCase.gridExportLimitKw ?? Infinity;
  const importLimit = portfolioCase.gridImportLimitKw ?? Infinity;
  const lowerKw = Float64Array.from(constantKw, (kw) => -importLimit - kw);
  const upperKw = Float64Array.from(constantKw, (kw) => exportLimit - kw);
  const coupled: number[] = [];
  for (let t = 0; t < intervals; t++)
    if (Number.isFinite(lowerKw[t]!) || Number.isFinite(upperKw[t]!)) coupled.push(t);
  return {
    intervals,
    hours,
    priceKrwPerKwh: prices,
    worthPerKw,
    tieBreakKrwPerKwh,
    constantKw,
    constantRevenueKrw,
    curtailableKw,
    lowerKw,
    upperKw,
    coupled,
    batteries,
    demandResponse,
  };
};

/**
 * The same portfolio with its batteries merged into one virtual battery per kind (same
 * efficiencies and degradation cost): powers, energies and SoC limits added up. Any schedules of
 * the batteries add up to a schedule of their virtual battery, so this is a relaxation; its coupling
 * duals, found with a master of a handful of blocks, start the real decomposition near its own.
 */
export const withBatteriesAggregated = (portfolio: CoupledPortfolio): CoupledPortfolio => {
  const groups = new Map<string, EssAsset[]>();
  for (const asset of portfolio.batteries) {
    const key = `${asset.chargeEfficiency}/${asset.dischargeEfficiency}/${asset.degradationCostKrwPerKwh}`;
    const group = groups.get(key) ?? [];
    group.push(asset);
    groups.set(key, group);
  }
  const batteries = [...groups.values()].map((group, g): EssAsset => {
    const sum = (of: (asset: EssAsset) => number) =>
      group.reduce((total, asset) => total + of(asset), 0);
    return {
      ...group[0]!,
      id: `aggregate-${g}`,
      chargeKw: sum((a) => a.chargeKw),
      dischargeKw: sum((a) => a.dischargeKw),
      energyKwh: sum((a) => a.energyKwh),
      initialSocKwh: sum((a) => a.initialSocKwh),
      minSocKwh: sum((a) => a.minSocKwh),
      maxSocKwh: sum((a) => a.maxSocKwh),
      finalSocKwh: sum((a) => a.finalSocKwh ?? a.initialSocKwh),
    };
  });
  return { ...portfolio, batteries };
};
