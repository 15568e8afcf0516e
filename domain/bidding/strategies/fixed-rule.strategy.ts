import type { CurveRules } from '../../market/market-rules.js';
import type { EssAsset, PortfolioCase } from '../../optimisation/portfolio/portfolio-case.js';
import { expectedRevenueKrw, priceTakerCurves, type RuleBid } from './bid-strategy.js';
import { inflexibleAssetKw } from './pv-as-forecast.strategy.js';
import { portfolioPosition, sitePositions } from './site-positions.js';

/** KST hours of the trading day, [from, to): the windows of the fixed battery rule. */
export interface FixedRuleHours {
  readonly chargeFromHour: number;
  readonly chargeToHour: number;
  readonly dischargeFromHour: number;
  readonly dischargeToHour: number;
}

/**
 * ASSUMPTION: charge in the light-load night (00:00-06:00 KST, when the mainland SMP is lowest)
 * and discharge over the evening peak (17:00-21:00 KST, after PV has faded).
 */
export const DEFAULT_FIXED_RULE_HOURS: FixedRuleHours = {
  chargeFromHour: 0,
  chargeToHour: 6,
  dischargeFromHour: 17,
  dischargeToHour: 21,
};

const inWindow = (hour: number, from: number, to: number): boolean => hour >= from && hour < to;

/**
 * One battery under the rule: as fast as it may in its window (its power, the room or energy
 * left in it, and what its site's grid connection still takes after the site's PV and load),
 * idle otherwise. Returns the signed power towards the grid per interval (charge negative).
 */
const batteryRule = (
  ess: EssAsset,
  intervals: number,
  intervalMinutes: number,
  hours: FixedRuleHours,
  siteKw: number[],
  limits: { readonly importLimitKw: number; readonly exportLimitKw: number },
): { powerKw: number[]; endSocKwh: number } => {
  const h = intervalMinutes / 60;
  let soc = ess.initialSocKwh;
  const powerKw = Array.from({ length: intervals }, (_, t) => {
    const hour = Math.floor((t * intervalMinutes) / 60);
    const site = siteKw[t] ?? 0;
    let power = 0;
    if (inWindow(hour, hours.chargeFromHour, hours.chargeToHour)) {
      const room = (ess.maxSocKwh - soc) / (h * ess.chargeEfficiency);
      const grid = limits.importLimitKw + site;
      power = -Math.max(0, Math.min(ess.chargeKw, room, grid));
      soc += -power * h * ess.chargeEfficiency;
    } else if (inWindow(hour, hours.dischargeFromHour, hours.dischargeToHour)) {
      const energy = ((soc - ess.minSocKwh) * ess.dischargeEfficiency) / h;
      const grid = limits.exportLimitKw - site;
      power = Math.max(0, Math.min(ess.dischargeKw, energy, grid));
      soc -= (power * h) / ess.dischargeEfficiency;
    }
    siteKw[t] = site + power;
    return power;
  });
  return { powerKw, endSocKwh: soc };
};

/**
 * The second benchmark: PV as forecast (as `pvAsForecastBid`) plus every battery charging at
 * night and discharging in the evening on a fixed timetable, whatever the prices; the resulting
 * net position offered at any price. EVs, DR and fuel cells stay idle.
 */
export const fixedRuleBid = (
  portfolioCase: PortfolioCase,
  rules: Pick<CurveRules, 'priceFloorKrwPerKwh' | 'priceCapKrwPerKwh'>,
  hours: FixedRuleHours = DEFAULT_FIXED_RULE_HOURS,
): RuleBid => {
  const sites = sitePositions(portfolioCase);
  const siteKw = new Map(sites.map((s) => [s.siteId, [...s.baseKw]]));
  const assetKw = inflexibleAssetKw(portfolioCase);
  const endSocKwh: Record<string, number> = {};
  for (const asset of portfolioCase.assets) {
    if (asset.kind !== 'ess') continue;
    const site = sites.find((s) => s.siteId === asset.siteId);
    const row = siteKw.get(asset.siteId);
    if (site === undefined || row === undefined) continue;
    const { powerKw, endSocKwh: end } = batteryRule(
      asset,
      portfolioCase.intervals,
      portfolioCase.intervalMinutes,
      hours,
      row,
      site,
    );
    assetKw[asset.id] = powerKw;
    endSocKwh[asset.id] = end;
  }
  const netPositionKw = portfolioPosition(portfolioCase, siteKw);
  return {
    curves: priceTakerCurves(netPositionKw, rules),
    netPositionKw,
    assetKw,
    endSocKwh,
    expectedRevenueKrw: expectedRevenueKrw(portfolioCase, netPositionKw),
  };
};
