import type { IndexedBook } from './indexed-book.js';

/** Relative size below which a family surplus counts as exactly zero (solver round-off). */
const ZERO_SURPLUS = 1e-7;

/** The surplus of one order at the given prices: (price - bid) x quantity x ratio, sells signed +. */
export const orderSurplus = (
  book: IndexedBook,
  position: number,
  acceptance: Float64Array,
  priceAt: (zone: number, product: number) => number,
): number => {
  const o = book.orders[position]!;
  const x = acceptance[position]!;
  if (x === 0) return 0;
  let surplus = 0;
  o.products.forEach((p, k) => {
    surplus += o.sign * (priceAt(o.zone, p) - o.order.price) * o.quantities[k]! * x;
  });
  return surplus;
};

/**
 * Families (a root order and its linked descendants; a lone order is a family of one) that are
 * paradoxically accepted: some member accepted, and the family's total surplus negative beyond
 * round-off. A family at exactly zero surplus is kept. Roots in book order.
 */
export const paradoxicalFamilies = (
  book: IndexedBook,
  acceptance: Float64Array,
  priceAt: (zone: number, product: number) => number,
): number[] => {
  const found: number[] = [];
  for (const [root, members] of book.families) {
    if (!members.some((m) => acceptance[m]! > 0)) continue;
    let surplus = 0;
    let scale = 0;
    for (const m of members) {
      surplus += orderSurplus(book, m, acceptance, priceAt);
      const o = book.orders[m]!;
      scale += Math.abs(o.order.price) * o.totalQuantity * acceptance[m]!;
    }
    if (surplus < -ZERO_SURPLUS * Math.max(1, scale)) found.push(root);
  }
  return found.sort((a, b) => a - b);
};
