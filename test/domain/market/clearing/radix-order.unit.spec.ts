import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { numberKeys, radixOrder } from '../../../../domain/market/clearing/radix-order.js';

/** Positions ordered by value with a comparator sort (stable), the order radixOrder must give. */
const byComparator = (values: readonly number[], descending: boolean) =>
  values
    .map((_, position) => position)
    .sort((a, b) => (descending ? values[b]! - values[a]! : values[a]! - values[b]!));

const byRadix = (values: readonly number[], descending: boolean) => {
  const high = new Uint32Array(values.length);
  const low = new Uint32Array(values.length);
  numberKeys(Float64Array.from(values), 0, values.length, descending, high, low);
  return [...radixOrder([high, low], values.length)];
};

describe('radix order of prices', () => {
  it('orders finite numbers as a stable comparator sort does, either way (property)', () => {
    // Small integers repeat (stability), doubles cover signs, fractions and magnitudes.
    const value = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(-0, 0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 80 }), fc.boolean(), (values, descending) => {
        expect(byRadix(values, descending)).toEqual(byComparator(values, descending));
      }),
    );
  });

  it('treats -0 and 0 as one price, keeping book order between them', () => {
    expect(byRadix([0, -0, 0, -0], false)).toEqual([0, 1, 2, 3]);
    expect(byRadix([1, -0, 0, -1], true)).toEqual([0, 1, 2, 3]);
  });
});
