import type { MilpModel } from '../../../optimisation/milp-model.js';
import type { MilpResult, MilpSolver } from '../../../optimisation/milp-solver.port.js';
import { DomainError } from '../../../shared/domain-error.js';
import type { ClearingResult } from '../clearing-result.js';
import type { OrderBook, PriceLimits } from '../order-book.js';
import { validateOrderBook } from '../order-book.validation.js';
import { assembleResult, shareTiesProRata } from './complex-result.js';
import { indexBook, type IndexedBook } from './indexed-book.js';
import { buildPricingModel } from './pricing-model.js';
import { paradoxicalFamilies } from './surplus.js';
import { buildWelfareModel, type AcceptanceDomain, type WelfareModel } from './welfare-model.js';

export interface ComplexClearingOptions {
  /** Market price floor and cap: orders outside are refused, and prices are searched inside. */
  readonly limits?: PriceLimits;
  /** Wall-clock limit of each solve (default 60 s). */
  readonly timeLimitSeconds?: number;
}

export interface ComplexClearingReport {
  /** Welfare solves made: 1 + one per round of paradoxical removals. */
  readonly iterations: number;
  /** Orders removed as (members of) paradoxically accepted families, in book order. */
  readonly paradoxicallyRejected: readonly string[];
  /** Solver calls in all (welfare MILPs, fixed-binary LPs, pricing LPs). */
  readonly solves: number;
  /** Whether every welfare solve was proven optimal (a time limit can leave a feasible one). */
  readonly optimal: boolean;
  /**
   * How the prices of each iteration were found (the last one's are the result's): `supporting`,
   * the lowest dual prices at which every accepted family breaks even; `lowest_dual`, no such dual
   * existed, so the lowest duals (the loop then removes the families that lose); `any_dual`, no
   * dual within the widened price range (a degenerate book), so any dual optimum.
   */
  readonly pricing: readonly PricingKind[];
  /** Welfare of the final allocation: sum of (buy price - sell price) x accepted quantity. */
  readonly welfare: number;
}

export interface ComplexClearing {
  readonly result: ClearingResult;
  readonly report: ComplexClearingReport;
}

const SNAP = 1e-9;

const solveFailed = (what: string, result: MilpResult): DomainError =>
  new DomainError(
    'CLEARING.SOLVE_FAILED',
    `the ${what} ended with status ${result.status}${result.message ? `: ${result.message}` : ''}`,
    undefined,
    { status: result.status, solver: result.solver.name },
  );

/** Ratios within round-off of 0, 1 or a bound are set to it, so that "accepted" is unambiguous. */
const snapAcceptance = (
  welfare: WelfareModel,
  values: Float64Array,
  domains: readonly AcceptanceDomain[],
): Float64Array =>
  Float64Array.from(welfare.acceptance, (variable, position) => {
    const domain = domains[position]!;
    const lower = domain.kind === 'range' ? domain.lower : 0;
    const upper = domain.kind === 'range' ? domain.upper : 1;
    const raw = values[variable]!;
    const onOff = welfare.onOff[position];
    if (onOff !== undefined && values[onOff]! < 0.5) return 0;
    if (domain.kind === 'binary' && domain.ratio >= 1) return raw < 0.5 ? 0 : 1;
    const clamped = Math.min(upper, Math.max(lower, raw));
    if (clamped - lower < SNAP) return lower;
    if (upper - clamped < SNAP) return upper;
    return clamped;
  });

/**
 * The decided binaries as fixed bounds: a rejected order at 0, an accepted one in [ratio, 1].
 * Orders without a binary keep their bounds.
 */
const fixBinaries = (
  domains: readonly AcceptanceDomain[],
  acceptance: Float64Array,
): AcceptanceDomain[] =>
  domains.map((domain, position) => {
    if (domain.kind === 'range') return domain;
    const accepted = acceptance[position]! > 0;
    return accepted
      ? { kind: 'range', lower: domain.ratio, upper: 1 }
      : { kind: 'range', lower: 0, upper: 0 };
  });

const initialDomains = (book: IndexedBook, removed: ReadonlySet<number>): AcceptanceDomain[] =>
  book.orders.map((o): AcceptanceDomain => {
    if (removed.has(o.root)) return { kind: 'range', lower: 0, upper: 0 };
    return o.minAcceptanceRatio > 0
      ? { kind: 'binary', ratio: o.minAcceptanceRatio }
      : { kind: 'range', lower: 0, upper: 1 };
  });

/**
 * Clears a book with the `complex` mechanism (issue 6; ASSUME's ComplexClearingRole and the
 * Bichler et al. examples as references):
 *
 * 1. Maximise welfare over the acceptance ratios of all orders (MILP; see `buildWelfareModel`).
 * 2. Fix the binaries and re-solve the LP, then price each zone and product with the lowest dual
 *    of its balance row (see `buildPricingModel`). A zone and product where nothing was accepted
 *    and nothing flowed has no price (null).
 * 3. Families (a block and its linked children, judged together) with a negative total surplus at
 *    those prices are paradoxically accepted: they are removed for good and the book is solved
 *    again, until none is left. At most one round per family, so the loop always ends.
 *
 * Ties: equal-priced divisible simple orders of one side, zone and product share their accepted
 * quantity pro rata to size (as in pay-as-clear), whatever the solver picked. Other ties (e.g. a
 * block against a simple order at the same price, or which of two equal blocks is accepted) follow
 * the solver, which is deterministic for a given book (the model is built in book order) and
 * solver; a family at exactly zero surplus is accepted.
 */
