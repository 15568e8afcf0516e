import {
  milpName,
  milpPortfolioName,
  MilpModelBuilder,
  type MilpModel,
} from '../../../optimisation/milp-model.js';
import type { IndexedBook } from './indexed-book.js';

/**
 * How far an order may be accepted in one solve: `binary` lets the MILP choose between rejection
 * (0) and a ratio in [ratio, 1]; `range` fixes the bounds (binaries decided, or an order removed).
 */
export type AcceptanceDomain =
  | { readonly kind: 'binary'; readonly ratio: number }
  | { readonly kind: 'range'; readonly lower: number; readonly upper: number };

export interface WelfareModel {
  readonly model: MilpModel;
  /** Acceptance-ratio variable of each order, by book position. */
  readonly acceptance: readonly number[];
  /** The on/off variable of an order whose minimum ratio lies strictly inside (0, 1). */
  readonly onOff: readonly (number | undefined)[];
  /** `flows[link][product]`: flow variable (positive from `from` to `to`), -1 without one. */
  readonly flows: readonly (readonly number[])[];
  readonly hasBinaries: boolean;
}

export const orderColumn = (position: number): string => `o${position}`;
export const zoneColumn = (zone: number): string => `z${zone}`;
export const productColumn = (product: number): string => `p${product}`;

/**
 * The welfare-maximisation model: maximise sum over orders of (buy price - sell price) x quantity
 * x acceptance, subject to one balance row per zone and active product (supply - demand + imports
 * - exports = 0), link flows within +-capacity, a child accepted at most as far as its parent, and
 * for an order with a minimum ratio r > 0: acceptance = 0 or in [r, 1] (a binary u with
 * r*u <= x <= u; for r = 1 the acceptance itself is the binary). Names use book positions, not
 * order ids, because ids may hold characters a solver refuses.
 */
export const buildWelfareModel = (
  book: IndexedBook,
  domains: readonly AcceptanceDomain[],
): WelfareModel => {
  const builder = new MilpModelBuilder('max');
  let hasBinaries = false;
  const onOff: (number | undefined)[] = [];
  const acceptance = book.orders.map((o) => {
    const domain = domains[o.position]!;
    const name = milpName('accept', orderColumn(o.position));
    const objective = -o.sign * o.order.price * o.totalQuantity;
    if (domain.kind === 'range') {
      onOff.push(undefined);
      return builder.addVariable({ name, lower: domain.lower, upper: domain.upper, objective });
    }
    hasBinaries = true;
    if (domain.ratio >= 1) {
      onOff.push(undefined);
      return builder.addVariable({ name, kind: 'binary', objective });
    }
    const x = builder.addVariable({ name, upper: 1, objective });
    const u = builder.addVariable({
      name: milpName('on', orderColumn(o.position)),
      kind: 'binary',
    });
    onOff.push(u);
    builder.addConstraint(
      milpName('min_ratio', orderColumn(o.position)),
      [
        [x, 1],
        [u, -domain.ratio],
      ],
      { ge: 0 },
    );
    builder.addConstraint(
      milpName('on_only', orderColumn(o.position)),
      [
        [x, 1],
        [u, -1],
      ],
      { le: 0 },
    );
    return x;
  });

  for (const o of book.orders)
    if (o.parent !== undefined)
      builder.addConstraint(
        milpName('linked', orderColumn(o.position)),
        [
          [acceptance[o.position]!, 1],
          [acceptance[o.parent]!, -1],
        ],
        { le: 0 },
      );

  const active = new Set(book.activeProducts);
  const flows = book.links.map((link, l) =>
    book.products.map((_, p) =>
      active.has(p)
        ? builder.addVariable({
            name: milpPortfolioName('flow', `l${l}`, productColumn(p)),
            lower: -link.capacity,
            upper: link.capacity,
          })
        : -1,
    ),
  );

  // Terms of each balance row, collected per zone and product.
  const terms = new Map<string, [number, number][]>();
  const add = (zone: number, product: number, variable: number, coefficient: number): void => {
    const key = `${zone}:${product}`;
    const row = terms.get(key) ?? [];
    row.push([variable, coefficient]);
    terms.set(key, row);
  };
  for (const o of book.orders)
    o.products.forEach((p, k) =>
      add(o.zone, p, acceptance[o.position]!, o.sign * o.quantities[k]!),
    );
  book.links.forEach((link, l) =>
    book.activeProducts.forEach((p) => {
      add(link.to, p, flows[l]![p]!, 1);
      add(link.from, p, flows[l]![p]!, -1);
    }),
  );
  forEachBalanceRow(book, (zone, product) =>
    builder.addConstraint(balanceRowName(zone, product), terms.get(`${zone}:${product}`) ?? [], {
      eq: 0,
    }),
  );

  return { model: builder.build(), acceptance, onOff, flows, hasBinaries };
};

export const balanceRowName = (zone: number, product: number): string =>
  milpPortfolioName('balance', zoneColumn(zone), productColumn(product));

/** Every zone and active product, zones inner, in a fixed order shared by model and pricing. */
export const forEachBalanceRow = (
  book: IndexedBook,
  visit: (zone: number, product: number) => void,
): void => {
  for (const product of book.activeProducts)
    for (let zone = 0; zone < book.zones.length; zone++) visit(zone, product);
};
