import fc from 'fast-check';
import { UUID_V7 } from '../../../domain/shared/id-generator.port.js';
import { SeededIdGenerator } from '../../../domain/shared/seeded-id-generator.js';
import { SeededRandom } from '../../../domain/shared/seeded-random.js';

const take = (ids: SeededIdGenerator, count: number) =>
  Array.from({ length: count }, () => ids.next());

describe('SeededIdGenerator', () => {
  it('pins the first id of a known seed', () => {
    expect(new SeededIdGenerator('gridfolio').next()).toBe('00000000-0000-7404-b006-bf8c12c550f7');
  });

  it('given the same seed, produces the same ids (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer()), (seed) => {
        expect(take(new SeededIdGenerator(seed), 5)).toEqual(take(new SeededIdGenerator(seed), 5));
      }),
    );
  });

  it('produces lower-case UUID v7 strings, with version and variant bits set (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer()), (seed) => {
        const invalid = take(new SeededIdGenerator(seed), 20).filter((id) => !UUID_V7.test(id));
        expect(invalid).toEqual([]);
      }),
    );
  });

  it('draws 100,000 distinct valid ids from one seed', () => {
    const ids = take(new SeededIdGenerator('collisions'), 100_000);
    expect(new Set(ids).size).toBe(100_000);
    expect(ids.filter((id) => !UUID_V7.test(id))).toEqual([]);
  });

  it('uses all four variant digits and random bits elsewhere', () => {
    const ids = take(new SeededIdGenerator(3), 1_000);
    expect(new Set(ids.map((id) => id[19])).size).toBe(4);
    expect(new Set(ids.map((id) => id[14]))).toEqual(new Set(['7']));
    expect(new Set(ids.map((id) => id.slice(24))).size).toBe(1_000);
  });

  it('makes ids that rise in the order they are made, so index inserts append at the end', () => {
    const ids = take(new SeededIdGenerator('order'), 70_000);
    expect([...ids].sort()).toEqual(ids);
  });

  it('gives different ids for different seeds, and accepts a shared generator', () => {
    expect(new SeededIdGenerator('a').next()).not.toBe(new SeededIdGenerator('b').next());
    const random = new SeededRandom('shared');
    expect(new SeededIdGenerator(random).next()).toBe(new SeededIdGenerator('shared').next());
  });
});
