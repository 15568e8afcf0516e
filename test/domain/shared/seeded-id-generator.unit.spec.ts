import fc from 'fast-check';
import { UUID_V4 } from '../../../domain/shared/id-generator.port.js';
import { SeededIdGenerator } from '../../../domain/shared/seeded-id-generator.js';
import { SeededRandom } from '../../../domain/shared/seeded-random.js';

const take = (ids: SeededIdGenerator, count: number) =>
  Array.from({ length: count }, () => ids.next());

describe('SeededIdGenerator', () => {
  it('pins the first id of a known seed', () => {
    expect(new SeededIdGenerator('gridfolio').next()).toBe('136fd404-b006-4f8c-92c5-50f7a2eb0397');
  });

  it('given the same seed, produces the same ids (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer()), (seed) => {
        expect(take(new SeededIdGenerator(seed), 5)).toEqual(take(new SeededIdGenerator(seed), 5));
      }),
    );
  });

  it('produces lower-case UUID v4 strings, with version and variant bits set (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer()), (seed) => {
        const invalid = take(new SeededIdGenerator(seed), 20).filter((id) => !UUID_V4.test(id));
        expect(invalid).toEqual([]);
      }),
    );
  });

  it('draws 100,000 distinct valid ids from one seed', () => {
    const ids = take(new SeededIdGenerator('collisions'), 100_000);
    expect(new Set(ids).size).toBe(100_000);
    expect(ids.filter((id) => !UUID_V4.test(id))).toEqual([]);
  });

  it('uses all four variant digits and random bits elsewhere', () => {
    const ids = take(new SeededIdGenerator(3), 1_000);
    expect(new Set(ids.map((id) => id[19])).size).toBe(4);
    expect(new Set(ids.map((id) => id[14]))).toEqual(new Set(['4']));
    expect(new Set(ids.map((id) => id[0])).size).toBe(16);
  });

  it('gives different ids for different seeds, and accepts a shared generator', () => {
    expect(new SeededIdGenerator('a').next()).not.toBe(new SeededIdGenerator('b').next());
    const random = new SeededRandom('shared');
    expect(new SeededIdGenerator(random).next()).toBe(new SeededIdGenerator('shared').next());
  });
});
