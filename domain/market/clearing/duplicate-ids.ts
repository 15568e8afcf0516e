import { radixOrder } from './radix-order.js';

/** Where an id first occurs again: `index` repeats the id of the earlier `firstIndex`. */
export interface DuplicateId {
  readonly id: string;
  readonly index: number;
  readonly firstIndex: number;
}

/** 32-bit FNV-1a over the UTF-16 code units: cheap, and spreads ids that differ in one digit. */
export const idHash = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
  return hash >>> 0;
};

/**
 * The first repeated id among `ids(0..n-1)`, given `hashes[k] = idHash(ids(k))` (n = its length):
 * the smallest index whose id occurred before, as a scan with a `Set` would find it, or undefined
 * when all are distinct.
 *
 * Why not a `Set`: books hold up to a million orders, and a `Set` of a million strings costs
 * ~0.5 s here (a random memory access per insert, and growth). Instead the ids' hashes are
 * radix-sorted with their positions and only ids of equal hash are compared as text. A weak hash
 * only makes those groups larger, never an answer wrong.
 */
export const firstDuplicateId = (
  hashes: Uint32Array,
  ids: (index: number) => string,
): DuplicateId | undefined => {
  const count = hashes.length;
  const order = radixOrder([hashes], count);

  let found: DuplicateId | undefined;
  let start = 0;
  while (start < count) {
    const hash = hashes[order[start]!]!;
    let end = start + 1;
    while (end < count && hashes[order[end]!] === hash) end++;
    if (end - start > 1) {
      // The order is stable, so positions within a group rise: an id's first repeat is its
      // second occurrence.
      const seen = new Map<string, number>();
      for (let k = start; k < end; k++) {
        const index = order[k]!;
        const id = ids(index);
        const firstIndex = seen.get(id);
        if (firstIndex === undefined) seen.set(id, index);
        else if (found === undefined || index < found.index) found = { id, index, firstIndex };
      }
    }
    start = end;
  }
  return found;
};
