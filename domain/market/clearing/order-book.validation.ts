import { DomainError } from '../../shared/domain-error.js';
import { firstDuplicateId, idHash } from './duplicate-ids.js';
import {
  CLEARING_MECHANISMS,
  isBlockOrder,
  type BlockOrder,
  type Order,
  type OrderBook,
  type PriceLimits,
} from './order-book.js';

export type ClearingErrorCode = 'CLEARING.INVALID_BOOK' | 'CLEARING.UNKNOWN_PRODUCT';

const fail = (field: string, message: string, code: ClearingErrorCode = 'CLEARING.INVALID_BOOK') =>
  new DomainError(code, `${field}: ${message}`, field);

const finite = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw fail(field, `must be a finite number, got ${String(value)}`);
  return value;
};

const text = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value.length === 0)
    throw fail(field, `must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
};

const checkRatio = (value: number | undefined, field: string): void => {
  if (value === undefined) return;
  const ratio = finite(value, field);
  if (ratio < 0 || ratio > 1) throw fail(field, `must lie in [0, 1], got ${ratio}`);
};

const checkPrice = (price: unknown, field: string, limits: PriceLimits | undefined): void => {
  const value = finite(price, field);
  if (limits && (value < limits.priceFloor || value > limits.priceCap))
    throw fail(
      field,
      `${value} is outside the market's price limits [${limits.priceFloor}, ${limits.priceCap}]`,
    );
};

const checkZone = (zone: unknown, field: string, zones: ReadonlySet<string> | undefined): void => {
  if (zone === undefined) return;
  const id = text(zone, field);
  if (zones && !zones.has(id)) throw fail(field, `unknown zone "${id}"`);
};

const checkBlock = (order: BlockOrder, field: string, products: ReadonlySet<string>): void => {
  const entries = Object.entries(order.profile ?? {});
  if (entries.length === 0) throw fail(`${field}.profile`, 'a block needs at least one product');
  let total = 0;
  for (const [product, quantity] of entries) {
    if (!products.has(product))
      throw fail(
        `${field}.profile.${product}`,
        `unknown product "${product}"`,
        'CLEARING.UNKNOWN_PRODUCT',
      );
    const value = finite(quantity, `${field}.profile.${product}`);
    if (value < 0) throw fail(`${field}.profile.${product}`, `must not be negative, got ${value}`);
    total += value;
  }
  if (total <= 0) throw fail(`${field}.profile`, 'a block must offer or ask a positive quantity');
};

const checkOrder = (
  order: Order,
  index: number,
  products: ReadonlySet<string>,
  zones: ReadonlySet<string> | undefined,
  limits: PriceLimits | undefined,
): void => {
  const field = `orders[${index}]`;
  if (order === null || typeof order !== 'object' || Array.isArray(order))
    throw fail(field, 'must be an order object');
  text(order.id, `${field}.id`);
  text(order.agent, `${field}.agent`);
  if (order.side !== 'sell' && order.side !== 'buy')
    throw fail(`${field}.side`, `must be "sell" or "buy", got ${JSON.stringify(order.side)}`);
  checkPrice(order.price, `${field}.price`, limits);
  checkZone(order.zone, `${field}.zone`, zones);
  checkRatio(order.minAcceptanceRatio, `${field}.minAcceptanceRatio`);
  if (isBlockOrder(order)) {
    checkBlock(order, field, products);
    return;
  }
  const product = text(order.product, `${field}.product`);
  if (!products.has(product))
    throw fail(`${field}.product`, `unknown product "${product}"`, 'CLEARING.UNKNOWN_PRODUCT');
  const quantity = finite(order.quantity, `${field}.quantity`);
  if (quantity <= 0) throw fail(`${field}.quantity`, `must be greater than 0, got ${quantity}`);
};

/**
 * The common case, a well-formed simple order, checked without building a single message or path:
 * books hold up to a million orders. Anything else goes through `checkOrder` for a precise error.
 */
