import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { ClearingResult } from '../../../../../domain/market/clearing/clearing-result.js';
import { clearComplex } from '../../../../../domain/market/clearing/complex/complex-clearing.js';
import {
  isBlockOrder,
  type Order,
  type OrderBook,
} from '../../../../../domain/market/clearing/order-book.js';
import type { MilpSolver } from '../../../../../domain/optimisation/milp-solver.port.js';
import { inProcessSolver } from '../../../optimisation/portfolio/in-process-solver.js';

const PRODUCTS = ['h0', 'h1', 'h2'];
const ZONES = ['A', 'B'];
const EPS = 1e-6;

const simpleArb = fc.record({
  side: fc.constantFrom('sell' as const, 'buy' as const),
  product: fc.constantFrom(...PRODUCTS),
  quantity: fc.integer({ min: 1, max: 100 }),
  price: fc.integer({ min: 0, max: 200 }),
  zone: fc.constantFrom(...ZONES),
  minAcceptanceRatio: fc.constantFrom(0, 0, 0, 0.5, 1),
});
const blockArb = fc.record({
  side: fc.constantFrom('sell' as const, 'buy' as const),
  profile: fc.dictionary(fc.constantFrom(...PRODUCTS), fc.integer({ min: 1, max: 60 }), {
    minKeys: 1,
  }),
  price: fc.integer({ min: 0, max: 200 }),
  zone: fc.constantFrom(...ZONES),
  minAcceptanceRatio: fc.constantFrom(0, 0.5, 1, 1),
  // Index of an earlier block to link to, when any.
  parent: fc.option(fc.nat(), { nil: undefined }),
});

const bookArb = fc
  .record({
    simples: fc.array(simpleArb, { minLength: 1, maxLength: 10 }),
    blocks: fc.array(blockArb, { maxLength: 5 }),
    capacity: fc.integer({ min: 0, max: 80 }),
  })
  .map(({ simples, blocks, capacity }): OrderBook => {
    const orders: Order[] = simples.map((s, i) => ({ id: `s${i}`, agent: `a${i}`, ...s }));
    blocks.forEach(({ parent, ...b }, i) => {
      const parentId = parent === undefined || i === 0 ? undefined : `b${parent % i}`;
      orders.push({ id: `b${i}`, agent: `b${i}`, ...b, ...(parentId ? { parentId } : {}) });
    });
    return {
      mechanism: 'complex',
      products: PRODUCTS.map((id) => ({ id })),
      zones: ZONES,
      links: [{ from: 'A', to: 'B', capacity }],
      orders,
    };
  });

const ratioOf = (result: ClearingResult, id: string): number =>
  result.orders.find((o) => o.id === id)!.acceptanceRatio!;
const priceAt = (result: ClearingResult, product: string, zone: string): number | null =>
  result.products.find((p) => p.id === product && p.zone === zone)!.price;

let solver: MilpSolver;
beforeAll(async () => {
  solver = await inProcessSolver('glpk');
});

describe('complex clearing: invariants on random books', () => {
  it('balances every zone, respects ratios and links, prices divisible orders consistently, leaves no paradox', async () => {
    await fc.assert(
      fc.asyncProperty(bookArb, async (book) => {
        const { result, report } = await clearComplex(book, solver);
        const net = new Map<string, number>(); // zone|product -> supply - demand + imports
        const add = (key: string, value: number) => net.set(key, (net.get(key) ?? 0) + value);
        for (const order of book.orders) {
          const x = ratioOf(result, order.id);
          const r = order.minAcceptanceRatio ?? (isBlockOrder(order) ? 1 : 0);
          // 0, or at least the minimum ratio, at most 1.
          expect(x === 0 || (x >= r - EPS && x <= 1 + EPS)).toBe(true);
          const profile = isBlockOrder(order) ? order.profile : { [order.product]: order.quantity };
          for (const [product, quantity] of Object.entries(profile))
            add(`${order.zone}|${product}`, (order.side === 'sell' ? 1 : -1) * x * quantity);
          if (isBlockOrder(order) && order.parentId !== undefined)
            expect(x).toBeLessThanOrEqual(ratioOf(result, order.parentId) + EPS);
          // A divisible simple order takes what its price says.
          if (!isBlockOrder(order) && r === 0) {
            const price = priceAt(result, order.product, order.zone!);
            if (price === null) continue;
            const inTheMoney = order.side === 'sell' ? order.price < price : order.price > price;
            const outOfMoney = order.side === 'sell' ? order.price > price : order.price < price;
            if (inTheMoney && Math.abs(order.price - price) > EPS) expect(x).toBeCloseTo(1, 6);
            if (outOfMoney && Math.abs(order.price - price) > EPS) expect(x).toBe(0);
          }
        }
        for (const flow of result.flows ?? []) {
          expect(flow.quantity).toBeLessThanOrEqual(book.links![0]!.capacity + EPS);
          add(`${flow.from}|${flow.product}`, -flow.quantity);
          add(`${flow.to}|${flow.product}`, flow.quantity);
        }
        for (const value of net.values()) expect(Math.abs(value)).toBeLessThan(1e-6);

        // No accepted family loses money at the prices (families by root).
        const rootOf = (order: Order): string => {
          let current = order;
          while (isBlockOrder(current) && current.parentId !== undefined)
            current = book.orders.find((o) => o.id === (current as { parentId: string }).parentId)!;
          return current.id;
        };
        const surplus = new Map<string, number>();
        for (const order of book.orders) {
          const x = ratioOf(result, order.id);
          if (x === 0) continue;
          const profile = isBlockOrder(order) ? order.profile : { [order.product]: order.quantity };
          let s = 0;
          for (const [product, quantity] of Object.entries(profile)) {
            const price = priceAt(result, product, order.zone!)!;
            s += (order.side === 'sell' ? 1 : -1) * (price - order.price) * quantity * x;
          }
          surplus.set(rootOf(order), (surplus.get(rootOf(order)) ?? 0) + s);
        }
        for (const s of surplus.values()) expect(s).toBeGreaterThanOrEqual(-1e-4);
        expect(report.welfare).toBeGreaterThanOrEqual(-1e-6);

        // The same book clears the same way again.
        expect((await clearComplex(book, solver)).result).toEqual(result);
      }),
      { numRuns: 60 },
    );
  });
});
