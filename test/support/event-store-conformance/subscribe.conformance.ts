import type { RecordedEvent } from '../../../src/infrastructure/event-store/event-store.port.js';
import {
  idsOf,
  newEvent,
  newEvents,
  take,
  uniquePrefix,
  uniqueType,
  type StoreHandle,
} from './helpers.js';

export const describeSubscribeConformance = ({ store }: StoreHandle): void => {
  describe('subscribeToAll', () => {
    let stream: string;
    let filter: { streamPrefixes: string[] };
    beforeEach(() => {
      stream = `${uniquePrefix()}-feed`;
      filter = { streamPrefixes: [stream] };
    });

    it('catches up on history, then delivers new events live, then ends on close', async () => {
      const history = newEvents(3);
      await store().append(stream, history, 'no_stream');
      const subscription = store().subscribeToAll({ filter });
      const events = subscription[Symbol.asyncIterator]();

      const caughtUp = await take(events, 3);
      expect(caughtUp).toEqual(await store().readStream(stream));

      const live = newEvents(2);
      await store().append(stream, live, 2n);
      expect(idsOf(await take(events, 2))).toEqual(idsOf(live));

      await subscription.close();
      expect((await events.next()).done).toBe(true);
    });

    it("starts strictly after the position given in 'after'", async () => {
      await store().append(stream, newEvents(3), 'no_stream');
      const [, second, third] = await store().readStream(stream);
      const subscription = store().subscribeToAll({ filter, after: second!.position });
      const events = subscription[Symbol.asyncIterator]();

      expect(await take(events, 1)).toEqual([third]);
      const live = newEvent();
      await store().append(stream, [live], 2n);
      expect(idsOf(await take(events, 1))).toEqual([live.id]);
      await subscription.close();
    });

    it('delivers events appended during catch-up exactly once, in order', async () => {
      const all = newEvents(4);
      await store().append(stream, all.slice(0, 2), 'no_stream');
      const subscription = store().subscribeToAll({ filter, after: 'start' });
      const events = subscription[Symbol.asyncIterator]();
      const first = await take(events, 1);
      // Appended while the subscription is still delivering history.
      await store().append(stream, all.slice(2, 3), 1n);
      await store().append(stream, all.slice(3), 2n);

      const received = [...first, ...(await take(events, 3))];
      expect(idsOf(received)).toEqual(idsOf(all));
      const marker = newEvent();
      await store().append(stream, [marker], 3n);
      expect(idsOf(await take(events, 1))).toEqual([marker.id]);
      await subscription.close();
    });

    it('applies the event type filter to live events', async () => {
      const [wanted, unwanted] = [uniqueType('Wanted'), uniqueType('Unwanted')];
      const subscription = store().subscribeToAll({ filter: { eventTypes: [wanted] } });
      const events = subscription[Symbol.asyncIterator]();

      const batch = [newEvent(unwanted), newEvent(wanted), newEvent(unwanted), newEvent(wanted)];
      await store().append(stream, batch, 'no_stream');
      await store().append(`${stream}-other`, [newEvent(unwanted)], 'no_stream');
      const marker = newEvent(wanted);
      await store().append(`${stream}-other`, [marker], 0n);

      expect(idsOf(await take(events, 3))).toEqual([batch[1]!.id, batch[3]!.id, marker.id]);
      await subscription.close();
    });

    it('ends a pending wait and a for-await loop when closed', async () => {
      const subscription = store().subscribeToAll({ filter });
      const received: RecordedEvent[] = [];
      let firstArrived!: () => void;
      const arrived = new Promise<void>((resolve) => (firstArrived = resolve));
      const consumer = (async () => {
        for await (const event of subscription) {
          received.push(event);
          firstArrived();
        }
      })();

      await store().append(stream, newEvents(1), 'no_stream');
      await arrived;
      await subscription.close();
      await consumer;
      expect(received).toHaveLength(1);

      const idle = store().subscribeToAll({ filter: { streamPrefixes: [`${stream}-idle`] } });
      const pending = idle[Symbol.asyncIterator]().next();
      await idle.close();
      expect((await pending).done).toBe(true);
    });

    it('stops when the consumer breaks out, leaving the store usable', async () => {
      await store().append(stream, newEvents(3), 'no_stream');
      const subscription = store().subscribeToAll({ filter });
      let seen = 0;
      for await (const _event of subscription) {
        if (++seen === 2) break;
      }
      await subscription.close();

      const result = await store().append(stream, newEvents(1), 2n);
      expect(result.nextExpectedRevision).toBe(3n);
    });

    it('feeds several subscriptions independently', async () => {
      const one = store().subscribeToAll({ filter });
      const two = store().subscribeToAll({ filter });
      const events = newEvents(2);
      await store().append(stream, events, 'no_stream');

      const [a, b] = await Promise.all(
        [one, two].map((subscription) => take(subscription[Symbol.asyncIterator](), 2)),
      );
      expect(idsOf(a!)).toEqual(idsOf(events));
      expect(b).toEqual(a);
      await Promise.all([one.close(), two.close()]);
    });
  });
};
