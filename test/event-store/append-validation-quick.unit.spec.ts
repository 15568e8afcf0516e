import fc from 'fast-check';
import { assertJsonSafe } from '../../src/infrastructure/event-store/append-validation.js';

/** What survives a JSON round trip, decided the plain way, with the path of the first offender. */
const firstUnsafe = (value: unknown, path: string): string | undefined => {
  const ancestors = new Set<object>();
  const visit = (node: unknown, at: string): string | undefined => {
    if (typeof node === 'string' || typeof node === 'boolean' || node === null) return undefined;
    if (typeof node === 'number') return Number.isFinite(node) ? undefined : at;
    if (typeof node !== 'object' || ancestors.has(node)) return at;
    ancestors.add(node);
    let found: string | undefined;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length && found === undefined; i++) {
        found = i in node ? visit(node[i], `${at}[${i}]`) : `${at}[${i}]`;
      }
    } else {
      const proto: unknown = Object.getPrototypeOf(node);
      if (proto !== null && Object.getPrototypeOf(proto) !== null) return at;
      for (const [key, child] of Object.entries(node)) {
        found ??= visit(child, `${at}.${key}`);
      }
    }
    ancestors.delete(node);
    return found;
  };
  return visit(value, path);
};

const fieldOf = (value: unknown): string | undefined => {
  try {
    assertJsonSafe(value, 'data');
    return undefined;
  } catch (error) {
    return (error as { field?: string }).field;
  }
};

const nest = (depth: number, leaf: unknown): unknown =>
  depth === 0 ? leaf : depth % 2 === 0 ? [nest(depth - 1, leaf)] : { a: nest(depth - 1, leaf) };

describe('assertJsonSafe, quick walk first', () => {
  it('accepts and refuses exactly what the plain walk does, naming the same field (property)', () => {
    const value = fc.anything({
      maxDepth: 4,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
    });
    fc.assert(
      fc.property(value, (v) => {
        expect(fieldOf(v)).toBe(firstUnsafe(v, 'data'));
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts a value nested past the quick walk and refuses a cycle or a bad leaf down there', () => {
    expect(fieldOf(nest(100, 1))).toBeUndefined();
    expect(fieldOf(nest(100, Number.NaN))).toBe(firstUnsafe(nest(100, Number.NaN), 'data'));
    const cycle: Record<string, unknown> = { a: [] };
    (cycle['a'] as unknown[]).push(cycle);
    expect(fieldOf(cycle)).toBe('data.a[0]');
  });
});
