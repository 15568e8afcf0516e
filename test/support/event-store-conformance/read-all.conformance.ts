import type {
  ReadAllOptions,
  RecordedEvent,
} from '../../../src/infrastructure/event-store/event-store.port.js';
import {
  collect,
  expectIncreasingPositions,
  idsOf,
  newEvent,
  newEvents,
  uniquePrefix,
  uniqueType,
  type StoreHandle,
} from './helpers.js';

export const describeReadAllConformance = ({ store }: StoreHandle): void => {
  describe('readAll', () => {
    let p: string;
    let x: string;
    let y: string;
    /** This test's events in append order: a1 = alpha-1, b1 = beta-1, a2 = alpha-2. */
    let ours: Record<'a1e0' | 'a1e1' | 'b1e0' | 'a2e0' | 'a2e1' | 'a1e2', RecordedEvent>;

    beforeEach(async () => {
      p = uniquePrefix();
      [x, y] = [uniqueType('Xed'), uniqueType('Yed')];
      const [a1, b1, a2] = [`${p}-alpha-1`, `${p}-beta-1`, `${p}-alpha-2`];
      await store().append(a1, [newEvent(x), newEvent(y)], 'no_stream');
      await store().append(b1, [newEvent(x)], 'no_stream');
      await store().append(a2, [newEvent(y), newEvent(x)], 'no_stream');
      await store().append(a1, [newEvent(x)], 1n);
      const [a1e0, a1e1, a1e2] = await store().readStream(a1);
      const [b1e0] = await store().readStream(b1);
      const [a2e0, a2e1] = await store().readStream(a2);
      ours = { a1e0: a1e0!, a1e1: a1e1!, b1e0: b1e0!, a2e0: a2e0!, a2e1: a2e1!, a1e2: a1e2! };
    });

    const read = (options: ReadAllOptions): Promise<RecordedEvent[]> =>
      collect(store().readAll(options));
    const expectRead = async (options: ReadAllOptions, names: (keyof typeof ours)[]) =>
      expect(await read(options)).toEqual(names.map((name) => ours[name]));

    it('reads every event of the matching streams in global order, as recorded', async () => {
      const events = await read({ filter: { streamPrefixes: [p] } });

      expect(events).toEqual([ours.a1e0, ours.a1e1, ours.b1e0, ours.a2e0, ours.a2e1, ours.a1e2]);
      expectIncreasingPositions(events);
    });

    it('filters on several stream prefixes', async () => {
      await expectRead({ filter: { streamPrefixes: [`${p}-alpha`] } }, [
        'a1e0',
        'a1e1',
        'a2e0',
        'a2e1',
        'a1e2',
      ]);
      await expectRead({ filter: { streamPrefixes: [`${p}-alpha-2`, `${p}-beta`] } }, [
        'b1e0',
        'a2e0',
        'a2e1',
      ]);
    });

    it('matches stream prefixes literally, with no wildcards', async () => {
      await expectRead({ filter: { streamPrefixes: [`${p}-a_pha`] } }, []);
      await expectRead({ filter: { streamPrefixes: [`${p}-%`] } }, []);
      await expectRead({ filter: { streamPrefixes: [`${p.toUpperCase()}-alpha`] } }, []);
    });

    it('filters on event types', async () => {
      await expectRead({ filter: { eventTypes: [x] } }, ['a1e0', 'b1e0', 'a2e1', 'a1e2']);
      await expectRead({ filter: { eventTypes: [y, x] } }, [
        'a1e0',
        'a1e1',
        'b1e0',
        'a2e0',
        'a2e1',
        'a1e2',
      ]);
    });

    it('keeps only events matching both a stream prefix and an event type', async () => {
      await expectRead({ filter: { streamPrefixes: [`${p}-alpha`], eventTypes: [y] } }, [
        'a1e1',
        'a2e0',
      ]);
    });

    it("reads strictly after a position, and from 'start' as without one", async () => {
      const filter = { streamPrefixes: [p] };
      await expectRead({ filter, after: ours.b1e0.position }, ['a2e0', 'a2e1', 'a1e2']);
      await expectRead({ filter, after: ours.a1e2.position }, []);
      expect(await read({ filter, after: 'start' })).toEqual(await read({ filter }));
    });

    it('stops after maxCount events', async () => {
      const filter = { streamPrefixes: [p] };
      await expectRead({ filter, maxCount: 2 }, ['a1e0', 'a1e1']);
      await expectRead({ filter, maxCount: 2, after: ours.a1e1.position }, ['b1e0', 'a2e0']);
      await expectRead({ filter: { eventTypes: [y] }, maxCount: 1 }, ['a1e1']);
    });

    it('reads the whole log in increasing positions without a filter', async () => {
      const later = await read({ after: ours.a1e0.position });
      const all = await read({});

      expectIncreasingPositions(all);
      expectIncreasingPositions(later);
      const isOurs = (event: RecordedEvent) => event.streamId.startsWith(p);
      expect(later.filter(isOurs)).toEqual([ours.a1e1, ours.b1e0, ours.a2e0, ours.a2e1, ours.a1e2]);
      expect(all.filter(isOurs)).toHaveLength(6);
      expect(later.every((event) => event.position > ours.a1e0.position)).toBe(true);
    });

    it('reads a log larger than one page, and can be abandoned part way', async () => {
      const stream = `${p}-large`;
      const appended = [];
      for (let batch = 0; batch < 10; batch++) {
        const events = newEvents(250);
        await store().append(stream, events, 'any');
        appended.push(...events);
      }
      const filter = { streamPrefixes: [stream] };
      const events = await read({ filter });
      expect(idsOf(events)).toEqual(idsOf(appended));

      let seen = 0;
      for await (const event of store().readAll({ filter })) {
        expect(event.id).toBe(appended[seen]!.id);
        if (++seen === 3) break;
      }
      expect(await read({ filter, after: events[2_498]!.position })).toHaveLength(1);
    });
  });
};
