import type { JsonValue } from '../../../domain/shared/json.js';
import {
  expectConcurrencyError,
  expectIncreasingPositions,
  idsOf,
  newEvent,
  newEvents,
  revisionsOf,
  uniquePrefix,
  type StoreHandle,
} from './helpers.js';

export const describeAppendConformance = ({ store }: StoreHandle): void => {
  describe('append', () => {
    let stream: string;
    beforeEach(() => {
      stream = `${uniquePrefix()}-order`;
    });

    it("appends to a new stream with 'no_stream', from revision 0, and returns the last revision and position", async () => {
      const events = newEvents(3);
      const result = await store().append(stream, events, 'no_stream');
      const recorded = await store().readStream(stream);

      expect(result.nextExpectedRevision).toBe(2n);
      expect(revisionsOf(recorded)).toEqual([0n, 1n, 2n]);
      expect(idsOf(recorded)).toEqual(idsOf(events));
      expect(result.position).toBe(recorded[2]!.position);
      expectIncreasingPositions(recorded);
    });

    it('records id, stream id, type, data and metadata as given', async () => {
      const event = newEvent(
        'BidSubmitted',
        { bidId: 'b-1', volumeKw: 12.5 },
        { causationId: 'x' },
      );
      const { position } = await store().append(stream, [event], 'no_stream');

      expect(await store().readStream(stream)).toEqual([
        { ...event, streamId: stream, revision: 0n, position },
      ]);
    });

    it('round-trips any JSON value as data', async () => {
      const values: JsonValue[] = [
        { nested: { list: [1, -2.5, 1e21, 'two', null, true, false, [], {}] } },
        [{ a: 1 }, 'b'],
        'a plain string with "quotes", \\ and unicode: 전력 ⚡',
        0,
        null,
        { empty: '', zero: 0, big: Number.MAX_SAFE_INTEGER, tiny: 5e-324 },
      ];
      await store().append(
        stream,
        values.map((value) => newEvent('ValueRecorded', value)),
        'no_stream',
      );

      expect((await store().readStream(stream)).map((event) => event.data)).toEqual(values);
    });

    it("rejects 'no_stream' on a stream with events, appending nothing", async () => {
      await store().append(stream, newEvents(2), 'no_stream');

      await expectConcurrencyError(
        store().append(stream, newEvents(1), 'no_stream'),
        stream,
        'no_stream',
        1n,
      );
      expect(await store().readStream(stream)).toHaveLength(2);
    });

    it("appends with 'stream_exists' to a stream with events", async () => {
      await store().append(stream, newEvents(1), 'no_stream');
      const result = await store().append(stream, newEvents(2), 'stream_exists');

      expect(result.nextExpectedRevision).toBe(2n);
      expect(revisionsOf(await store().readStream(stream))).toEqual([0n, 1n, 2n]);
    });

    it("rejects 'stream_exists' on a stream without events, appending nothing", async () => {
      await expectConcurrencyError(
        store().append(stream, newEvents(1), 'stream_exists'),
        stream,
        'stream_exists',
        'no_stream',
      );
      expect(await store().readStream(stream)).toEqual([]);
    });

    it('appends when the expected revision equals the last revision', async () => {
      const first = await store().append(stream, newEvents(2), 'no_stream');
      const second = await store().append(stream, newEvents(2), first.nextExpectedRevision);

      expect(second.nextExpectedRevision).toBe(3n);
      expect(second.position > first.position).toBe(true);
      expect(revisionsOf(await store().readStream(stream))).toEqual([0n, 1n, 2n, 3n]);
    });

    it.each([0n, 2n, 5n])(
      'rejects expected revision %p on a stream at revision 1, appending nothing',
      async (expected) => {
        await store().append(stream, newEvents(2), 'no_stream');

        await expectConcurrencyError(
          store().append(stream, newEvents(1), expected),
          stream,
          expected,
          1n,
        );
        expect(await store().readStream(stream)).toHaveLength(2);
      },
    );

    it('rejects expected revision 0 on a stream without events, appending nothing', async () => {
      await expectConcurrencyError(
        store().append(stream, newEvents(1), 0n),
        stream,
        0n,
        'no_stream',
      );
      expect(await store().readStream(stream)).toEqual([]);
    });

    it("appends with 'any' to a new stream and to a stream with events", async () => {
      const first = await store().append(stream, newEvents(1), 'any');
      const second = await store().append(stream, newEvents(1), 'any');

      expect([first.nextExpectedRevision, second.nextExpectedRevision]).toEqual([0n, 1n]);
      expect(revisionsOf(await store().readStream(stream))).toEqual([0n, 1n]);
    });

    it('gives increasing global positions across streams', async () => {
      const other = `${stream}-other`;
      const a = await store().append(stream, newEvents(1), 'no_stream');
      const b = await store().append(other, newEvents(2), 'no_stream');
      const c = await store().append(stream, newEvents(1), 0n);

      expect(a.position < b.position && b.position < c.position).toBe(true);
      const recorded = [
        ...(await store().readStream(other)),
        ...(await store().readStream(stream)),
      ];
      expect(recorded.every((event) => event.position >= a.position)).toBe(true);
    });

    it('keeps streams independent: a conflict in one stream leaves another untouched', async () => {
      const other = `${stream}-other`;
      await store().append(stream, newEvents(1), 'no_stream');
      await store().append(other, newEvents(1), 'no_stream');

      await expectConcurrencyError(
        store().append(stream, newEvents(1), 'no_stream'),
        stream,
        'no_stream',
        0n,
      );
      await store().append(other, newEvents(1), 0n);
      expect(await store().readStream(stream)).toHaveLength(1);
      expect(await store().readStream(other)).toHaveLength(2);
    });
  });
};
