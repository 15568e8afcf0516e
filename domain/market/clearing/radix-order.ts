const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const DIGIT_MASK = BUCKETS - 1;

/**
 * Positions 0..count-1 ordered by their keys, ascending and stable (equal keys keep their order).
 * A key is one unsigned 32-bit value per word, `words[0]` the most significant. An LSD radix sort
 * on 11-bit digits: a few linear passes, where a native typed-array sort of a million doubles
 * costs ~0.3 s here and cannot carry positions; a pass whose digit is the same for every key is
 * skipped (prices of one market share their high bits).
 */
export const radixOrder = (
  words: readonly Uint32Array[],
  count: number,
  scratch: RadixScratch = radixScratch(count),
): Int32Array => {
  let { order, spare } = scratch;
  for (let k = 0; k < count; k++) order[k] = k;
  if (count < 2) return order;
  const starts = scratch.starts;
  for (let w = words.length - 1; w >= 0; w--) {
    const word = words[w]!;
    for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
      starts.fill(0);
      for (let k = 0; k < count; k++) starts[(word[k]! >>> shift) & DIGIT_MASK]!++;
      if (starts[(word[0]! >>> shift) & DIGIT_MASK] === count) continue;
      let sum = 0;
      for (let bucket = 0; bucket < BUCKETS; bucket++) {
        const size = starts[bucket]!;
        starts[bucket] = sum;
        sum += size;
      }
      for (let k = 0; k < count; k++) {
        const position = order[k]!;
        spare[starts[(word[position]! >>> shift) & DIGIT_MASK]!++] = position;
      }
      [order, spare] = [spare, order];
    }
  }
  return order;
};

/**
 * Buffers for `radixOrder` of up to `capacity` positions, reusable from one sort to the next:
 * clearing sorts two sides of every product, and fresh buffers each time only feed the collector.
 * The order a sort returns is one of these buffers, valid until the next sort.
 */
export interface RadixScratch {
  readonly order: Int32Array;
  readonly spare: Int32Array;
  readonly starts: Int32Array;
}

export const radixScratch = (capacity: number): RadixScratch => ({
  order: new Int32Array(capacity),
  spare: new Int32Array(capacity),
  starts: new Int32Array(BUCKETS),
});

// A double's bits as two 32-bit words; which is the high one depends on the platform's byte order.
const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LOW = 1 - HIGH;

/**
 * Writes into `high[k]`, `low[k]` a key of `values[start + k]` that sorts as the numbers do (finite
 * numbers; -0 and 0 get one key), or in reverse when `descending`.
 */
export const numberKeys = (
  values: Float64Array,
  start: number,
  end: number,
  descending: boolean,
  high: Uint32Array,
  low: Uint32Array,
): void => {
  for (let k = start; k < end; k++) {
    scratch[0] = values[k]! + 0; // -0 + 0 is +0
    let h = scratchWords[HIGH]!;
    let l = scratchWords[LOW]!;
    // IEEE 754 order: flip every bit of negatives, only the sign bit of the rest.
    if (h >>> 31 === 1) {
      h = ~h;
      l = ~l;
    } else h |= 0x80000000;
    if (descending) {
      h = ~h;
      l = ~l;
    }
    high[k - start] = h >>> 0;
    low[k - start] = l >>> 0;
  }
};
