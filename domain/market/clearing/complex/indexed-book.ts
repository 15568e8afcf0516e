import { DomainError } from '../../../shared/domain-error.js';
import { isBlockOrder, type Order, type OrderBook } from '../order-book.js';

/** One order as the welfare model sees it: positions instead of ids, quantities per product. */
export interface IndexedOrder {
  readonly position: number;
  readonly order: Order;
  /** +1 for a sell (adds supply), -1 for a buy. */
  readonly sign: 1 | -1;
  readonly zone: number;
  /** Product positions and the quantity in each (zero entries of a block profile left out). */
  readonly products: readonly number[];
  readonly quantities: readonly number[];
  readonly totalQuantity: number;
  /** Blocks default to 1 (all or nothing), simple orders to 0 (freely divisible). */
  readonly minAcceptanceRatio: number;
  /** Position of the parent block, when linked. */
  readonly parent?: number;
  /** Position of the family's root (itself for a root). */
  readonly root: number;
}

export interface IndexedLink {
  readonly from: number;
  readonly to: number;
  readonly capacity: number;
}

/** A book checked for the complex mechanism and turned into positions. */
export interface IndexedBook {
  readonly products: readonly string[];
  /** Zone ids; one unnamed zone (`undefined`) when the book uses none. */
  readonly zones: readonly (string | undefined)[];
  readonly links: readonly IndexedLink[];
  readonly orders: readonly IndexedOrder[];
  /** Family members by root position, in book order (root first only when it comes first). */
  readonly families: ReadonlyMap<number, readonly number[]>;
  /** Products that carry at least one order quantity: the others get no balance row. */
  readonly activeProducts: readonly number[];
  /** Lowest and highest order price of the book, the default range of the price search. */
  readonly priceRange: readonly [number, number];
}

const invalid = (field: string, message: string): DomainError =>
  new DomainError('CLEARING.INVALID_BOOK', `${field}: ${message}`, field);

/**
 * The zones of a book: its `zones` list, else the zones its orders name in order of first mention,
 * else one unnamed zone. An order without a zone in a book of several zones is ambiguous.
 */
const zonesOf = (book: OrderBook): (string | undefined)[] => {
  if (book.zones !== undefined && book.zones.length > 0) return [...book.zones];
  const named = [...new Set(book.orders.flatMap((o) => (o.zone === undefined ? [] : [o.zone])))];
  return named.length === 0 ? [undefined] : named;
};

/** Expects a book that `validateOrderBook` accepted. */
export const indexBook = (book: OrderBook): IndexedBook => {
  const products = book.products.map((p) => p.id);
  const productIndex = new Map(products.map((id, index) => [id, index]));
  const zones = zonesOf(book);
  const zoneIndex = new Map(zones.map((id, index) => [id, index]));
  const positionById = new Map(book.orders.map((order, index) => [order.id, index]));
  const active = new Set<number>();
  let lowest = Infinity;
  let highest = -Infinity;

  const orders = book.orders.map((order, position): IndexedOrder => {
    const field = `orders[${position}]`;
    let zone = 0;
    if (order.zone !== undefined) zone = zoneIndex.get(order.zone)!;
    else if (zones.length > 1)
      throw invalid(`${field}.zone`, `required: the book has ${zones.length} zones`);
    const entries = isBlockOrder(order)
      ? Object.entries(order.profile).filter(([, quantity]) => quantity > 0)
      : [[order.product, order.quantity] as const];
    const orderProducts = entries.map(([product]) => productIndex.get(product)!);
    const quantities = entries.map(([, quantity]) => quantity);
    orderProducts.forEach((p) => active.add(p));
    lowest = Math.min(lowest, order.price);
    highest = Math.max(highest, order.price);
    const parent =
      isBlockOrder(order) && order.parentId !== undefined
        ? positionById.get(order.parentId)
        : undefined;
    return {
      position,
      order,
      sign: order.side === 'sell' ? 1 : -1,
      zone,
      products: orderProducts,
      quantities,
      totalQuantity: quantities.reduce((sum, q) => sum + q, 0),
      minAcceptanceRatio: order.minAcceptanceRatio ?? (isBlockOrder(order) ? 1 : 0),
      ...(parent === undefined ? {} : { parent }),
      root: position,
    };
  });

  // Roots by walking up (validation has ruled out cycles and unknown parents).
  const withRoots = orders.map((o) => {
    let root = o.position;
    for (let p = orders[root]!.parent; p !== undefined; p = orders[p]!.parent) root = p;
    return root === o.position ? o : { ...o, root };
  });
  const families = new Map<number, number[]>();
  for (const o of withRoots) {
    const members = families.get(o.root) ?? [];
    members.push(o.position);
    families.set(o.root, members);
  }

  const links = (book.links ?? []).map((link, index): IndexedLink => {
    const from = zoneIndex.get(link.from);
    const to = zoneIndex.get(link.to);
    if (from === undefined || to === undefined)
      throw invalid(`links[${index}]`, 'joins a zone that is not in the book');
    if (from === to) throw invalid(`links[${index}].to`, `joins zone "${link.from}" to itself`);
    return { from, to, capacity: link.capacity };
  });

  return {
    products,
    zones,
    links,
    orders: withRoots,
    families,
    activeProducts: [...active].sort((a, b) => a - b),
    priceRange: orders.length === 0 ? [0, 0] : [lowest, highest],
  };
};