export const clearComplex = async (
  book: OrderBook,
  solver: MilpSolver,
  options: ComplexClearingOptions = {},
): Promise<ComplexClearing> => {
  validateOrderBook(book, options.limits);
  if (book.mechanism !== 'complex')
    throw new DomainError(
      'CLEARING.INVALID_BOOK',
      `mechanism: expected "complex", got "${book.mechanism}"`,
      'mechanism',
    );
  const indexed = indexBook(book);
  const solveOptions = {
    timeLimitSeconds: options.timeLimitSeconds ?? 60,
    relativeGap: 0,
    diagnoseInfeasibility: false,
  } as const;
  let solves = 0;
  let optimal = true;
  const solve = async (model: MilpModel): Promise<MilpResult> => {
    solves++;
    return solver.solve(model, solveOptions);
  };

  const removed = new Set<number>();
  const pricingKinds: PricingKind[] = [];
  const maxIterations = indexed.families.size + 1;
  for (let iteration = 1; ; iteration++) {
    // Step 1: the welfare MILP with the families removed so far held at zero.
    let domains = initialDomains(indexed, removed);
    let welfare = buildWelfareModel(indexed, domains);
    let solved = await solve(welfare.model);
    if (solved.values === undefined || !['optimal', 'feasible'].includes(solved.status))
      throw solveFailed('welfare maximisation', solved);
    if (solved.status !== 'optimal') optimal = false;
    let acceptance = snapAcceptance(welfare, solved.values, domains);

    // Step 2: binaries fixed, an LP optimum to take the duals of.
    if (welfare.hasBinaries) {
      domains = fixBinaries(domains, acceptance);
      welfare = buildWelfareModel(indexed, domains);
      solved = await solve(welfare.model);
      if (solved.values === undefined || solved.status !== 'optimal')
        throw solveFailed('welfare LP with fixed binaries', solved);
      acceptance = snapAcceptance(welfare, solved.values, domains);
    }
    const values = solved.values;
    const flows = welfare.flows.map((row) => row.map((v) => (v < 0 ? 0 : values[v]!)));
    const pricing = await priceBook(indexed, domains, acceptance, flows, options.limits, solve);
    pricingKinds.push(pricing.kind);

    const paradoxical = paradoxicalFamilies(indexed, acceptance, pricing.priceAt);
    if (paradoxical.length === 0 || iteration >= maxIterations) {
      shareTiesProRata(indexed, acceptance, removed);
      const result = assembleResult(indexed, acceptance, flows, pricing.priceAt);
      const paradoxicallyRejected = indexed.orders
        .filter((o) => removed.has(o.root))
        .map((o) => o.order.id);
      return {
        result,
        report: {
          iterations: iteration,
          paradoxicallyRejected,
          solves,
          optimal,
          pricing: pricingKinds,
          welfare: welfareOf(indexed, acceptance),
        },
      };
    }
    paradoxical.forEach((root) => removed.add(root));
  }
};

const welfareOf = (book: IndexedBook, acceptance: Float64Array): number =>
  book.orders.reduce(
    (sum, o) => sum - o.sign * o.order.price * o.totalQuantity * acceptance[o.position]!,
    0,
  );

export type PricingKind = 'supporting' | 'lowest_dual' | 'any_dual';

interface Pricing {
  readonly priceAt: (zone: number, product: number) => number;
  readonly kind: PricingKind;
}

/**
 * Tries, in turn, within the price range: supporting prices, then plain lowest duals; then the same
 * within a range widened tenfold on both sides (a dual set can leave the bids' range, e.g. when an
 * all-or-nothing block serves a whole product and is priced by its other products); last any dual
 * at all. The range is the market's limits when given, else the book's lowest and highest order
 * price; it keeps a price that nothing pins from below finite, and staying inside it comes before
 * supporting a family: otherwise a family that loses at sensible prices could be "supported" by
 * an absurd price in a product that nothing else pins.
 */
const priceBook = async (
  book: IndexedBook,
  domains: readonly AcceptanceDomain[],
  acceptance: Float64Array,
  flows: readonly (readonly number[])[],
  limits: PriceLimits | undefined,
  solve: (model: MilpModel) => Promise<MilpResult>,
): Promise<Pricing> => {
  const [low, high] = limits ? [limits.priceFloor, limits.priceCap] : book.priceRange;
  const span = Math.max(1, high - low);
  const narrow = [low, high] as const;
  const wide = [low - 10 * span, high + 10 * span] as const;
  const attempts = [
    { supportFamilies: true, priceBounds: narrow },
    { supportFamilies: false, priceBounds: narrow },
    { supportFamilies: true, priceBounds: wide },
    { supportFamilies: false, priceBounds: wide },
    // Always feasible (the LP has an optimum, so its dual has one): some dual, not the lowest.
    { supportFamilies: false, priceBounds: [-Infinity, Infinity] as const },
  ];
  let last: MilpResult | undefined;
  for (const attempt of attempts) {
    const pricing = buildPricingModel({ book, domains, acceptance, flows, ...attempt });
    const solved = await solve(pricing.model);
    last = solved;
    const values = solved.values;
    if (solved.status !== 'optimal' || values === undefined) continue;
    return {
      priceAt: (zone, product) => {
        const variable = pricing.prices[zone]?.[product] ?? -1;
        return variable < 0 ? Number.NaN : values[variable]!;
      },
      kind: attempt.supportFamilies
        ? 'supporting'
        : Number.isFinite(attempt.priceBounds[0])
          ? 'lowest_dual'
          : 'any_dual',
    };
  }
  throw solveFailed('pricing LP', last!);
};
