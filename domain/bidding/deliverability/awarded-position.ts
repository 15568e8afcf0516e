import { buyQuantityAt, sellQuantityAt, type IntervalBid } from '../../market/bid-curve.js';
import { DomainError } from '../../shared/domain-error.js';

/**
 * The net position (kW, export positive) the curves commit the portfolio to in each interval when
 * the market clears at `pricesKrwPerKwh`: sell quantity minus buy quantity at that price. An
 * interval without a bid is awarded nothing.
 */
export const awardedPositionKw = (
  curves: readonly IntervalBid[],
  pricesKrwPerKwh: readonly number[],
  intervals: number,
): Float64Array => {
  if (pricesKrwPerKwh.length !== intervals)
    throw new DomainError(
      'BIDDING.INVALID_INPUT',
      `a price sequence must have one price per interval (${intervals}), got ${pricesKrwPerKwh.length}`,
      'priceSequences',
    );
  const award = new Float64Array(intervals);
  const seen = new Set<number>();
  for (const bid of curves) {
    if (!(Number.isInteger(bid.interval) && bid.interval >= 0 && bid.interval < intervals))
      throw new DomainError(
        'BIDDING.INVALID_INPUT',
        `bid interval ${bid.interval} is outside the horizon of ${intervals} intervals`,
        'curves',
      );
    if (seen.has(bid.interval))
      throw new DomainError(
        'BIDDING.INVALID_INPUT',
        `interval ${bid.interval} has more than one bid`,
        'curves',
      );
    seen.add(bid.interval);
    const price = pricesKrwPerKwh[bid.interval]!;
    award[bid.interval] = sellQuantityAt(bid.sell, price) - buyQuantityAt(bid.buy, price);
  }
  return award;
};
