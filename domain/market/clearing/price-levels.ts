import { numberKeys, radixOrder, radixScratch, type RadixScratch } from './radix-order.js';

/**
 * One side of one product as price levels: orders of equal price form one level and share its
 * accepted quantity pro rata, so the order of ties never matters. Built on typed arrays because a
 * book holds up to a million orders: no comparator calls, no per-order objects.
 */
export interface PriceLevels {
  /** Level prices in matching order: ascending for sells, descending for buys. */
  readonly prices: Float64Array;
  readonly totals: Float64Array;
  /** How many orders each level holds. */
  readonly counts: Int32Array;
  /** Filled in by matching. */
  readonly accepted: Float64Array;
  /** The level of each order of the side, in the side's book order. */
  readonly levelOf: Int32Array;
}

/**
 * Working and result buffers of `priceLevels` for sides of up to `capacity` orders, reused side
 * after side: fresh typed arrays for every side of every product add up to tens of MB per
 * clearing, which V8 counts as external memory and answers with full collections of the heap.
 * The levels of a side live in these buffers until the next `priceLevels` with the same scratch.
 */
export interface LevelScratch {
  readonly high: Uint32Array;
  readonly low: Uint32Array;
  readonly radix: RadixScratch;
  readonly prices: Float64Array;
  readonly totals: Float64Array;
  readonly counts: Int32Array;
  readonly accepted: Float64Array;
  readonly levelOf: Int32Array;
}

export const levelScratch = (capacity: number): LevelScratch => ({
  high: new Uint32Array(capacity),
  low: new Uint32Array(capacity),
  radix: radixScratch(capacity),
  prices: new Float64Array(capacity),
  totals: new Float64Array(capacity),
  counts: new Int32Array(capacity),
  accepted: new Float64Array(capacity),
  levelOf: new Int32Array(capacity),
});

/**
 * Levels of the orders whose prices and quantities are `prices[k]`, `quantities[k]` for k in
 * [start, end), in book order. The radix order is stable, so each level's orders stay in book
 * order: its price is its first order's, and its total adds quantities in book order.
 */
export const priceLevels = (
  prices: Float64Array,
  quantities: Float64Array,
  start: number,
  end: number,
  ascending: boolean,
  scratch: LevelScratch = levelScratch(end - start),
): PriceLevels => {
  const count = end - start;
  const high = scratch.high.subarray(0, count);
  const low = scratch.low.subarray(0, count);
  numberKeys(prices, start, end, !ascending, high, low);
  const order = radixOrder([high, low], count, scratch.radix);
  const levelPrices = scratch.prices;
  const totals = scratch.totals.fill(0, 0, count);
  const counts = scratch.counts.fill(0, 0, count);
  const levelOf = scratch.levelOf.subarray(0, count);
  let level = -1;
  for (let k = 0; k < count; k++) {
    const position = order[k]!;
    const price = prices[start + position]!;
    // -0 and 0 are one price, as `!==` says.
    if (level < 0 || price !== levelPrices[level]) levelPrices[++level] = price;
    levelOf[position] = level;
    totals[level]! += quantities[start + position]!;
    counts[level]!++;
  }
  const levels = level + 1;
  return {
    prices: levelPrices.subarray(0, levels),
    totals: totals.subarray(0, levels),
    counts: counts.subarray(0, levels),
    accepted: scratch.accepted.fill(0, 0, levels).subarray(0, levels),
    levelOf,
  };
};

/** Walks supply up and demand down while the cheapest unmatched sell is no dearer than the bid. */
export const matchLevels = (sells: PriceLevels, buys: PriceLevels): number | null => {
  const sellLevels = sells.totals.length;
  const buyLevels = buys.totals.length;
  let i = 0;
  let j = 0;
  let sellLeft = sells.totals[0] ?? 0;
  let buyLeft = buys.totals[0] ?? 0;
  let price: number | null = null;
  while (i < sellLevels && j < buyLevels) {
    const sellPrice = sells.prices[i]!;
    if (sellPrice > buys.prices[j]!) break;
    const quantity = Math.min(sellLeft, buyLeft);
    sells.accepted[i]! += quantity;
    buys.accepted[j]! += quantity;
    price = sellPrice;
    // Subtracting the minimum from itself gives exactly 0, so levels are exhausted exactly.
    sellLeft = quantity === sellLeft ? 0 : sellLeft - quantity;
    buyLeft = quantity === buyLeft ? 0 : buyLeft - quantity;
    if (sellLeft === 0) sellLeft = sells.totals[++i] ?? 0;
    if (buyLeft === 0) buyLeft = buys.totals[++j] ?? 0;
  }
  return price;
};

/**
 * Shares each level's accepted quantity pro rata to order size, in book order; the last order of
 * a partly accepted level takes what is left, so the shares add up exactly. Writes each order's
 * share to `into[positions[k]]` and returns the side's cleared quantity.
 */
export const shareLevels = (
  levels: PriceLevels,
  quantities: Float64Array,
  positions: Int32Array,
  start: number,
  into: Float64Array,
): number => {
  const { accepted, totals, levelOf } = levels;
  const left = levels.counts.slice();
  const given = new Float64Array(accepted.length);
  for (let k = 0; k < levelOf.length; k++) {
    const level = levelOf[k]!;
    const levelAccepted = accepted[level]!;
    if (levelAccepted === 0) continue;
    const quantity = quantities[start + k]!;
    const total = totals[level]!;
    let part: number;
    if (levelAccepted === total) part = quantity;
    else if (--left[level]! === 0) part = levelAccepted - given[level]!;
    else {
      part = (levelAccepted * quantity) / total;
      given[level]! += part;
    }
    into[positions[start + k]!] = part;
  }
  let cleared = 0;
  for (let level = 0; level < accepted.length; level++)
    if (accepted[level] !== 0) cleared += accepted[level]!;
  return cleared;
};
