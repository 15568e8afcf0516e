import type { IntervalBid } from '../../market/bid-curve.js';
import { krwPerKwh } from '../../shared/units.js';

/**
 * The optimiser's sell curves start at the lowest scenario price: below it they offer nothing.
 * Yet the lowest-price scenario's schedule is deliverable whatever the price (its PV runs and its
 * batteries do what they were scheduled to), and it is what the twin follows when nothing is
 * awarded, so an SMP just below every scenario leaves that energy delivered unawarded, a
 * deviation. Offering the lowest step from the price floor instead sells it at any price.
 * Higher steps, and buy curves, are kept: they are the price-responsive part of the bid.
 */
export const extendLowestSellToFloor = (
  curves: readonly IntervalBid[],
  priceFloorKrwPerKwh: number,
): IntervalBid[] =>
  curves.map((bid) => {
    const [lowest, ...rest] = bid.sell;
    if (lowest === undefined || lowest.priceKrwPerKwh <= priceFloorKrwPerKwh) return bid;
    return {
      ...bid,
      sell: [{ ...lowest, priceKrwPerKwh: krwPerKwh(priceFloorKrwPerKwh) }, ...rest],
    };
  });
