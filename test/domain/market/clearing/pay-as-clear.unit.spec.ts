import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { OrderBook, SimpleOrder } from '../../../../domain/market/clearing/order-book.js';
import { clearPayAsClear } from '../../../../domain/market/clearing/pay-as-clear.js';
import { expectDomainError } from '../../../support/expect-domain-error.js';

const order = (
  id: string,
  side: 'sell' | 'buy',
  quantity: number,
  price: number,
  product = 'h1',
): SimpleOrder => ({
  id,
  agent: id,
  side,
  product,
  quantity,
  price,
});

const book = (orders: SimpleOrder[], products = ['h1']): OrderBook => ({
  mechanism: 'pay_as_clear',
  products: products.map((id) => ({ id })),
  orders,
});

const accepted = (result: ReturnType<typeof clearPayAsClear>, id: string): number =>
  result.orders.find((o) => o.id === id)?.acceptedQuantity as number;

describe('pay-as-clear', () => {
  it('shares the marginal quantity pro rata among offers at the marginal price', () => {
    const result = clearPayAsClear(
      book([
        order('s1', 'sell', 100, 10),
        order('s2', 'sell', 300, 50),
        order('s3', 'sell', 100, 50),
        order('b', 'buy', 300, 80),
      ]),
    );
    expect(result.products[0]?.price).toBe(50);
    expect(accepted(result, 's1')).toBe(100);
    expect(accepted(result, 's2')).toBe(150);
    expect(accepted(result, 's3')).toBe(50);
  });

  it('gives the same result whatever the order of the book', () => {
    const orders = [
      order('s1', 'sell', 100, 10),
      order('s2', 'sell', 300, 50),
      order('s3', 'sell', 100, 50),
      order('b', 'buy', 300, 80),
    ];
    const forward = clearPayAsClear(book(orders));
    const backward = clearPayAsClear(book([...orders].reverse()));
    for (const o of orders) expect(accepted(backward, o.id)).toBe(accepted(forward, o.id));
  });

  it('curtails the highest-priced renewable offers first, negative prices included', () => {
    const result = clearPayAsClear(
      book([
        order('pv-cheap', 'sell', 50, -20),
        order('pv-dear', 'sell', 50, -5),
        order('load', 'buy', 60, 100),
      ]),
    );
    expect(result.products[0]?.price).toBe(-5);
    expect(accepted(result, 'pv-cheap')).toBe(50);
    expect(accepted(result, 'pv-dear')).toBe(10);
  });

  it('reports no price and rejects everything when no sell is cheap enough', () => {
    const result = clearPayAsClear(book([order('s', 'sell', 10, 90), order('b', 'buy', 10, 80)]));
    expect(result.products[0]).toEqual({
      id: 'h1',
      price: null,
      clearedSupply: 0,
      clearedDemand: 0,
    });
    expect(result.rejected).toEqual(['s', 'b']);
  });

  it('clears products independently', () => {
    const result = clearPayAsClear(
      book(
        [
          order('s1', 'sell', 10, 5, 'h1'),
          order('b1', 'buy', 10, 9, 'h1'),
          order('s2', 'sell', 10, 7, 'h2'),
          order('b2', 'buy', 5, 9, 'h2'),
        ],
        ['h1', 'h2'],
      ),
    );
    expect(result.products.map((p) => [p.id, p.price, p.clearedSupply])).toEqual([
      ['h1', 5, 10],
      ['h2', 7, 5],
    ]);
  });

  it.each([
    [[order('s', 'sell', 0, 5)], 'orders[0].quantity'],
    [[order('s', 'sell', Number.NaN, 5)], 'orders[0].quantity'],
    [[order('s', 'sell', 5, Number.POSITIVE_INFINITY)], 'orders[0].price'],
    [[order('s', 'sell', 5, 5, 'h9')], 'orders[0].product'],
    [[order('s', 'sell', 5, 5), order('s', 'buy', 5, 5)], 'orders[1].id'],
    [[{ ...order('s', 'sell', 5, 5), minAcceptanceRatio: 0.5 }], 'orders[0].minAcceptanceRatio'],
  ])('rejects a bad book (%#) naming %s', (orders, field) => {
    expect(
      expectDomainError(
        () => clearPayAsClear(book(orders)),
        field.endsWith('product') ? 'CLEARING.UNKNOWN_PRODUCT' : 'CLEARING.INVALID_BOOK',
      ).field,
    ).toBe(field);
  });

  it('rejects prices beyond the market floor and cap', () => {
    const limits = { priceFloor: 0, priceCap: 1000 };
    expect(
      expectDomainError(
        () => clearPayAsClear(book([order('s', 'sell', 5, -1)]), limits),
        'CLEARING.INVALID_BOOK',
      ).field,
    ).toBe('orders[0].price');
    expect(
      expectDomainError(
        () => clearPayAsClear(book([order('b', 'buy', 5, 1000.5)]), limits),
        'CLEARING.INVALID_BOOK',
      ).field,
    ).toBe('orders[0].price');
  });

  const orderArb = (side: 'sell' | 'buy') =>
    fc
      .record({
        quantity: fc.integer({ min: 1, max: 1_000 }),
        price: fc.integer({ min: -50, max: 300 }),
      })
      .map((o) => ({ side, ...o }));

  it('balances, respects every limit price and leaves no profitable trade undone (property)', () => {
    fc.assert(
      fc.property(
        fc.array(orderArb('sell'), { maxLength: 30 }),
        fc.array(orderArb('buy'), { maxLength: 30 }),
        (sells, buys) => {
          const orders = [...sells, ...buys].map((o, i) =>
            order(`o${i}`, o.side, o.quantity, o.price),
          );
          const result = clearPayAsClear(book(orders));
          const [product] = result.products;
          if (!product) throw new Error('no product');
          expect(product.clearedSupply).toBeCloseTo(product.clearedDemand, 6);
          const price = product.price;
          for (const o of orders) {
            const q = accepted(result, o.id);
            expect(q).toBeGreaterThanOrEqual(-1e-9);
            expect(q).toBeLessThanOrEqual(o.quantity + 1e-9);
            if (q > 1e-9 && price !== null) {
              if (o.side === 'sell') expect(o.price).toBeLessThanOrEqual(price);
              else expect(o.price).toBeGreaterThanOrEqual(price);
            }
          }
          // Maximal volume: what is left unmatched could not trade (cheapest left sell > dearest left buy).
          const left = (side: 'sell' | 'buy') =>
            orders.filter((o) => o.side === side && accepted(result, o.id) < o.quantity - 1e-9);
          const cheapestSell = Math.min(...left('sell').map((o) => o.price));
          const dearestBuy = Math.max(...left('buy').map((o) => o.price));
          expect(cheapestSell > dearestBuy).toBe(true);
        },
      ),
    );
  });
});
