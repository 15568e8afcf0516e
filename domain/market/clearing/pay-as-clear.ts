import { DomainError } from '../../shared/domain-error.js';
import type { ClearedOrder, ClearedProduct, ClearingResult } from './clearing-result.js';
import { isBlockOrder, type OrderBook, type PriceLimits, type SimpleOrder } from './order-book.js';
import { validateOrderBook } from './order-book.validation.js';

/** One side of one product as parallel arrays of order positions, sorted into price levels. */
interface SideBook {
  /** Order positions in book, sorted by price (ascending for sells, descending for buys). */
  readonly positions: Int32Array;
  /** `levelStarts[k]` is where level k begins in `positions`; one extra entry closes the last. */
  readonly levelStarts: number[];
  readonly levelTotals: number[];
  readonly levelAccepted: number[];
}

const sideBook = (
  orders: readonly SimpleOrder[],
  positions: number[],
  ascending: boolean,
): SideBook => {
  // Equal prices form one level and share pro rata, so the tie order never matters.
  positions.sort((a, b) => {
    const difference = orders[a]!.price - orders[b]!.price;
    return ascending ? difference : -difference;
  });
  const levelStarts: number[] = [];
  const levelTotals: number[] = [];
  let previousPrice = Number.NaN;
  for (let k = 0; k < positions.length; k++) {
    const order = orders[positions[k]!]!;
    if (order.price !== previousPrice) {
      levelStarts.push(k);
      levelTotals.push(0);
      previousPrice = order.price;
    }
    levelTotals[levelTotals.length - 1]! += order.quantity;
  }
  levelStarts.push(positions.length);
  return {
    positions: Int32Array.from(positions),
    levelStarts,
    levelTotals,
    levelAccepted: levelTotals.map(() => 0),
  };
};

const levelPrice = (orders: readonly SimpleOrder[], side: SideBook, level: number): number =>
  orders[side.positions[side.levelStarts[level]!]!]!.price;

/** Walks supply up and demand down while the cheapest unmatched sell is no dearer than the bid. */
const match = (orders: readonly SimpleOrder[], sells: SideBook, buys: SideBook): number | null => {
  const sellLevels = sells.levelTotals.length;
  const buyLevels = buys.levelTotals.length;
  let i = 0;
  let j = 0;
  let sellLeft = sells.levelTotals[0] ?? 0;
  let buyLeft = buys.levelTotals[0] ?? 0;
  let price: number | null = null;
  while (i < sellLevels && j < buyLevels) {
    const sellPrice = levelPrice(orders, sells, i);
    if (sellPrice > levelPrice(orders, buys, j)) break;
    const quantity = Math.min(sellLeft, buyLeft);
    sells.levelAccepted[i]! += quantity;
    buys.levelAccepted[j]! += quantity;
    price = sellPrice;
    // Subtracting the minimum from itself gives exactly 0, so levels are exhausted exactly.
    sellLeft = quantity === sellLeft ? 0 : sellLeft - quantity;
    buyLeft = quantity === buyLeft ? 0 : buyLeft - quantity;
    if (sellLeft === 0) sellLeft = sells.levelTotals[++i] ?? 0;
    if (buyLeft === 0) buyLeft = buys.levelTotals[++j] ?? 0;
  }
  return price;
};

/** Shares each level's accepted quantity pro rata to order size; the shares add up exactly. */
const share = (orders: readonly SimpleOrder[], side: SideBook, into: Float64Array): number => {
  let cleared = 0;
  for (let level = 0; level < side.levelTotals.length; level++) {
    const accepted = side.levelAccepted[level]!;
    if (accepted === 0) continue;
    cleared += accepted;
    const total = side.levelTotals[level]!;
    const start = side.levelStarts[level]!;
    const end = side.levelStarts[level + 1]!;
    let given = 0;
    for (let k = start; k < end; k++) {
      const position = side.positions[k]!;
      const quantity = orders[position]!.quantity;
      const part =
        accepted === total
          ? quantity
          : k === end - 1
            ? accepted - given
            : (accepted * quantity) / total;
      given += part;
      into[position] = part;
    }
  }
  return cleared;
};

const simpleOrdersOf = (book: OrderBook): readonly SimpleOrder[] => {
  book.orders.forEach((order, index) => {
    // Paths are built only for the order at fault: books hold up to a million orders.
    if (isBlockOrder(order))
      throw new DomainError(
        'CLEARING.INVALID_BOOK',
        `orders[${index}]: block orders need the "complex" mechanism, not "pay_as_clear"`,
        `orders[${index}]`,
      );
    if ((order.minAcceptanceRatio ?? 0) > 0)
      throw new DomainError(
        'CLEARING.INVALID_BOOK',
        `orders[${index}].minAcceptanceRatio: a minimum acceptance ratio needs the "complex" mechanism`,
        `orders[${index}].minAcceptanceRatio`,
      );
  });
  return book.orders as readonly SimpleOrder[];
};

/**
 * Uniform-price clearing of each product on its own (ASSUME's PayAsClearRole convention): supply
 * ascending, demand descending, matched while the sell price does not exceed the bid. The price is
 * the highest accepted sell price, also when supply runs out before demand is served. Orders at the
 * marginal price share the marginal quantity pro rata to their size, so the highest-priced offers
 * (renewables included) are the first to be curtailed and ties never depend on book order.
 */
export const clearPayAsClear = (book: OrderBook, limits?: PriceLimits): ClearingResult => {
  validateOrderBook(book, limits);
  if (book.mechanism !== 'pay_as_clear')
    throw new DomainError(
      'CLEARING.INVALID_BOOK',
      `mechanism: expected "pay_as_clear", got "${book.mechanism}"`,
      'mechanism',
    );
  if ((book.links ?? []).length > 0)
    throw new DomainError(
      'CLEARING.INVALID_BOOK',
      'links: zones joined by links need the "complex" mechanism',
      'links',
    );
  const orders = simpleOrdersOf(book);
  const productIndex = new Map(book.products.map((p, index) => [p.id, index]));
  const sellPositions: number[][] = book.products.map(() => []);
  const buyPositions: number[][] = book.products.map(() => []);
  orders.forEach((order, position) => {
    const index = productIndex.get(order.product)!;
    (order.side === 'sell' ? sellPositions : buyPositions)[index]!.push(position);
  });

  const accepted = new Float64Array(orders.length);
  const prices: (number | null)[] = [];
  const products: ClearedProduct[] = book.products.map(({ id }, index) => {
    const sells = sideBook(orders, sellPositions[index]!, true);
    const buys = sideBook(orders, buyPositions[index]!, false);
    const price = match(orders, sells, buys);
    prices.push(price);
    const clearedSupply = share(orders, sells, accepted);
    const clearedDemand = share(orders, buys, accepted);
    return { id, price, clearedSupply, clearedDemand };
  });

  const cleared: ClearedOrder[] = new Array<ClearedOrder>(orders.length);
  const rejected: string[] = [];
  orders.forEach((order, position) => {
    const quantity = accepted[position]!;
    const price = prices[productIndex.get(order.product)!] ?? null;
    cleared[position] = { id: order.id, acceptedQuantity: quantity, acceptedPrice: price };
    if (quantity === 0) rejected.push(order.id);
  });
  return { products, orders: cleared, rejected };
};
