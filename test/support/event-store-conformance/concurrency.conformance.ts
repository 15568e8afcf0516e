import { ConcurrencyError } from '../../../src/infrastructure/event-store/errors.js';
import type { ExpectedRevision } from '../../../src/infrastructure/event-store/event-store.port.js';
import { idsOf, newEvents, revisionsOf, uniquePrefix, type StoreHandle } from './helpers.js';

export const describeConcurrencyConformance = ({ store }: StoreHandle): void => {
  describe('concurrent writers', () => {
    const race = async (stream: string, expected: ExpectedRevision, before: number) => {
      if (before > 0) await store().append(stream, newEvents(before), 'no_stream');
      const batches = [newEvents(2, 'WriterA'), newEvents(3, 'WriterB')];
      const outcomes = await Promise.allSettled(
        batches.map((batch) => store().append(stream, batch, expected)),
      );
      return { batches, outcomes };
    };

    it.each<[string, ExpectedRevision, number]>([
      ["'no_stream' on a new stream", 'no_stream', 0],
      ['the same revision', 1n, 2],
    ])('with %s: exactly one wins, the other appends nothing', async (_, expected, before) => {
      const stream = `${uniquePrefix()}-raced`;
      const { batches, outcomes } = await race(stream, expected, before);

      const winners = outcomes.flatMap((outcome, i) =>
        outcome.status === 'fulfilled' ? [batches[i]!] : [],
      );
      const losers = outcomes.flatMap((outcome) =>
        outcome.status === 'rejected' ? [outcome.reason as unknown] : [],
      );
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0]).toBeInstanceOf(ConcurrencyError);

      const recorded = await store().readStream(stream);
      expect(idsOf(recorded.slice(before))).toEqual(idsOf(winners[0]!));
      expect(revisionsOf(recorded)).toEqual(recorded.map((_e, i) => BigInt(i)));
    });

    it("with 'any': both win, each batch kept contiguous and in order", async () => {
      const stream = `${uniquePrefix()}-any`;
      const { batches, outcomes } = await race(stream, 'any', 0);

      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
      const ids = idsOf(await store().readStream(stream));
      const [a, b] = [idsOf(batches[0]!), idsOf(batches[1]!)];
      expect([
        [...a, ...b],
        [...b, ...a],
      ]).toContainEqual(ids);
    });
  });
};
