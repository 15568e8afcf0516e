import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ClearingResult } from '../../../../../domain/market/clearing/clearing-result.js';
import {
  clearComplex,
  type ComplexClearing,
} from '../../../../../domain/market/clearing/complex/complex-clearing.js';
import type {
  BlockOrder,
  Order,
  OrderBook,
  SimpleOrder,
  ZoneLink,
} from '../../../../../domain/market/clearing/order-book.js';
import type { MilpSolver } from '../../../../../domain/optimisation/milp-solver.port.js';
import { inProcessSolver } from '../../../optimisation/portfolio/in-process-solver.js';

const sell = (id: string, product: string, quantity: number, price: number, zone?: string) =>
  simple(id, 'sell', product, quantity, price, zone);
const buy = (id: string, product: string, quantity: number, price: number, zone?: string) =>
  simple(id, 'buy', product, quantity, price, zone);
const simple = (
  id: string,
  side: 'sell' | 'buy',
  product: string,
  quantity: number,
  price: number,
  zone?: string,
): SimpleOrder => ({ id, agent: id, side, product, quantity, price, ...(zone ? { zone } : {}) });
const block = (
  id: string,
  side: 'sell' | 'buy',
  profile: Record<string, number>,
  price: number,
  extra: Partial<BlockOrder> = {},
): BlockOrder => ({ id, agent: id, side, profile, price, ...extra });

const book = (
  orders: Order[],
  products = ['h0'],
  network: { zones?: string[]; links?: ZoneLink[] } = {},
): OrderBook => ({
  mechanism: 'complex',
  products: products.map((id) => ({ id })),
  ...network,
  orders,
});

const priceOf = (result: ClearingResult, product: string, zone?: string) =>
  result.products.find((p) => p.id === product && p.zone === zone)?.price;
const quantityOf = (result: ClearingResult, id: string) =>
  result.orders.find((o) => o.id === id)?.acceptedQuantity;

let solver: MilpSolver;
beforeAll(async () => {
  solver = await inProcessSolver('glpk');
});
const clear = (b: OrderBook): Promise<ComplexClearing> => clearComplex(b, solver);

describe('complex clearing: blocks', () => {
  // Demand 100 in h0 and 50 in h1, a seller at 60 in each hour, and a block selling 100 in both
  // hours at 40: whole, it would sell 100 into an hour that wants 50.
  const orders = (extra: Partial<BlockOrder>): Order[] => [
    buy('d0', 'h0', 100, 100),
    buy('d1', 'h1', 50, 100),
    sell('g0', 'h0', 200, 60),
    sell('g1', 'h1', 200, 60),
    block('blk', 'sell', { h0: 100, h1: 100 }, 40, extra),
  ];

  it('rejects an all-or-nothing block (the default) that does not fit whole', async () => {
    const { result, report } = await clear(book(orders({}), ['h0', 'h1']));
    expect(quantityOf(result, 'blk')).toEqual({ h0: 0, h1: 0 });
    expect(result.rejected).toEqual(['blk']);
    expect(priceOf(result, 'h0')).toBe(60);
    expect(priceOf(result, 'h1')).toBe(60);
    expect(report).toMatchObject({ iterations: 1, paradoxicallyRejected: [], optimal: true });
  });

  it('accepts a divisible block (ratio 0) in part; it alone prices h1 through its average', async () => {
    const { result } = await clear(book(orders({ minAcceptanceRatio: 0 }), ['h0', 'h1']));
    const blk = result.orders.find((o) => o.id === 'blk')!;
    expect(blk.acceptedQuantity).toEqual({ h0: 50, h1: 50 });
    expect(blk.acceptanceRatio).toBe(0.5);
    // Half accepted, the block is indifferent: (60 - 40) + (p1 - 40) = 0.
    expect(priceOf(result, 'h0')).toBe(60);
    expect(priceOf(result, 'h1')).toBe(20);
    expect(blk.acceptedPrice).toBe(40);
  });

  it('accepts a block with ratio 0.5 at its minimum, at prices where it breaks even', async () => {
    const { result, report } = await clear(book(orders({ minAcceptanceRatio: 0.5 }), ['h0', 'h1']));
    expect(quantityOf(result, 'blk')).toEqual({ h0: 50, h1: 50 });
    // The lowest dual alone would set h1 at the floor and make the block lose: the supporting
    // price keeps its surplus at zero instead, so it is not removed as paradoxical.
    expect(priceOf(result, 'h1')).toBe(20);
    expect(report.pricing).toEqual(['supporting']);
    expect(report.paradoxicallyRejected).toEqual([]);
  });

  it('respects a minimum stable output on a simple order', async () => {
    // The 80-minimum seller at 10 cannot run at 30; the buyer takes 30 from the seller at 50.
    const { result } = await clear(
      book([
        buy('d', 'h0', 30, 100),
        { ...sell('must', 'h0', 100, 10), minAcceptanceRatio: 0.8 },
        sell('flex', 'h0', 100, 50),
      ]),
    );
    expect(quantityOf(result, 'must')).toBe(0);
    expect(quantityOf(result, 'flex')).toBe(30);
    expect(priceOf(result, 'h0')).toBe(50);
  });
});

