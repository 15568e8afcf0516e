import type { Kw, KrwPerKwh } from '../shared/units.js';

/**
 * One step of a bid curve. Sell: from `priceKrwPerKwh` upwards the VPP sells `quantityKw`
 * (points in increasing price, quantities never decreasing). Buy: up to `priceKrwPerKwh` the VPP
 * buys `quantityKw` (points in increasing price, quantities never increasing). Power is the
 * interval's average, so energy is quantityKw x the interval's length.
 */
export interface CurvePoint {
  readonly priceKrwPerKwh: KrwPerKwh;
  readonly quantityKw: Kw;
}

/** The curves offered for one interval of the market's grid (0-based index in the trading day). */
export interface IntervalBid {
  readonly interval: number;
  readonly sell: readonly CurvePoint[];
  readonly buy: readonly CurvePoint[];
}

/** What a sell curve offers at a uniform clearing price: the last step at or below the price. */
export const sellQuantityAt = (sell: readonly CurvePoint[], priceKrwPerKwh: number): Kw => {
  let quantity = 0;
  for (const point of sell) {
    if (point.priceKrwPerKwh > priceKrwPerKwh) break;
    quantity = point.quantityKw;
  }
  return quantity as Kw;
};

/** What a buy curve takes at a uniform clearing price: the first step at or above the price. */
export const buyQuantityAt = (buy: readonly CurvePoint[], priceKrwPerKwh: number): Kw => {
  for (const point of buy) if (point.priceKrwPerKwh >= priceKrwPerKwh) return point.quantityKw;
  return 0 as Kw;
};
