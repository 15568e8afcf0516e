import { DomainError } from './domain-error.js';

export type Seed = string | number;

const TWO_POW_32 = 0x1_0000_0000;
const TWO_POW_53 = 2 ** 53;

/** Murmur3's 32-bit finaliser: every input bit flips about half of the output bits. */
const avalanche32 = (value: number): number => {
  let x = value;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
};

/** SplitMix32: a Weyl sequence (golden-ratio increments) passed through the finaliser. */
const splitMix32 = (start: number): (() => number) => {
  let state = start >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    return avalanche32(state);
  };
};

/** Four 32-bit lanes from a string: each lane mixes every UTF-16 unit with its own multiplier. */
const hashString128 = (text: string): [number, number, number, number] => {
  const multipliers = [0x2c1b3c6d, 0x297a2d39, 0x9e3779b1, 0xcc9e2d51];
  const lanes = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    for (let k = 0; k < 4; k++)
      lanes[k] = avalanche32((lanes[k] ?? 0) ^ Math.imul(unit + 1, multipliers[k] ?? 1));
  }
  // Cross the lanes so that each output word depends on all four, and on the length.
  const [a = 0, b = 0, c = 0, d = 0] = lanes.map((lane) => avalanche32(lane ^ text.length));
  return [avalanche32(a ^ d), avalanche32(b ^ a), avalanche32(c ^ b), avalanche32(d ^ c)];
};

const seedState = (seed: Seed): [number, number, number, number] => {
  if (typeof seed === 'string') return hashString128(seed);
  if (!Number.isSafeInteger(seed))
    throw new DomainError(
      'RANDOM.INVALID_SEED',
      `a seed is a string or a safe integer, got ${seed}`,
    );
  const low = seed >>> 0;
  const high = Math.floor(seed / TWO_POW_32) >>> 0;
  const next = splitMix32(low ^ avalanche32(high ^ 0x5bd1e995));
  return [next(), next(), next(), next()];
};

/**
 * A deterministic pseudo-random generator for simulations and tests: the same seed gives the same
 * sequence on every run and machine. The core is SFC32 (Chris Doty-Humphrey's Small Fast Chaotic
 * generator, 128-bit state with a counter, so no seed gives a short cycle). Not for secrets.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private counter = 1;
  private spareNormal: number | undefined;

  constructor(readonly seed: Seed) {
    [this.a, this.b, this.c, this.counter] = seedState(seed);
    // The first outputs of a chaotic generator still resemble the seed; discard them.
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** An independent generator for a named sub-stream (e.g. one per DER), stable across runs. */
  derive(label: string): SeededRandom {
    return new SeededRandom(`${String(this.seed)}\u0000${typeof this.seed}\u0000${label}`);
  }

  /** Uniform integer in [0, 2^32). */
  nextUint32(): number {
    const result = (((this.a + this.b) | 0) + this.counter) | 0;
    this.counter = (this.counter + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) + result;
    this.c |= 0;
    return result >>> 0;
  }

  /** Uniform float in [0, 1) with 53 random bits, i.e. every double of the form k / 2^53. */
  nextFloat(): number {
    const high27 = this.nextUint32() >>> 5;
    const low26 = this.nextUint32() >>> 6;
    return (high27 * 0x400_0000 + low26) / TWO_POW_53;
  }

  /** Uniform integer in [min, max], both inclusive, without modulo bias; spans up to 2^32. */
  nextInt(min: number, max: number): number {
    const span = max - min + 1;
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || span < 1 || span > TWO_POW_32)
      throw new DomainError(
        'RANDOM.INVALID_RANGE',
        `nextInt needs integers min <= max spanning at most 2^32 values, got [${min}, ${max}]`,
      );
    // Reject draws from the incomplete last block so that every residue is equally likely.
    const limit = TWO_POW_32 - (TWO_POW_32 % span);
    let draw = this.nextUint32();
    while (draw >= limit) draw = this.nextUint32();
    return min + (draw % span);
  }

  /** Normally distributed value (Box-Muller; the second value of each pair is kept for the next call). */
  normal(mean = 0, standardDeviation = 1): number {
    let standard = this.spareNormal;
    if (standard === undefined) {
      const u1 = 1 - this.nextFloat(); // in (0, 1], so the logarithm is finite
      const u2 = this.nextFloat();
      const radius = Math.sqrt(-2 * Math.log(u1));
      standard = radius * Math.cos(2 * Math.PI * u2);
      this.spareNormal = radius * Math.sin(2 * Math.PI * u2);
    } else {
      this.spareNormal = undefined;
    }
    return mean + standardDeviation * standard;
  }
}