describe('complex clearing: linked families', () => {
  it('judges a family on its total surplus: a losing parent is carried by its child', async () => {
    const orders: Order[] = [
      ...['h0', 'h1'].map((h) => buy(`d_${h}`, h, 999, 3000)),
      ...['h0', 'h1'].map((h) => sell(`g_${h}`, h, 1000, 100)),
      block('parent', 'sell', { h0: 100, h1: 100 }, 110),
      block('child', 'sell', { h0: 100, h1: 100 }, 75, { parentId: 'parent' }),
    ];
    const { result, report } = await clear(book(orders, ['h0', 'h1']));
    // Parent -2000, child +5000 at price 100: the family keeps +3000.
    expect(priceOf(result, 'h0')).toBe(100);
    expect(quantityOf(result, 'parent')).toEqual({ h0: 100, h1: 100 });
    expect(quantityOf(result, 'child')).toEqual({ h0: 100, h1: 100 });
    expect(result.rejected).toEqual([]);
    expect(report.paradoxicallyRejected).toEqual([]);
  });

  it('never accepts a child without its parent', async () => {
    // The child alone would earn most, but its parent (at 200) is out of the money.
    const orders: Order[] = [
      buy('d', 'h0', 100, 150),
      sell('g', 'h0', 200, 100),
      block('parent', 'sell', { h0: 50 }, 200),
      block('child', 'sell', { h0: 50 }, 10, { parentId: 'parent' }),
    ];
    const { result } = await clear(book(orders));
    expect(quantityOf(result, 'child')).toEqual({ h0: 0 });
    expect(result.rejected).toEqual(['parent', 'child']);
    expect(priceOf(result, 'h0')).toBe(100);
  });

  it('accepts a family whose surplus is exactly zero', async () => {
    // Only the family sells: the demand is served whole, so nothing pins the price from below;
    // the lowest price at which the family breaks even is (50*60 + 70*40) / 100 = 58.
    const orders: Order[] = [
      buy('d', 'h0', 100, 100),
      block('parent', 'sell', { h0: 60 }, 50),
      block('child', 'sell', { h0: 40 }, 70, { parentId: 'parent' }),
    ];
    const { result, report } = await clear(book(orders));
    expect(priceOf(result, 'h0')).toBe(58);
    // The child alone loses 480; the parent earns exactly that.
    expect(quantityOf(result, 'child')).toEqual({ h0: 40 });
    expect(result.rejected).toEqual([]);
    expect(report.paradoxicallyRejected).toEqual([]);
  });
});

describe('complex clearing: paradoxically accepted blocks', () => {
  it('removes a block that loses money at the prices and clears again', async () => {
    // With the block (80 at 40) welfare is highest, but the cheap seller then sets the price at 10,
    // where the block loses 2400: no price supports it, so it is removed.
    const orders: Order[] = [
      buy('d', 'h0', 100, 100),
      sell('cheap', 'h0', 30, 10),
      block('blk', 'sell', { h0: 80 }, 40),
    ];
    const { result, report } = await clear(book(orders));
    expect(report.iterations).toBe(2);
    expect(report.paradoxicallyRejected).toEqual(['blk']);
    expect(quantityOf(result, 'blk')).toEqual({ h0: 0 });
    expect(quantityOf(result, 'cheap')).toBe(30);
    expect(quantityOf(result, 'd')).toBe(30);
    // The buyer is now marginal.
    expect(priceOf(result, 'h0')).toBe(100);
    expect(report.welfare).toBeCloseTo(30 * (100 - 10), 6);
  });
});

