import { DomainError } from '../../shared/domain-error.js';
import type { ClearedOrder, ClearedProduct, ClearingResult } from './clearing-result.js';
import { isBlockOrder, type Order, type OrderBook, type PriceLimits } from './order-book.js';
import { validateOrderBook } from './order-book.validation.js';
import { levelScratch, matchLevels, priceLevels, shareLevels } from './price-levels.js';

/**
 * A pay-as-clear result in columns, by book position: what the engine computes before any
 * per-order object is made. A million result objects cost more than the clearing itself, so
 * callers that only need prices or a few orders' quantities read these.
 */
export interface PayAsClearColumns {
  readonly products: readonly ClearedProduct[];
  /** Accepted quantity of the order at each book position (0 when rejected). */
  readonly acceptedQuantity: Float64Array;
  /** Index in `products` of the order at each book position. */
  readonly productOf: Int32Array;
}

/**
 * Uniform-price clearing of each product on its own (ASSUME's PayAsClearRole convention): supply
 * ascending, demand descending, matched while the sell price does not exceed the bid. The price is
 * the highest accepted sell price, also when supply runs out before demand is served. Orders at the
 * marginal price share the marginal quantity pro rata to their size, so the highest-priced offers
 * (renewables included) are the first to be curtailed and ties never depend on book order.
 */
export const clearPayAsClearColumns = (
  book: OrderBook,
  limits?: PriceLimits,
): PayAsClearColumns => {
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
  const grouped = groupBySide(book.orders, book.products);
  const { quantities, positions } = grouped;
  const acceptedQuantity = new Float64Array(book.orders.length);
  let largestSide = 0;
  for (let group = 1; group < grouped.starts.length; group++)
    largestSide = Math.max(largestSide, grouped.starts[group]! - grouped.starts[group - 1]!);
  // Both sides of a product are alive together, each in its own buffers.
  const sellScratch = levelScratch(largestSide);
  const buyScratch = levelScratch(largestSide);
  const products: ClearedProduct[] = book.products.map(({ id }, index) => {
    const sellStart = grouped.starts[2 * index]!;
    const buyStart = grouped.starts[2 * index + 1]!;
    const buyEnd = grouped.starts[2 * index + 2]!;
    const sells = priceLevels(grouped.prices, quantities, sellStart, buyStart, true, sellScratch);
    const buys = priceLevels(grouped.prices, quantities, buyStart, buyEnd, false, buyScratch);
    const price = matchLevels(sells, buys);
    const clearedSupply = shareLevels(sells, quantities, positions, sellStart, acceptedQuantity);
    const clearedDemand = shareLevels(buys, quantities, positions, buyStart, acceptedQuantity);
    return { id, price, clearedSupply, clearedDemand };
  });
  return { products, acceptedQuantity, productOf: grouped.productOf };
};

/** `clearPayAsClearColumns` with one result object per order, as the clearing CLI prints it. */
export const clearPayAsClear = (book: OrderBook, limits?: PriceLimits): ClearingResult => {
  const { products, acceptedQuantity, productOf } = clearPayAsClearColumns(book, limits);
  const orders = book.orders;
  const rejected: string[] = [];
  const cleared = orders.map((order, position): ClearedOrder => {
    const quantity = acceptedQuantity[position]!;
    if (quantity === 0) rejected.push(order.id);
    return {
      id: order.id,
      acceptedQuantity: quantity,
      acceptedPrice: products[productOf[position]!]!.price,
    };
  });
  return { products, orders: cleared, rejected };
};

/**
 * The orders grouped by product and side (sells then buys of product 0, then of product 1, ...),
 * in book order within each group, as flat arrays: group g spans [starts[g], starts[g + 1]).
 */
interface GroupedOrders {
  readonly starts: Int32Array;
  /** Book position of each grouped order. */
  readonly positions: Int32Array;
  readonly prices: Float64Array;
  readonly quantities: Float64Array;
  /** Product index of each order, by book position. */
  readonly productOf: Int32Array;
}

const groupBySide = (orders: readonly Order[], products: OrderBook['products']): GroupedOrders => {
  const count = orders.length;
  const productIndex = new Map(products.map((p, index) => [p.id, index]));
  const groupOf = new Int32Array(count);
  const productOf = new Int32Array(count);
  const bookPrices = new Float64Array(count);
  const bookQuantities = new Float64Array(count);
  const starts = new Int32Array(2 * products.length + 1);
  // Books usually list a product's orders together: skip the lookup while the product repeats.
  let lastProduct: string | undefined;
  let lastIndex = 0;
  // The one pass over the order objects; what follows moves numbers between typed arrays.
  for (let position = 0; position < count; position++) {
    const order = orders[position]!;
    if (isBlockOrder(order) || (order.minAcceptanceRatio ?? 0) > 0)
      throw needsComplex(order, position);
    if (order.product !== lastProduct) {
      lastProduct = order.product;
      lastIndex = productIndex.get(lastProduct)!;
    }
    const group = 2 * lastIndex + (order.side === 'sell' ? 0 : 1);
    productOf[position] = lastIndex;
    groupOf[position] = group;
    bookPrices[position] = order.price;
    bookQuantities[position] = order.quantity;
    starts[group + 1]!++;
  }
  for (let group = 1; group < starts.length; group++) starts[group]! += starts[group - 1]!;
  const next = starts.slice(0, -1);
  const positions = new Int32Array(count);
  const prices = new Float64Array(count);
  const quantities = new Float64Array(count);
  for (let position = 0; position < count; position++) {
    const k = next[groupOf[position]!]!++;
    positions[k] = position;
    prices[k] = bookPrices[position]!;
    quantities[k] = bookQuantities[position]!;
  }
  return { starts, positions, prices, quantities, productOf };
};

/** Paths are built only for the order at fault: books hold up to a million orders. */
const needsComplex = (order: Order, position: number): DomainError =>
  isBlockOrder(order)
    ? new DomainError(
        'CLEARING.INVALID_BOOK',
        `orders[${position}]: block orders need the "complex" mechanism, not "pay_as_clear"`,
        `orders[${position}]`,
      )
    : new DomainError(
        'CLEARING.INVALID_BOOK',
        `orders[${position}].minAcceptanceRatio: a minimum acceptance ratio needs the "complex" mechanism`,
        `orders[${position}].minAcceptanceRatio`,
      );
