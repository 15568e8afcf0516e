import type { PortfolioCase } from './portfolio-case.js';

/**
 * The objective is the probability-weighted revenue minus costs, in KRW:
 *   sum_s p_s [ sum_t h (exportPrice e - importPrice i) - degradation - DR - fuel - starts ]
 * minus a tie-break of `tieBreakKrwPerKwh` per kWh of grid-side storage throughput (battery and
 * EV charge plus discharge), so that among equally good schedules the one that moves the least
 * energy wins: flat prices leave the battery idle, and charging and discharging at once never
 * ties with doing neither.
 *
 * Size: by default 1e-6 x the largest absolute price, i.e. a millionth of the value of the energy
 * moved, and at least 1e-5 KRW/kWh so that it stays above the simplex's optimality tolerance
 * (~1e-7 per unit of objective coefficient) when prices are small. The tie-break can cost the economic objective at most
 * `maxTieBreakPenaltyKrw` (every storage asset at full charge and discharge power in every
 * interval), which `solveCase` adds to the solver's bound so the reported bound stays valid for
 * the economic objective. On the reference instance vpp-s that is 2.5e-4 KRW/kWh x 85,104 kWh =
 * 21 KRW out of 3.55 million (6e-6 of the objective).
 */
export const DEFAULT_TIE_BREAK_SHARE = 1e-6;
export const MIN_TIE_BREAK_KRW_PER_KWH = 1e-5;

/** The largest absolute import or export price of any scenario, KRW/kWh: the case's price scale. */
export const largestPriceKrwPerKwh = (portfolioCase: PortfolioCase): number => {
  let largest = 0;
  for (const scenario of portfolioCase.scenarios)
    for (const prices of [scenario.importPricesKrwPerKwh, scenario.exportPricesKrwPerKwh])
      for (const price of prices) largest = Math.max(largest, Math.abs(price));
  return largest;
};

export const defaultTieBreakKrwPerKwh = (portfolioCase: PortfolioCase): number =>
  Math.max(
    MIN_TIE_BREAK_KRW_PER_KWH,
    DEFAULT_TIE_BREAK_SHARE * largestPriceKrwPerKwh(portfolioCase),
  );

/** The most the tie-break can take from the objective (probabilities sum to 1). */
export const maxTieBreakPenaltyKrw = (
  portfolioCase: PortfolioCase,
  tieBreakKrwPerKwh: number,
): number => {
  const hours = portfolioCase.intervalMinutes / 60;
  let throughputKwh = 0;
  for (const asset of portfolioCase.assets) {
    if (asset.kind === 'ess')
      throughputKwh += (asset.chargeKw + asset.dischargeKw) * hours * portfolioCase.intervals;
    if (asset.kind === 'ev_charger')
      for (const session of asset.sessions)
        throughputKwh +=
          (asset.maxChargeKw + asset.maxDischargeKw) *
          hours *
          (session.departureInterval - session.arrivalInterval);
  }
  return tieBreakKrwPerKwh * throughputKwh;
};
