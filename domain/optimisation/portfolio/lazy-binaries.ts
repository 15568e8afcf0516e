import { binaryKey, type DrWindowChoice } from './model-context.js';
import type { PortfolioCase } from './portfolio-case.js';
import type { PortfolioIndex } from './portfolio-index.js';
import { VALUE_TOLERANCE } from './read-schedule.js';

/**
 * The binary groups a solution of a partly relaxed model violates (see `BinaryPlan`):
 * - a battery or EV charging and discharging in the same interval;
 * - a meter importing and exporting in the same interval where the export price is above the
 *   import price (elsewhere read-schedule.ts nets them at no loss);
 * - a demand-response load with a fractional activation window.
 * A relaxation whose solution violates none is solved: its solution is feasible for the full
 * model and at least as good as any of the full model's, so binaries are needed only where this
 * returns something. Amounts within `VALUE_TOLERANCE` x the asset's rating count as zero.
 */
export interface BinaryViolations {
  /** Mode groups (`ess`, `ev`, `meter`) and fractional `dr` groups. */
  readonly keys: readonly string[];
  /**
   * For every `dr` group (fractional or not), its window with the largest share, null when none
   * is used: what rounding restricts the load to.
   */
  readonly drChoices: ReadonlyMap<string, DrWindowChoice>;
  /** How many of `keys` are fractional `dr` groups. */
  readonly fractionalDr: number;
}

export const binaryViolations = (
  portfolioCase: PortfolioCase,
  index: PortfolioIndex,
  values: Float64Array,
): BinaryViolations => {
  const keys: string[] = [];
  const drChoices = new Map<string, DrWindowChoice>();
  let fractionalDr = 0;
  const at = (column: number): number => (column < 0 ? 0 : (values[column] ?? 0));
  index.scenarios.forEach((columns, s) => {
    portfolioCase.assets.forEach((asset, a) => {
      const assetColumns = columns.assets[a]!;
      if (assetColumns.kind === 'ess' || assetColumns.kind === 'ev_charger') {
        const rating =
          asset.kind === 'ess'
            ? Math.max(asset.chargeKw, asset.dischargeKw)
            : asset.kind === 'ev_charger'
              ? Math.max(asset.maxChargeKw, asset.maxDischargeKw)
              : 0;
        const tolerance = VALUE_TOLERANCE * Math.max(1, rating);
        for (let t = 0; t < portfolioCase.intervals; t++)
          if (at(assetColumns.charge[t]!) > tolerance && at(assetColumns.discharge[t]!) > tolerance)
            keys.push(binaryKey(assetColumns.kind === 'ess' ? 'ess' : 'ev', asset.id, s, t));
      }
      if (assetColumns.kind === 'dr_load') {
        const fractional = assetColumns.windows.some(({ column }) => {
          const x = at(column);
          return x > VALUE_TOLERANCE && x < 1 - VALUE_TOLERANCE;
        });
        const key = binaryKey('dr', asset.id, s);
        if (fractional) {
          keys.push(key);
          fractionalDr++;
        }
        if (assetColumns.windows.length > 0) {
          let best = assetColumns.windows[0]!;
          for (const window of assetColumns.windows)
            if (at(window.column) > at(best.column)) best = window;
          drChoices.set(
            key,
            at(best.column) > VALUE_TOLERANCE ? { start: best.start, length: best.length } : null,
          );
        }
      }
    });
    const prices = portfolioCase.scenarios[s]!;
    columns.meters.forEach((meter, m) => {
      const site = portfolioCase.sites[m]!;
      const tolerance =
        VALUE_TOLERANCE * Math.max(1, site.importLimitKw ?? 1, site.exportLimitKw ?? 1);
      for (let t = 0; t < portfolioCase.intervals; t++)
        if (
          prices.importPricesKrwPerKwh[t]! < prices.exportPricesKrwPerKwh[t]! &&
          at(meter.importKw[t]!) > tolerance &&
          at(meter.exportKw[t]!) > tolerance
        )
          keys.push(binaryKey('meter', site.id, s, t));
    });
  });
  return { keys, drChoices, fractionalDr };
};
