import type { ClearedOrder, ClearedProduct, ClearingResult, ZoneFlow } from '../clearing-result.js';
import { isBlockOrder } from '../order-book.js';
import type { IndexedBook } from './indexed-book.js';

/** Quantities and flows below this share of their scale are solver round-off: reported as 0. */
const ROUND_OFF = 1e-9;

/** 12 significant digits: drops solver round-off (899.9999999999998 -> 900) and never gives -0. */
const tidy = (value: number): number => {
  const rounded = Number(value.toPrecision(12));
  return rounded === 0 ? 0 : rounded;
};

/**
 * Equal-priced divisible simple orders of one side, zone and product are interchangeable in the
 * welfare model, so the solver's split between them is arbitrary: they share the group's accepted
 * quantity pro rata to their size instead (in place). Balance, welfare and surpluses are unchanged.
 * Orders of removed families are left out.
 */
export const shareTiesProRata = (
  book: IndexedBook,
  acceptance: Float64Array,
  removedRoots: ReadonlySet<number>,
): void => {
  const groups = new Map<string, number[]>();
  for (const o of book.orders) {
    if (isBlockOrder(o.order) || o.minAcceptanceRatio > 0 || removedRoots.has(o.root)) continue;
    const key = `${o.sign}|${o.zone}|${o.products[0]}|${o.order.price}`;
    const group = groups.get(key) ?? [];
    group.push(o.position);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    let accepted = 0;
    let total = 0;
    for (const position of group) {
      const quantity = book.orders[position]!.totalQuantity;
      accepted += acceptance[position]! * quantity;
      total += quantity;
    }
    const ratio = Math.min(1, accepted / total);
    for (const position of group) acceptance[position] = ratio;
  }
};

/** The clearing result in the book's terms, orders and products in book order. */
export const assembleResult = (
  book: IndexedBook,
  acceptance: Float64Array,
  flows: readonly (readonly number[])[],
  priceAt: (zone: number, product: number) => number,
): ClearingResult => {
  const zoneCount = book.zones.length;
  const supply = new Float64Array(zoneCount * book.products.length);
  const demand = new Float64Array(zoneCount * book.products.length);
  const flowing = new Uint8Array(zoneCount * book.products.length);
  const cell = (zone: number, product: number): number => product * zoneCount + zone;
  for (const o of book.orders) {
    const x = acceptance[o.position]!;
    o.products.forEach((p, k) => {
      (o.sign > 0 ? supply : demand)[cell(o.zone, p)]! += x * o.quantities[k]!;
    });
  }

  const zoneFlows: ZoneFlow[] = [];
  book.links.forEach((link, l) =>
    book.activeProducts.forEach((p) => {
      const flow = flows[l]![p]!;
      if (Math.abs(flow) <= ROUND_OFF * Math.max(1, link.capacity)) return;
      flowing[cell(link.from, p)] = 1;
      flowing[cell(link.to, p)] = 1;
      const [from, to] = flow > 0 ? [link.from, link.to] : [link.to, link.from];
      zoneFlows.push({
        from: book.zones[from]!,
        to: book.zones[to]!,
        product: book.products[p]!,
        quantity: tidy(Math.abs(flow)),
      });
    }),
  );

  // Nothing accepted and nothing flowing: no order sets a price there (as in pay-as-clear).
  const priceOf = (zone: number, product: number): number | null => {
    const at = cell(zone, product);
    const traded = supply[at]! > 0 || demand[at]! > 0 || flowing[at] === 1;
    const price = priceAt(zone, product);
    return traded && Number.isFinite(price) ? tidy(price) : null;
  };

  const products: ClearedProduct[] = [];
  book.products.forEach((id, p) => {
    book.zones.forEach((zone, z) => {
      products.push({
        id,
        ...(zone === undefined ? {} : { zone }),
        price: priceOf(z, p),
        clearedSupply: tidy(supply[cell(z, p)]!),
        clearedDemand: tidy(demand[cell(z, p)]!),
      });
    });
  });

  const rejected: string[] = [];
  const orders = book.orders.map((o): ClearedOrder => {
    const x = acceptance[o.position]!;
    if (x === 0) rejected.push(o.order.id);
    const acceptanceRatio = tidy(x);
    if (!isBlockOrder(o.order))
      return {
        id: o.order.id,
        acceptedQuantity: tidy(x * o.order.quantity),
        acceptedPrice: priceOf(o.zone, o.products[0]!),
        acceptanceRatio,
      };
    const acceptedQuantity = Object.fromEntries(
      Object.entries(o.order.profile).map(([product, quantity]) => [product, tidy(x * quantity)]),
    );
    return {
      id: o.order.id,
      acceptedQuantity,
      acceptedPrice: blockPrice(o, priceOf),
      acceptanceRatio,
    };
  });

  return {
    products,
    ...(book.links.length === 0 ? {} : { flows: zoneFlows }),
    orders,
    rejected,
  };
};

/** A block's price: the quantity-weighted mean over its profile (null if a product has none). */
const blockPrice = (
  o: IndexedBook['orders'][number],
  priceOf: (zone: number, product: number) => number | null,
): number | null => {
  let value = 0;
  for (let k = 0; k < o.products.length; k++) {
    const price = priceOf(o.zone, o.products[k]!);
    if (price === null) return null;
    value += price * o.quantities[k]!;
  }
  return tidy(value / o.totalQuantity);
};
