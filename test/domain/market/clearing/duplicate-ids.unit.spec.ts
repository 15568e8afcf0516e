import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { firstDuplicateId, idHash } from '../../../../domain/market/clearing/duplicate-ids.js';
import type { OrderBook, SimpleOrder } from '../../../../domain/market/clearing/order-book.js';
import { validateOrderBook } from '../../../../domain/market/clearing/order-book.validation.js';
import { clearPayAsClearColumns } from '../../../../domain/market/clearing/pay-as-clear.js';
import { expectDomainError } from '../../../support/expect-domain-error.js';

/** What a scan with a Set finds: the first index whose id occurred before. */
const bySet = (ids: readonly string[]) => {
  const first = new Map<string, number>();
  for (let index = 0; index < ids.length; index++) {
    const firstIndex = first.get(ids[index]!);
    if (firstIndex !== undefined) return { id: ids[index]!, index, firstIndex };
    first.set(ids[index]!, index);
  }
  return undefined;
};

const hashesOf = (ids: readonly string[]) => Uint32Array.from(ids, idHash);

const order = (id: string, price = 10): SimpleOrder => ({
  id,
  agent: 'a',
  side: 'sell',
  product: 'h1',
  quantity: 1,
  price,
});

const book = (orders: SimpleOrder[]): OrderBook => ({
  mechanism: 'pay_as_clear',
  products: [{ id: 'h1' }],
  orders,
});

describe('duplicate order ids', () => {
  it('finds the same first repeat as a Set would, or none (property)', () => {
    // Few distinct short ids, so that repeats and hash collisions of near ids are common.
    const ids = fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'é', '1'), maxLength: 3 }), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(ids, (list) => {
        expect(firstDuplicateId(hashesOf(list), (index) => list[index]!)).toEqual(bySet(list));
      }),
    );
  });

  it('finds a single repeat among 200,000 distinct ids, wherever it is', () => {
    const ids = Array.from({ length: 200_000 }, (_, k) => `order-${k}`);
    expect(firstDuplicateId(hashesOf(ids), (index) => ids[index]!)).toBeUndefined();
    ids[199_999] = 'order-123456';
    expect(firstDuplicateId(hashesOf(ids), (index) => ids[index]!)).toEqual({
      id: 'order-123456',
      index: 199_999,
      firstIndex: 123_456,
    });
  });

  it('rejects a repeated id naming both orders, and nothing clears', () => {
    const error = expectDomainError(
      () => clearPayAsClearColumns(book([order('x'), order('y'), order('x')])),
      'CLEARING.INVALID_BOOK',
    );
    expect(error.field).toBe('orders[2].id');
    expect(error.message).toBe('orders[2].id: duplicate order id "x" (first at orders[0])');
  });

  it('reports the first problem in book order, a repeat or a bad order', () => {
    const repeatFirst = book([order('x'), order('x'), order('z', Number.NaN)]);
    expect(
      expectDomainError(() => validateOrderBook(repeatFirst), 'CLEARING.INVALID_BOOK').field,
    ).toBe('orders[1].id');
    const badFirst = book([order('x'), order('y', Number.NaN), order('x')]);
    expect(
      expectDomainError(() => validateOrderBook(badFirst), 'CLEARING.INVALID_BOOK').field,
    ).toBe('orders[1].price');
    // An order that is both a repeat and malformed is reported for what is wrong with it.
    const both = book([order('x'), order('x', Number.NaN)]);
    expect(expectDomainError(() => validateOrderBook(both), 'CLEARING.INVALID_BOOK').field).toBe(
      'orders[1].price',
    );
  });
});
