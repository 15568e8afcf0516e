import type { PortfolioCase } from '../portfolio-case.js';

/**
 * Whether `solveDecomposed` applies to a case: the only link between its assets must be the
 * portfolio's net position limits, and every block must be one it solves exactly. Otherwise the
 * reason, and `solveCase` runs the monolithic model:
 * - one price scenario (scenario linking couples the scenarios' schedules interval by interval);
 * - import price = export price in every interval (else a meter's revenue is not linear in the net
 *   power of the assets behind it, and the meter couples them);
 * - no site or community limits (further coupling rows);
 * - prices >= 0 (with a negative price charging and discharging at once can pay, which needs the
 *   mode binaries of the monolithic model);
 * - assets: batteries, PV, inflexible loads, and all-or-nothing demand response with at most one
 *   activation a day (its windows are then enumerated exactly); EV chargers and fuel cells are
 *   left to the monolithic model.
 */
export const notDecomposableBecause = (portfolioCase: PortfolioCase): string | undefined => {
  if (portfolioCase.scenarios.length !== 1) return 'several price scenarios';
  const scenario = portfolioCase.scenarios[0]!;
  for (let t = 0; t < portfolioCase.intervals; t++) {
    const price = scenario.exportPricesKrwPerKwh[t]!;
    if (scenario.importPricesKrwPerKwh[t] !== price)
      return `import and export prices differ in interval ${t}`;
    if (price < 0) return `negative price in interval ${t}`;
  }
  if (portfolioCase.communities.length > 0) return 'community export limits';
  for (const site of portfolioCase.sites)
    if (site.importLimitKw !== undefined || site.exportLimitKw !== undefined)
      return `site ${site.id} has its own limits`;
  for (const asset of portfolioCase.assets) {
    if (asset.kind === 'ev_charger' || asset.kind === 'fuel_cell')
      return `asset ${asset.id} is a ${asset.kind}`;
    if (asset.kind === 'dr_load' && (!asset.allOrNothing || asset.maxActivationsPerDay > 1))
      return `demand response ${asset.id} is divisible or may activate more than once a day`;
  }
  return undefined;
};
