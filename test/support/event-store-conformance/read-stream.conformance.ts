import type { ReadStreamOptions } from '../../../src/infrastructure/event-store/event-store.port.js';
import { idsOf, newEvents, revisionsOf, uniquePrefix, type StoreHandle } from './helpers.js';

export const describeReadStreamConformance = ({ store }: StoreHandle): void => {
  describe('readStream', () => {
    let stream: string;
    beforeEach(async () => {
      stream = `${uniquePrefix()}-meter`;
      // Another stream written in between proves reads never leak across streams.
      await store().append(stream, newEvents(3), 'no_stream');
      await store().append(`${stream}-noise`, newEvents(2), 'no_stream');
      await store().append(stream, newEvents(2), 2n);
    });

    const read = async (options?: ReadStreamOptions): Promise<bigint[]> =>
      revisionsOf(await store().readStream(stream, options));

    it('reads forwards from the first event by default', async () => {
      const events = await store().readStream(stream);

      expect(revisionsOf(events)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(events.every((event) => event.streamId === stream)).toBe(true);
    });

    it.each<[string, ReadStreamOptions, bigint[]]>([
      ['forwards explicitly', { direction: 'forwards' }, [0n, 1n, 2n, 3n, 4n]],
      ['forwards from start', { fromRevision: 'start' }, [0n, 1n, 2n, 3n, 4n]],
      ['forwards from revision 2, inclusive', { fromRevision: 2n }, [2n, 3n, 4n]],
      ['forwards from the last revision', { fromRevision: 4n }, [4n]],
      ['forwards from past the end', { fromRevision: 5n }, []],
      ['forwards from end', { fromRevision: 'end' }, []],
      ['forwards, at most 2', { maxCount: 2 }, [0n, 1n]],
      ['forwards from 1, at most 2', { fromRevision: 1n, maxCount: 2 }, [1n, 2n]],
      ['forwards, at most more than there are', { maxCount: 100 }, [0n, 1n, 2n, 3n, 4n]],
      [
        'backwards from the last event by default',
        { direction: 'backwards' },
        [4n, 3n, 2n, 1n, 0n],
      ],
      ['backwards from end', { direction: 'backwards', fromRevision: 'end' }, [4n, 3n, 2n, 1n, 0n]],
      [
        'backwards from revision 2, inclusive',
        { direction: 'backwards', fromRevision: 2n },
        [2n, 1n, 0n],
      ],
      ['backwards from start', { direction: 'backwards', fromRevision: 'start' }, [0n]],
      [
        'backwards from past the end',
        { direction: 'backwards', fromRevision: 9n },
        [4n, 3n, 2n, 1n, 0n],
      ],
      ['backwards, at most 2', { direction: 'backwards', maxCount: 2 }, [4n, 3n]],
      [
        'backwards from 3, at most 2',
        { direction: 'backwards', fromRevision: 3n, maxCount: 2 },
        [3n, 2n],
      ],
    ])('reads %s', async (_, options, expected) => {
      expect(await read(options)).toEqual(expected);
    });

    it('returns the same events in both directions', async () => {
      const forwards = await store().readStream(stream);
      const backwards = await store().readStream(stream, { direction: 'backwards' });

      expect(idsOf(backwards)).toEqual(idsOf(forwards).reverse());
      expect(backwards.map((event) => event.position)).toEqual(
        forwards.map((event) => event.position).reverse(),
      );
    });

    it.each<ReadStreamOptions | undefined>([
      undefined,
      { direction: 'backwards' },
      { fromRevision: 3n, maxCount: 1 },
    ])('reads an unknown stream as empty (%p)', async (options) => {
      expect(await store().readStream(`${uniquePrefix()}-nothing`, options)).toEqual([]);
    });
  });
};
