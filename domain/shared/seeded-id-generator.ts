import type { IdGenerator } from './id-generator.port.js';
import { SeededRandom, type Seed } from './seeded-random.js';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

const hexOfWord = (word: number): string =>
  (HEX[word >>> 24] ?? '') +
  (HEX[(word >>> 16) & 0xff] ?? '') +
  (HEX[(word >>> 8) & 0xff] ?? '') +
  (HEX[word & 0xff] ?? '');

/**
 * Deterministic ids in the UUID v7 layout: the same seed yields the same ids, so a simulation
 * replays identically. The 48-bit field where v7 keeps a millisecond timestamp holds a sequence
 * number instead (a seeded run has no wall clock), so ids still rise in the order they are made;
 * the other 74 bits are seeded random, which keeps ids of different seeds apart.
 */
export class SeededIdGenerator implements IdGenerator {
  private readonly random: SeededRandom;
  private sequence = 0;

  constructor(seed: Seed | SeededRandom) {
    this.random = seed instanceof SeededRandom ? seed : new SeededRandom(seed);
  }

  next(): string {
    const sequence = this.sequence++;
    // 48 bits: the high 16 in w0's top half via division (bit operators stop at 32 bits).
    const w0 = ((Math.floor(sequence / 0x10000) & 0xffffffff) >>> 0) >>> 0;
    const low16 = sequence & 0xffff;
    // Version 7 in the high nibble of byte 6, the variant 10xx in the top bits of byte 8.
    const w1 = ((low16 << 16) | 0x7000 | (this.random.nextUint32() & 0x0fff)) >>> 0;
    const w2 = ((this.random.nextUint32() & 0x3fffffff) | 0x80000000) >>> 0;
    const w3 = this.random.nextUint32();
    const h1 = hexOfWord(w1);
    const h2 = hexOfWord(w2);
    return `${hexOfWord(w0)}-${h1.slice(0, 4)}-${h1.slice(4)}-${h2.slice(0, 4)}-${h2.slice(4)}${hexOfWord(w3)}`;
  }
}
