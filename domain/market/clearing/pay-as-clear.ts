import { DomainError } from '../../shared/domain-error.js';
import type { ClearedOrder, ClearedProduct, ClearingResult } from './clearing-result.js';
import { isBlockOrder, type OrderBook, type PriceLimits, type SimpleOrder } from './order-book.js';
import { validateOrderBook } from './order-book.validation.js';

/** All orders of one side at one price: they share what the level gets, pro rata. */
interface PriceLevel {
  readonly price: number;
  readonly orders: SimpleOrder[];
  total: number;
  accepted: number;
}

const levelsOf = (orders: readonly SimpleOrder[], ascending: boolean): PriceLevel[] => {
  // Book order breaks no tie: equal prices form one level, so the result never depends on it.
  const sorted = [...orders].sort((a, b) => (ascending ? a.price - b.price : b.price - a.price));
  const levels: PriceLevel[] = [];
  for (const order of sorted) {
    const last = levels.at(-1);
    if (last && last.price === order.price) {
      last.orders.push(order);
      last.total += order.quantity;
    } else levels.push({ price: order.price, orders: [order], total: order.quantity, accepted: 0 });
  }
  return levels;
};

/** Walks supply up and demand down while the cheapest unmatched sell is no dearer than the bid. */
const match = (sells: PriceLevel[], buys: PriceLevel[]): number | null => {
  let i = 0;
  let j = 0;
  let sellLeft = sells[0]?.total ?? 0;
  let buyLeft = buys[0]?.total ?? 0;
  let price: number | null = null;
  for (let sell = sells[i], buy = buys[j]; sell && buy && sell.price <= buy.price;) {
    const quantity = Math.min(sellLeft, buyLeft);
    sell.accepted += quantity;
    buy.accepted += quantity;
    price = sell.price;
    // Subtracting the minimum from itself gives exactly 0, so levels are exhausted exactly.
    sellLeft = quantity === sellLeft ? 0 : sellLeft - quantity;
    buyLeft = quantity === buyLeft ? 0 : buyLeft - quantity;
    if (sellLeft === 0) {
      sell = sells[++i];
      sellLeft = sell?.total ?? 0;
    }
    if (buyLeft === 0) {
      buy = buys[++j];
      buyLeft = buy?.total ?? 0;
    }
  }
  return price;
};

/** Shares a level's accepted quantity pro rata to order size; the shares add up exactly. */
const shareLevel = (level: PriceLevel, into: Map<string, number>): void => {
  if (level.accepted === level.total) {
    for (const order of level.orders) into.set(order.id, order.quantity);
    return;
  }
  let given = 0;
  level.orders.forEach((order, index) => {
    const share =
      index === level.orders.length - 1
        ? level.accepted - given
        : (level.accepted * order.quantity) / level.total;
    given += share;
    into.set(order.id, share);
  });
};

const simpleOrdersOf = (book: OrderBook): SimpleOrder[] =>
  book.orders.map((order, index) => {
    const field = `orders[${index}]`;
    if (isBlockOrder(order))
      throw new DomainError(
        'CLEARING.INVALID_BOOK',
        `${field}: block orders need the "complex" mechanism, not "pay_as_clear"`,
        field,
      );
    if ((order.minAcceptanceRatio ?? 0) > 0)
      throw new DomainError(
        'CLEARING.INVALID_BOOK',
        `${field}.minAcceptanceRatio: a minimum acceptance ratio needs the "complex" mechanism`,
        `${field}.minAcceptanceRatio`,
      );
    return order;
  });

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
  const byProduct = new Map<string, SimpleOrder[]>(book.products.map((p) => [p.id, []]));
  for (const order of simpleOrdersOf(book)) byProduct.get(order.product)?.push(order);

  const accepted = new Map<string, number>();
  const prices = new Map<string, number | null>();
  const products: ClearedProduct[] = book.products.map(({ id }) => {
    const orders = byProduct.get(id) ?? [];
    const sells = levelsOf(
      orders.filter((o) => o.side === 'sell'),
      true,
    );
    const buys = levelsOf(
      orders.filter((o) => o.side === 'buy'),
      false,
    );
    const price = match(sells, buys);
    prices.set(id, price);
    let clearedSupply = 0;
    let clearedDemand = 0;
    for (const level of sells) {
      clearedSupply += level.accepted;
      shareLevel(level, accepted);
    }
    for (const level of buys) {
      clearedDemand += level.accepted;
      shareLevel(level, accepted);
    }
    return { id, price, clearedSupply, clearedDemand };
  });

  const orders: ClearedOrder[] = [];
  const rejected: string[] = [];
  for (const order of simpleOrdersOf(book)) {
    const quantity = accepted.get(order.id) ?? 0;
    orders.push({
      id: order.id,
      acceptedQuantity: quantity,
      acceptedPrice: prices.get(order.product) ?? null,
    });
    if (quantity === 0) rejected.push(order.id);
  }
  return { products, orders, rejected };
};
