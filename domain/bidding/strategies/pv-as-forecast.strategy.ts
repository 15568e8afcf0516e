import type { CurveRules } from '../../market/market-rules.js';
import type { PortfolioCase } from '../../optimisation/portfolio/portfolio-case.js';
import { expectedRevenueKrw, priceTakerCurves, type RuleBid } from './bid-strategy.js';
import { portfolioPosition, sitePositions } from './site-positions.js';
import { uncontrolledEvKw } from './uncontrolled-ev.js';

/**
 * The first benchmark: sell the PV as forecast (P50, net of each site's load forecast, within
 * the grid limits) at any price, with batteries, EVs, DR and fuel cells idle. The PV and load
 * "assets" of the case (`pv@site`, `load@site`) keep their forecast in the schedule.
 */
export const pvAsForecastBid = (
  portfolioCase: PortfolioCase,
  rules: Pick<CurveRules, 'priceFloorKrwPerKwh' | 'priceCapKrwPerKwh'>,
): RuleBid => {
  const sites = sitePositions(portfolioCase);
  const netPositionKw = portfolioPosition(
    portfolioCase,
    new Map(sites.map((s) => [s.siteId, s.baseKw])),
  );
  return {
    curves: priceTakerCurves(netPositionKw, rules),
    netPositionKw,
    assetKw: inflexibleAssetKw(portfolioCase),
    endSocKwh: Object.fromEntries(
      portfolioCase.assets.flatMap((a) => (a.kind === 'ess' ? [[a.id, a.initialSocKwh]] : [])),
    ),
    expectedRevenueKrw: expectedRevenueKrw(portfolioCase, netPositionKw),
  };
};

/**
 * PV at its forecast (towards the grid), load at its forecast (from it), as the solver reports
 * them, and every EV charged as it would be without a VPP (`uncontrolledEvKw`).
 */
export const inflexibleAssetKw = (portfolioCase: PortfolioCase): Record<string, number[]> => {
  const assetKw: Record<string, number[]> = {};
  for (const asset of portfolioCase.assets) {
    if (asset.kind === 'pv') assetKw[asset.id] = [...asset.forecastKw];
    if (asset.kind === 'load') assetKw[asset.id] = asset.forecastKw.map((v) => -v);
    if (asset.kind === 'ev_charger') assetKw[asset.id] = uncontrolledEvKw(asset, portfolioCase);
  }
  return assetKw;
};
