import { scenarioOrder } from '../portfolio/scenario-linking.js';
import { ratingKw } from './der-rating.js';

/** The share of what the DERs under a limit can move that counts as round-off, not a breach. */
const ROUND_OFF_SHARE = 1e-6;
import type { PortfolioCase } from '../portfolio/portfolio-case.js';

/**
 * The members' setpoints summed per meter, scenario by scenario, and what they earn: the meters'
 * export and import at the scenario's prices (a meter never imports and exports at once: its
 * net is one or the other). Fed member by member, so that no DER's setpoints need be kept.
 */
export class PortfolioPosition {
  private readonly siteIndex: ReadonlyMap<string, number>;
  /** [scenario][site * intervals + t], kW towards the grid. */
  private readonly siteNet: Float64Array[];
  private readonly costKrw: Float64Array;
  /** What the DERs behind each meter can move, kW: the scale of its round-off tolerance. */
  private readonly siteRatingKw: Float64Array;

  constructor(private readonly portfolioCase: PortfolioCase) {
    this.siteIndex = new Map(portfolioCase.sites.map((site, m) => [site.id, m]));
    this.siteRatingKw = new Float64Array(portfolioCase.sites.length);
    for (const asset of portfolioCase.assets)
      this.siteRatingKw[this.siteIndex.get(asset.siteId)!]! += ratingKw(asset);
    const size = portfolioCase.sites.length * portfolioCase.intervals;
    this.siteNet = portfolioCase.scenarios.map(() => new Float64Array(size));
    this.costKrw = new Float64Array(portfolioCase.scenarios.length);
  }

  add(siteId: string, scenario: number, powerKw: Float64Array, costKrw: number): void {
    const offset = this.siteIndex.get(siteId)! * this.portfolioCase.intervals;
    const net = this.siteNet[scenario]!;
    for (let t = 0; t < powerKw.length; t++) net[offset + t]! += powerKw[t]!;
    this.costKrw[scenario]! += costKrw;
  }

  /** Per scenario, the portfolio's net position per interval (export positive), kW. */
  netPositionKw(): number[][] {
    const { intervals, sites } = this.portfolioCase;
    return this.siteNet.map((net) =>
      Array.from({ length: intervals }, (_, t) => {
        let total = 0;
        for (let m = 0; m < sites.length; m++) total += net[m * intervals + t]!;
        return total;
      }),
    );
  }

  /** Per scenario revenue minus costs, KRW, and their probability-weighted sum. */
  objective(): { readonly objectiveKrw: number; readonly scenarioKrw: readonly number[] } {
    const { intervals, sites, scenarios } = this.portfolioCase;
    const hours = this.portfolioCase.intervalMinutes / 60;
    let objectiveKrw = 0;
    const scenarioKrw = scenarios.map((scenario, s) => {
      const net = this.siteNet[s]!;
      let revenue = 0;
      for (let m = 0; m < sites.length; m++)
        for (let t = 0; t < intervals; t++) {
          const kw = net[m * intervals + t]!;
          revenue +=
            hours *
            (kw > 0
              ? scenario.exportPricesKrwPerKwh[t]! * kw
              : scenario.importPricesKrwPerKwh[t]! * kw);
        }
      const value = revenue - this.costKrw[s]!;
      objectiveKrw += scenario.probability * value;
      return value;
    });
    return { objectiveKrw, scenarioKrw };
  }

  /**
   * The case's own limits that the summed setpoints break, as messages, and the largest excess
   * (kW): meter import and export limits, community and portfolio limits, and the bid-curve link
   * (a higher scenario price never gives a smaller net position in the same interval, and equal
   * prices the same one). Round-off is forgiven in proportion to what the DERs under each limit
   * can move (a millionth of it), so that a small meter's breach is not hidden by the portfolio's
   * size.
   */
  violations(): { readonly messages: string[]; readonly worstKw: number } {
    const found: string[] = [];
    let worstKw = 0;
    const excess = (kw: number, ratingKw: number): boolean => {
      if (kw <= ROUND_OFF_SHARE * Math.max(1, ratingKw)) return false;
      worstKw = Math.max(worstKw, kw);
      return true;
    };
    let portfolioRatingKw = 0;
    for (const kw of this.siteRatingKw) portfolioRatingKw += kw;
    const communityRatingKw = new Map<string, number>();
    this.portfolioCase.sites.forEach((site, m) => {
      if (site.communityId === undefined) return;
      const sum = (communityRatingKw.get(site.communityId) ?? 0) + this.siteRatingKw[m]!;
      communityRatingKw.set(site.communityId, sum);
    });
    const { intervals, sites, communities } = this.portfolioCase;
    const totals = this.netPositionKw();
    this.siteNet.forEach((net, s) => {
      for (let t = 0; t < intervals; t++) {
        const community = new Map<string, number>();
        sites.forEach((site, m) => {
          const kw = net[m * intervals + t]!;
          const siteRating = this.siteRatingKw[m]!;
          if (excess(kw - (site.exportLimitKw ?? Infinity), siteRating))
            found.push(`s${s} t${t}: site ${site.id} exports ${kw} kW over its limit`);
          if (excess(-kw - (site.importLimitKw ?? Infinity), siteRating))
            found.push(`s${s} t${t}: site ${site.id} imports ${-kw} kW over its limit`);
          if (site.communityId !== undefined)
            community.set(site.communityId, (community.get(site.communityId) ?? 0) + kw);
        });
        for (const c of communities)
          if (
            excess((community.get(c.id) ?? 0) - c.exportLimitKw, communityRatingKw.get(c.id) ?? 0)
          )
            found.push(`s${s} t${t}: community ${c.id} over its export limit`);
        const total = totals[s]![t]!;
        if (excess(total - (this.portfolioCase.gridExportLimitKw ?? Infinity), portfolioRatingKw))
          found.push(`s${s} t${t}: portfolio exports ${total} kW over gridExportLimitKw`);
        if (excess(-total - (this.portfolioCase.gridImportLimitKw ?? Infinity), portfolioRatingKw))
          found.push(`s${s} t${t}: portfolio imports ${-total} kW over gridImportLimitKw`);
      }
    });
    const { scenarios } = this.portfolioCase;
    for (let t = 0; t < intervals; t++) {
      const order = scenarioOrder(this.portfolioCase, t);
      for (let k = 1; k < order.length; k++) {
        const low = order[k - 1]!;
        const high = order[k]!;
        const same =
          scenarios[low]!.exportPricesKrwPerKwh[t] === scenarios[high]!.exportPricesKrwPerKwh[t];
        const difference = totals[low]![t]! - totals[high]![t]!;
        if (
          excess(difference, portfolioRatingKw) ||
          (same && excess(-difference, portfolioRatingKw))
        )
          found.push(`t${t}: net position of scenario ${low} vs ${high} breaks the bid-curve link`);
      }
    }
    return { messages: found, worstKw };
  }
}