const isPlainValidSimpleOrder = (
  order: Order,
  products: ReadonlySet<string>,
  zones: ReadonlySet<string> | undefined,
  limits: PriceLimits | undefined,
): boolean => {
  if (order === null || typeof order !== 'object' || isBlockOrder(order)) return false;
  const { id, agent, side, price, product, quantity, zone, minAcceptanceRatio: ratio } = order;
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    typeof agent === 'string' &&
    agent.length > 0 &&
    (side === 'sell' || side === 'buy') &&
    typeof price === 'number' &&
    Number.isFinite(price) &&
    (limits === undefined || (price >= limits.priceFloor && price <= limits.priceCap)) &&
    typeof product === 'string' &&
    products.has(product) &&
    typeof quantity === 'number' &&
    Number.isFinite(quantity) &&
    quantity > 0 &&
    (zone === undefined ||
      (typeof zone === 'string' && (zones === undefined || zones.has(zone)))) &&
    (ratio === undefined || (typeof ratio === 'number' && ratio >= 0 && ratio <= 1))
  );
};

const checkParents = (orders: readonly Order[]): void => {
  const blocks = new Map<string, BlockOrder>();
  orders.forEach((order) => isBlockOrder(order) && blocks.set(order.id, order));
  orders.forEach((order, index) => {
    if (!isBlockOrder(order) || order.parentId === undefined) return;
    const field = `orders[${index}].parentId`;
    if (!blocks.has(order.parentId))
      throw fail(field, `no block order "${order.parentId}" in the book`);
    // Walk up the family: a cycle would make "accepted only with its parent" unsatisfiable.
    const seen = new Set([order.id]);
    for (let parent = blocks.get(order.parentId); parent;) {
      if (seen.has(parent.id))
        throw fail(field, `orders "${order.id}" and "${parent.id}" form a parent cycle`);
      seen.add(parent.id);
      parent = parent.parentId === undefined ? undefined : blocks.get(parent.parentId);
    }
  });
};

/** Checks a book before clearing; the first problem found is reported with its JSON path. */
export const validateOrderBook = (book: OrderBook, limits?: PriceLimits): void => {
  if (!(CLEARING_MECHANISMS as readonly string[]).includes(book.mechanism))
    throw fail(
      'mechanism',
      `must be one of ${CLEARING_MECHANISMS.join(', ')}, got ${JSON.stringify(book.mechanism)}`,
    );
  if (!Array.isArray(book.products) || book.products.length === 0)
    throw fail('products', 'must list at least one product');
  const products = new Set<string>();
  book.products.forEach((product, index) => {
    const id = text(product?.id, `products[${index}].id`);
    if (products.has(id)) throw fail(`products[${index}].id`, `duplicate product "${id}"`);
    products.add(id);
  });
  const zones =
    book.zones === undefined
      ? undefined
      : new Set(book.zones.map((z, i) => text(z, `zones[${i}]`)));
  (book.links ?? []).forEach((link, index) => {
    checkZone(link.from, `links[${index}].from`, zones ?? new Set());
    checkZone(link.to, `links[${index}].to`, zones ?? new Set());
    if (finite(link.capacity, `links[${index}].capacity`) < 0)
      throw fail(`links[${index}].capacity`, `must not be negative, got ${link.capacity}`);
  });
  if (!Array.isArray(book.orders)) throw fail('orders', 'must be an array');
  const orders = book.orders;
  // Hashed while each order is at hand: books hold up to a million orders.
  const hashes = new Uint32Array(orders.length);
  for (let index = 0; index < orders.length; index++) {
    const order = orders[index]!;
    if (!isPlainValidSimpleOrder(order, products, zones, limits))
      try {
        checkOrder(order, index, products, zones, limits);
      } catch (error) {
        // The first problem in book order: a repeated id before this order comes first.
        checkDuplicateIds(orders, hashes.subarray(0, index));
        throw error;
      }
    hashes[index] = idHash(order.id);
  }
  checkDuplicateIds(orders, hashes);
  checkParents(orders);
};

/** Ids must be distinct among the first orders, as many as `hashes` holds (their ids' hashes). */
const checkDuplicateIds = (orders: readonly Order[], hashes: Uint32Array): void => {
  const duplicate = firstDuplicateId(hashes, (index) => orders[index]!.id);
  if (duplicate !== undefined)
    throw fail(
      `orders[${duplicate.index}].id`,
      `duplicate order id "${duplicate.id}" (first at orders[${duplicate.firstIndex}])`,
    );
};
