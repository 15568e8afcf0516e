import { drWindows } from './dr.model.js';
import { binaryKey, type DrWindow } from './model-context.js';
import { intervalHours, type PortfolioCase } from './portfolio-case.js';
import type { PortfolioIndex } from './portfolio-index.js';

/**
 * Column generation for demand-response windows. A load has one window column per admissible
 * (start, length), hundreds per load a day, and they dominated the relaxation's LP time. Most can
 * never be worth it, so the relaxation starts from a few promising windows per load (the
 * restricted master problem) and adds those the LP duals price as improving.
 *
 * Bound: with row duals pi of the restricted LP (objective z) and d_max the largest reduced cost
 * c_w - sum_i a_iw pi_i of a left-out window of a load, raising the dual of that load's
 * activations row (sum x <= K, every window has +1 there) by max(0, d_max) makes the duals
 * feasible for the full LP at a dual objective of at most z + K max(0, d_max). So
 * z + sum over loads of K max(0, d_max) bounds the full relaxation at every round, and equals z
 * once no window improves.
 */

/** Windows per length a load starts with (the best starts by the load's standalone value). */
const INITIAL_STARTS_PER_LENGTH = 6;
/** Improving windows added per load and round. */
const ADDED_PER_ROUND = 60;
const REDUCED_COST_TOLERANCE = 1e-7;

/**
 * The starting subsets: per load and scenario, for every length, the starts with the highest
 * export-price sum over the window (what the window earns on its own, costs aside).
 */
export const initialDrWindowSubsets = (
  portfolioCase: PortfolioCase,
): ReadonlyMap<string, readonly DrWindow[]> => {
  const subsets = new Map<string, readonly DrWindow[]>();
  const hours = intervalHours(portfolioCase);
  portfolioCase.scenarios.forEach((scenario, s) => {
    const prefix = new Float64Array(portfolioCase.intervals + 1);
    scenario.exportPricesKrwPerKwh.forEach((price, t) => (prefix[t + 1] = prefix[t]! + price));
    for (const asset of portfolioCase.assets) {
      if (asset.kind !== 'dr_load') continue;
      const admissible = drWindows(
        asset,
        portfolioCase.intervals,
        hours,
        portfolioCase.intervalMinutes,
      );
      if (admissible.length === 0) continue;
      const byLength = new Map<number, DrWindow[]>();
      for (const window of admissible) {
        const list = byLength.get(window.length) ?? [];
        list.push(window);
        byLength.set(window.length, list);
      }
      const earns = (w: DrWindow) => prefix[w.start + w.length]! - prefix[w.start]!;
      const chosen: DrWindow[] = [];
      for (const list of byLength.values())
        chosen.push(
          ...[...list].sort((a, b) => earns(b) - earns(a)).slice(0, INITIAL_STARTS_PER_LENGTH),
        );
      subsets.set(binaryKey('dr', asset.id, s), chosen);
    }
  });
  return subsets;
};

export interface DrPricing {
  /** Subsets grown by the improving windows (unchanged keys keep their subset). */
  readonly subsets: ReadonlyMap<string, readonly DrWindow[]>;
  /** Windows added. 0: the restricted LP is optimal for the full relaxation. */
  readonly added: number;
  /** What the full relaxation may exceed the restricted LP's objective by (see above). */
  readonly boundSlack: number;
}

export const priceDrWindows = (
  portfolioCase: PortfolioCase,
  index: PortfolioIndex,
  rowDuals: Float64Array,
  subsets: ReadonlyMap<string, readonly DrWindow[]>,
): DrPricing => {
  const next = new Map(subsets);
  let added = 0;
  let boundSlack = 0;
  const dual = (row: number): number => (row < 0 ? 0 : (rowDuals[row] ?? 0));
  index.scenarios.forEach((columns, s) => {
    portfolioCase.assets.forEach((asset, a) => {
      const assetColumns = columns.assets[a]!;
      if (assetColumns.kind !== 'dr_load' || assetColumns.pricing === undefined) return;
      const p = assetColumns.pricing;
      const present = new Set(assetColumns.windows.map((w) => `${w.start}/${w.length}`));
      const improving: { window: DrWindow; reducedCost: number }[] = [];
      let best = 0;
      for (const window of p.candidates) {
        if (present.has(`${window.start}/${window.length}`)) continue;
        const end = window.start + window.length;
        const priced =
          -dual(p.flowRows[window.start]!) +
          (end < p.flowRows.length ? dual(p.flowRows[end]!) + dual(p.separationRows[end]!) : 0) +
          dual(p.activationsRow) +
          window.length * dual(p.hoursRow);
        const reducedCost = p.objectiveOf(window.length) - priced;
        best = Math.max(best, reducedCost);
        if (reducedCost > REDUCED_COST_TOLERANCE * Math.max(1, Math.abs(p.objectiveOf(1))))
          improving.push({ window, reducedCost });
      }
      boundSlack += p.maxActivations * best;
      if (improving.length === 0) return;
      improving.sort((x, y) => y.reducedCost - x.reducedCost);
      const key = binaryKey('dr', asset.id, s);
      const chosen = improving.slice(0, ADDED_PER_ROUND).map((i) => i.window);
      next.set(key, [...(next.get(key) ?? []), ...chosen]);
      added += chosen.length;
    });
  });
  return { subsets: next, added, boundSlack };
};
