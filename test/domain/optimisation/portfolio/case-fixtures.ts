import { validatePortfolioCase } from '../../../../domain/optimisation/portfolio/case-validation.js';
import type { PortfolioCase } from '../../../../domain/optimisation/portfolio/portfolio-case.js';

/** A one-price-series case in the case format, validated. */
export const caseOf = (
  prices: readonly number[],
  assets: readonly Record<string, unknown>[],
  extra: Record<string, unknown> = {},
): PortfolioCase =>
  validatePortfolioCase({
    intervalMinutes: 60,
    importPricesKrwPerKwh: prices,
    exportPricesKrwPerKwh: prices,
    assets,
    ...extra,
  });

export const battery = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'ess-1',
  kind: 'ess',
  chargeKw: 10,
  dischargeKw: 10,
  energyKwh: 20,
  chargeEfficiency: 1,
  dischargeEfficiency: 1,
  initialSocKwh: 0,
  minSocKwh: 0,
  maxSocKwh: 20,
  ...overrides,
});
