import type { IdGenerator } from './id-generator.port.js';
import { SeededRandom, type Seed } from './seeded-random.js';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

const hexOfWord = (word: number): string =>
  (HEX[word >>> 24] ?? '') +
  (HEX[(word >>> 16) & 0xff] ?? '') +
  (HEX[(word >>> 8) & 0xff] ?? '') +
  (HEX[word & 0xff] ?? '');

/**
 * UUID v4 strings from a seeded generator: the same seed yields the same ids, so a simulation
 * replays identically. 122 of the 128 bits are random, as in any v4 UUID.
 */
export class SeededIdGenerator implements IdGenerator {
  private readonly random: SeededRandom;

  constructor(seed: Seed | SeededRandom) {
    this.random = seed instanceof SeededRandom ? seed : new SeededRandom(seed);
  }

  next(): string {
    const w0 = this.random.nextUint32();
    // Version 4 lives in the high nibble of byte 6, the variant 10xx in the top bits of byte 8.
    const w1 = ((this.random.nextUint32() & 0xffff0fff) | 0x00004000) >>> 0;
    const w2 = ((this.random.nextUint32() & 0x3fffffff) | 0x80000000) >>> 0;
    const w3 = this.random.nextUint32();
    const h1 = hexOfWord(w1);
    const h2 = hexOfWord(w2);
    return `${hexOfWord(w0)}-${h1.slice(0, 4)}-${h1.slice(4)}-${h2.slice(0, 4)}-${h2.slice(4)}${hexOfWord(w3)}`;
  }
}
