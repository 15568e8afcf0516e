import type { IntervalBid } from '../market/bid-curve.js';

/**
 * The solver's curves made submittable under the market's curve rules: every quantity rounded
 * down to the quantity step (never offering more than the schedules can deliver), a quantity
 * below the market minimum dropped to nothing, and points that no longer change the curve
 * removed (zero quantities; a sell point repeating the quantity before it, a buy point repeating
 * the one after it). An interval left with nothing on either side is not bid.
 */
export const fitCurvesToRules = (
  curves: readonly IntervalBid[],
  rules: { readonly minQuantityKw: number; readonly quantityStepKw: number },
): IntervalBid[] => {
  const fit = (quantityKw: number): number => {
    // A solver's 999.9999999 kW is 1000 kW: floor with a micro-kW tolerance.
    const steps = Math.floor(quantityKw / rules.quantityStepKw + 1e-9);
    const rounded = steps * rules.quantityStepKw;
    return rounded < rules.minQuantityKw ? 0 : rounded;
  };
  const fitted = (points: IntervalBid['sell'], side: 'sell' | 'buy'): IntervalBid['sell'] => {
    const kept = points
      .map((p) => ({ ...p, quantityKw: fit(p.quantityKw) as typeof p.quantityKw }))
      .filter((p) => p.quantityKw > 0);
    return kept.filter((p, i) =>
      side === 'sell'
        ? p.quantityKw !== kept[i - 1]?.quantityKw
        : p.quantityKw !== kept[i + 1]?.quantityKw,
    );
  };
  return curves
    .map((bid) => ({
      interval: bid.interval,
      sell: fitted(bid.sell, 'sell'),
      buy: fitted(bid.buy, 'buy'),
    }))
    .filter((bid) => bid.sell.length > 0 || bid.buy.length > 0);
};
