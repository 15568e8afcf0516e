import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';

/**
 * Seeded ids for a run that may continue an earlier one. A fresh run and a continued run both
 * start from the seed, so the continued run would repeat the ids already in the store; once the
 * store has been read, `continueAfter(n)` moves to a stream seeded by the seed and the number of
 * events already there, which is still the same for the same seed and the same store.
 */
export class ResumableIdGenerator implements IdGenerator {
  private inner: SeededIdGenerator;

  constructor(private readonly seed: string) {
    this.inner = new SeededIdGenerator(`${seed}:ids:start`);
  }

  continueAfter(eventsInStore: number): void {
    this.inner = new SeededIdGenerator(`${this.seed}:ids:after-${eventsInStore}`);
  }

  next(): string {
    return this.inner.next();
  }
}
