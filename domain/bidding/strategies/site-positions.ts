import type { PortfolioCase } from '../../optimisation/portfolio/portfolio-case.js';
import { uncontrolledEvKw } from './uncontrolled-ev.js';

/**
 * One meter's inflexible position per interval, kW: its PV forecast less its load forecast and
 * its EVs' plain charging.
 */
export interface SitePosition {
  readonly siteId: string;
  readonly importLimitKw: number;
  readonly exportLimitKw: number;
  readonly baseKw: number[];
}

/**
 * Every site of the case with its PV (uncurtailed) minus load per interval. A rule does not
 * curtail: what a site cannot export beyond its limit is left out of its position.
 */
export const sitePositions = (portfolioCase: PortfolioCase): SitePosition[] =>
  portfolioCase.sites.map((site) => {
    const baseKw = Array.from({ length: portfolioCase.intervals }, () => 0);
    for (const asset of portfolioCase.assets) {
      if (asset.siteId !== site.id) continue;
      if (asset.kind === 'pv')
        asset.forecastKw.forEach((v, t) => (baseKw[t] = (baseKw[t] ?? 0) + v));
      if (asset.kind === 'load')
        asset.forecastKw.forEach((v, t) => (baseKw[t] = (baseKw[t] ?? 0) - v));
      if (asset.kind === 'ev_charger')
        uncontrolledEvKw(asset, portfolioCase).forEach(
          (v, t) => (baseKw[t] = (baseKw[t] ?? 0) + v),
        );
    }
    return {
      siteId: site.id,
      importLimitKw: site.importLimitKw ?? Number.POSITIVE_INFINITY,
      exportLimitKw: site.exportLimitKw ?? Number.POSITIVE_INFINITY,
      baseKw,
    };
  });

const clamp = (value: number, low: number, high: number): number =>
  Math.min(high, Math.max(low, value));

/**
 * The portfolio's net position from each site's position (kW, per interval): every site within
 * its own limits, every community's export within its feeder limit, the sum within the
 * portfolio's limits.
 */
export const portfolioPosition = (
  portfolioCase: PortfolioCase,
  siteKw: ReadonlyMap<string, readonly number[]>,
): number[] => {
  const limits = new Map(portfolioCase.sites.map((s) => [s.id, s]));
  return Array.from({ length: portfolioCase.intervals }, (_, t) => {
    const byCommunity = new Map<string, number>();
    let total = 0;
    for (const [siteId, row] of siteKw) {
      const site = limits.get(siteId);
      const net = clamp(
        row[t] ?? 0,
        -(site?.importLimitKw ?? Number.POSITIVE_INFINITY),
        site?.exportLimitKw ?? Number.POSITIVE_INFINITY,
      );
      total += net;
      if (site?.communityId !== undefined && net > 0)
        byCommunity.set(site.communityId, (byCommunity.get(site.communityId) ?? 0) + net);
    }
    for (const community of portfolioCase.communities)
      total -= Math.max(0, (byCommunity.get(community.id) ?? 0) - community.exportLimitKw);
    return clamp(
      total,
      -(portfolioCase.gridImportLimitKw ?? Number.POSITIVE_INFINITY),
      portfolioCase.gridExportLimitKw ?? Number.POSITIVE_INFINITY,
    );
  });
};
