import { DateTime } from 'luxon';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';
import { Anchorer } from '../../src/infrastructure/audit/anchorer.js';
import { ChainedEventStore } from '../../src/infrastructure/audit/chained-event-store.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import type {
  EventStore,
  EventToAppend,
} from '../../src/infrastructure/event-store/event-store.port.js';

/**
 * A small chained history with two anchors, laid out so that tamper tests know every position:
 *
 *   1 s-1@0   2 s-2@0   3 s-1@1   4 s-1@2   5 s-2@1   6 s-1@3   7 s-2@2   8 s-1@4
 *   9 audit-anchors@0 (heads s-1@4, s-2@2)
 *  10 s-1@5  11 s-2@3
 *  12 audit-anchors@1 (heads s-1@5, s-2@3)
 *  13 s-3@0  14 s-3@1   (not anchored yet)
 */
export const AUDITED_HISTORY = { events: 14, streams: 4, anchors: 2 } as const;

export const writeAuditedHistory = async (inner: EventStore): Promise<void> => {
  const ids = new SeededIdGenerator('audited-history');
  const clock = new SimulatedClock(DateTime.fromISO('2026-11-26T00:00:00Z'));
  const store = new ChainedEventStore(inner);
  const anchorer = new Anchorer(store, clock, ids);
  let n = 0;
  const event = (): EventToAppend => {
    n++;
    return {
      id: ids.next(),
      type: 'MeterRead',
      data: { n, energyKwh: n * 1.25, meter: { id: `m-${n % 3}`, site: 'Jeju €' }, tags: ['a', n] },
      metadata: { correlationId: `c-${n}` },
    };
  };
  const append = (streamId: string, count = 1) =>
    store.append(streamId, Array.from({ length: count }, event), 'any');
  await append('s-1');
  await append('s-2');
  await append('s-1', 2);
  await append('s-2');
  await append('s-1');
  await append('s-2');
  await append('s-1');
  await anchorer.anchorNow();
  clock.advanceBy({ minutes: 1 });
  await append('s-1');
  await append('s-2');
  await anchorer.anchorNow();
  await append('s-3', 2);
};
