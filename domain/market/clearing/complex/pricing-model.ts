import {
  milpName,
  milpPortfolioName,
  MilpModelBuilder,
  type MilpModel,
} from '../../../optimisation/milp-model.js';
import type { IndexedBook } from './indexed-book.js';
import {
  forEachBalanceRow,
  orderColumn,
  productColumn,
  zoneColumn,
  type AcceptanceDomain,
} from './welfare-model.js';

/** A ratio or flow this close to a bound counts as at the bound (complementary slackness). */
const AT_BOUND = 1e-7;

export interface PricingInput {
  readonly book: IndexedBook;
  /** The bounds of the fixed-binary LP whose duals are wanted (every domain a `range`). */
  readonly domains: readonly AcceptanceDomain[];
  /** An optimal solution of that LP: acceptance by order position, flows by link and product. */
  readonly acceptance: Float64Array;
  readonly flows: readonly (readonly number[])[];
  /**
   * Bounds on every price, so that a price nothing pins from below stays finite. Infinite bounds
   * are for the last resort: any dual optimum (the sum of prices is then not minimised).
   */
  readonly priceBounds: readonly [number, number];
  /** Whether to ask that every accepted family have a non-negative surplus (see below). */
  readonly supportFamilies: boolean;
}

export interface PricingModel {
  readonly model: MilpModel;
  /** `prices[zone][product]`: price variable, -1 for a product without a balance row. */
  readonly prices: readonly (readonly number[])[];
}

/**
 * The lowest prices among the duals of the balance rows of the welfare LP with its binaries fixed.
 *
 * The solver port returns primal values only, so the duals are found as a second LP: a price
 * vector (with multipliers for the bounds, the parent links and the link capacities) is a dual
 * optimum exactly when it is dual feasible and complementary to the primal optimum at hand. Per
 * order the dual constraint reads: sign x (sum over products of quantity x (price - order price))
 * = mu - nu + (child multipliers) - (own parent multiplier), where mu >= 0 may be non-zero only if
 * the order sits at its upper bound and nu >= 0 only at its lower bound; per link and product:
 * price(to) - price(from) = alpha - beta, alpha >= 0 only when the link is full from->to, beta
 * >= 0 only when it is full to->from. Minimising the sum of the prices over that set picks the
 * lowest supporting price where the dual is not unique.
 *
 * With `supportFamilies`, every accepted family must also have a non-negative surplus: among equal
 * duals, prefer those at which no accepted block is paradoxical (e.g. an all-or-nothing block that
 * supplies all of a product pins no price, and the lowest dual would make it lose money). The
 * caller drops this when no such dual exists, and the paradox loop then removes the family.
 */
export const buildPricingModel = (input: PricingInput): PricingModel => {
  const { book, domains, acceptance, flows, priceBounds, supportFamilies } = input;
  const builder = new MilpModelBuilder('min');
  const prices = book.zones.map(() => book.products.map(() => -1));
  forEachBalanceRow(book, (zone, product) => {
    prices[zone]![product] = builder.addVariable({
      name: milpPortfolioName('price', zoneColumn(zone), productColumn(product)),
      lower: priceBounds[0],
      upper: priceBounds[1],
      objective: Number.isFinite(priceBounds[0]) ? 1 : 0,
    });
  });
  const priceTerms = (position: number, scale: number): [number, number][] => {
    const o = book.orders[position]!;
    return o.products.map((p, k) => [prices[o.zone]![p]!, scale * o.sign * o.quantities[k]!]);
  };

  // Which dual constraints bind: an order strictly inside its bounds has mu = nu = 0.
  const atUpper: boolean[] = [];
  const atLower: boolean[] = [];
  for (const o of book.orders) {
    const domain = domains[o.position]!;
    const lower = domain.kind === 'range' ? domain.lower : 0;
    const upper = domain.kind === 'range' ? domain.upper : 1;
    const x = acceptance[o.position]!;
    atUpper.push(x >= upper - AT_BOUND);
    atLower.push(x <= lower + AT_BOUND);
  }
  // A row whose order may take both mu and nu says nothing: it is left out.
  const rowNeeded = (position: number): boolean => !(atUpper[position]! && atLower[position]!);

  const linkTerms = new Map<number, [number, number][]>();
  const addLinkTerm = (position: number, variable: number, coefficient: number): void => {
    const terms = linkTerms.get(position) ?? [];
    terms.push([variable, coefficient]);
    linkTerms.set(position, terms);
  };
  for (const o of book.orders) {
    if (o.parent === undefined) continue;
    const x = acceptance[o.position]!;
    const parentX = acceptance[o.parent]!;
    // The multiplier of `child <= parent` may be non-zero only when the row binds.
    if (x < parentX - AT_BOUND) continue;
    if (!rowNeeded(o.position) && !rowNeeded(o.parent)) continue;
    const lambda = builder.addVariable({ name: milpName('linked_dual', orderColumn(o.position)) });
    addLinkTerm(o.position, lambda, -1);
    addLinkTerm(o.parent, lambda, 1);
  }

  for (const o of book.orders) {
    if (!rowNeeded(o.position)) continue;
    const terms = priceTerms(o.position, 1);
    const column = orderColumn(o.position);
    if (atUpper[o.position])
      terms.push([builder.addVariable({ name: milpName('upper_dual', column) }), -1]);
    if (atLower[o.position])
      terms.push([builder.addVariable({ name: milpName('lower_dual', column) }), 1]);
    terms.push(...(linkTerms.get(o.position) ?? []));
    builder.addConstraint(milpName('order_dual', column), terms, {
      eq: o.sign * o.order.price * o.totalQuantity,
    });
  }

  book.links.forEach((link, l) =>
    book.activeProducts.forEach((p) => {
      const flow = flows[l]![p]!;
      const fullForward = flow >= link.capacity - AT_BOUND * Math.max(1, link.capacity);
      const fullBackward = flow <= -link.capacity + AT_BOUND * Math.max(1, link.capacity);
      if (fullForward && fullBackward) return;
      const terms: [number, number][] = [
        [prices[link.to]![p]!, 1],
        [prices[link.from]![p]!, -1],
      ];
      const names = [`l${l}`, productColumn(p)] as const;
      if (fullForward)
        terms.push([builder.addVariable({ name: milpPortfolioName('cap_fwd', ...names) }), -1]);
      if (fullBackward)
        terms.push([builder.addVariable({ name: milpPortfolioName('cap_bwd', ...names) }), 1]);
      builder.addConstraint(milpPortfolioName('flow_dual', ...names), terms, { eq: 0 });
    }),
  );

  if (supportFamilies)
    for (const [root, members] of book.families) {
      const accepted = members.filter((m) => acceptance[m]! > 0);
      if (accepted.length === 0) continue;
      const terms = accepted.flatMap((m) => priceTerms(m, acceptance[m]!));
      const cost = accepted.reduce((sum, m) => {
        const o = book.orders[m]!;
        return sum + acceptance[m]! * o.sign * o.order.price * o.totalQuantity;
      }, 0);
      builder.addConstraint(milpName('family_surplus', orderColumn(root)), terms, { ge: cost });
    }

  return { model: builder.build(), prices };
};