describe('complex clearing: zones and links', () => {
  const orders: Order[] = [
    sell('gA', 'h0', 100, 30, 'A'),
    buy('dA', 'h0', 50, 200, 'A'),
    sell('gB', 'h0', 100, 80, 'B'),
    buy('dB', 'h0', 100, 200, 'B'),
  ];
  const network = (capacity: number) => ({
    zones: ['A', 'B'],
    links: [{ from: 'A', to: 'B', capacity }],
  });

  it('gives each zone its own price when the link is full', async () => {
    const { result } = await clear(book(orders, ['h0'], network(20)));
    expect(priceOf(result, 'h0', 'A')).toBe(30);
    expect(priceOf(result, 'h0', 'B')).toBe(80);
    expect(result.flows).toEqual([{ from: 'A', to: 'B', product: 'h0', quantity: 20 }]);
    expect(quantityOf(result, 'gA')).toBe(70);
    expect(quantityOf(result, 'gB')).toBe(80);
    expect(result.products).toEqual([
      { id: 'h0', zone: 'A', price: 30, clearedSupply: 70, clearedDemand: 50 },
      { id: 'h0', zone: 'B', price: 80, clearedSupply: 80, clearedDemand: 100 },
    ]);
  });

  it('gives one price when the link is not binding', async () => {
    const { result } = await clear(book(orders, ['h0'], network(1000)));
    expect(priceOf(result, 'h0', 'A')).toBe(80);
    expect(priceOf(result, 'h0', 'B')).toBe(80);
    expect(result.flows).toEqual([{ from: 'A', to: 'B', product: 'h0', quantity: 50 }]);
  });

  it('uses the link in both directions', async () => {
    const { result } = await clear(
      book([sell('gA', 'h0', 100, 30, 'A'), buy('dB', 'h0', 40, 200, 'B')], ['h0'], {
        zones: ['A', 'B'],
        links: [{ from: 'B', to: 'A', capacity: 25 }],
      }),
    );
    expect(result.flows).toEqual([{ from: 'A', to: 'B', product: 'h0', quantity: 25 }]);
    expect(priceOf(result, 'h0', 'A')).toBe(30);
    expect(priceOf(result, 'h0', 'B')).toBe(200);
  });
});

describe('complex clearing: ties and output', () => {
  it('shares equal-priced divisible orders pro rata', async () => {
    const { result } = await clear(
      book([buy('d', 'h0', 60, 100), sell('s1', 'h0', 30, 50), sell('s2', 'h0', 90, 50)]),
    );
    expect(quantityOf(result, 's1')).toBe(15);
    expect(quantityOf(result, 's2')).toBe(45);
  });

  it('gives no price to a product where nothing traded, and keeps book order', async () => {
    const { result } = await clear(
      book(
        [sell('s', 'h1', 10, 50), buy('d', 'h0', 10, 40), sell('t', 'h0', 10, 30)],
        ['h0', 'h1', 'h2'],
      ),
    );
    expect(result.products).toEqual([
      { id: 'h0', price: 30, clearedSupply: 10, clearedDemand: 10 },
      { id: 'h1', price: null, clearedSupply: 0, clearedDemand: 0 },
      { id: 'h2', price: null, clearedSupply: 0, clearedDemand: 0 },
    ]);
    expect(result.orders.map((o) => o.id)).toEqual(['s', 'd', 't']);
    expect(result.rejected).toEqual(['s']);
    expect(result.flows).toBeUndefined();
  });

  it('clears an empty book', async () => {
    const { result } = await clear(book([]));
    expect(result).toEqual({
      products: [{ id: 'h0', price: null, clearedSupply: 0, clearedDemand: 0 }],
      orders: [],
      rejected: [],
    });
  });
});

describe('complex clearing: bad input names the field', () => {
  it.each([
    [
      'an order without a zone in a book of two zones',
      book([sell('a', 'h0', 1, 1, 'A'), sell('b', 'h0', 1, 1)], ['h0'], { zones: ['A', 'B'] }),
      'CLEARING.INVALID_BOOK',
      'orders[1].zone',
    ],
    [
      'a block profile naming an unknown product',
      book([block('b', 'sell', { h9: 1 }, 1)]),
      'CLEARING.UNKNOWN_PRODUCT',
      'orders[0].profile.h9',
    ],
    [
      'a minimum acceptance ratio above 1',
      book([{ ...sell('a', 'h0', 1, 1), minAcceptanceRatio: 1.5 }]),
      'CLEARING.INVALID_BOOK',
      'orders[0].minAcceptanceRatio',
    ],
    [
      'a parent that is not in the book',
      book([block('b', 'sell', { h0: 1 }, 1, { parentId: 'nobody' })]),
      'CLEARING.INVALID_BOOK',
      'orders[0].parentId',
    ],
    [
      'a link from a zone to itself',
      book([], ['h0'], { zones: ['A'], links: [{ from: 'A', to: 'A', capacity: 1 }] }),
      'CLEARING.INVALID_BOOK',
      'links[0].to',
    ],
    [
      'a pay-as-clear book',
      { ...book([]), mechanism: 'pay_as_clear' } as OrderBook,
      'CLEARING.INVALID_BOOK',
      'mechanism',
    ],
  ] as const)('%s', async (_what, input, code, field) => {
    await expect(clear(input)).rejects.toMatchObject({ code, field });
  });
});
