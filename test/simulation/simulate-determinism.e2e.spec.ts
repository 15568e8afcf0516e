import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JsonValue } from '../../domain/shared/json.js';
import type { RecordedEvent } from '../../src/infrastructure/event-store/event-store.port.js';
import { eventsOf, SimulateHarness } from './simulate-harness.js';

const harness = new SimulateHarness();
beforeAll(() => harness.start());
afterAll(() => harness.stop());

/**
 * The named wall-clock fields, the only ones allowed to differ between two runs: the solve and
 * build seconds of a bid (or of a day not bid). The chain hashes (`hash`, `prevHash`, and the
 * anchors' head hashes) are hashes of event data that includes those seconds, so they differ
 * with them and are compared through the data they hash instead.
 */
const comparable = (event: RecordedEvent) => {
  const { hash: _hash, prevHash: _prev, ...metadata } = event.metadata;
  let data = event.data as Record<string, JsonValue>;
  if (event.type === 'BidDrafted' || event.type === 'SimulationDayNotBid') {
    const { measurements, ...rest } = data;
    expect(measurements).toEqual({
      solveSeconds: expect.any(Number),
      buildSeconds: expect.any(Number),
    });
    data = rest;
  }
  if (event.type === 'StreamHeadsAnchored') {
    const heads = data['heads'] as { hash: string }[];
    data = { ...data, heads: heads.map(({ hash: _h, ...head }) => head) };
  }
  return {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    data,
    metadata,
  };
};

// Two runs per test, each loading 63 days of meter history and bidding a day ahead of its last:
// more than the e2e default of 60 s on a loaded 2-core machine.
const TWO_RUNS_MS = 180_000;

describe('gridfolio simulate determinism', () => {
  it(
    'gives identical events and metadata for the same seed, apart from the measurements',
    async () => {
      const a = harness.folder();
      const b = harness.folder();
      const first = await harness.run(['--days', '2', '--store', a, '--seed', 'twins', '--json']);
      const second = await harness.run(['--days', '2', '--store', b, '--seed', 'twins', '--json']);
      expect([first.code, second.code]).toEqual([0, 0]);
      const eventsA = await eventsOf(a);
      const eventsB = await eventsOf(b);
      expect(eventsA.length).toBeGreaterThan(40);
      expect(eventsB.map(comparable)).toEqual(eventsA.map(comparable));
      // Every instant is simulated: nothing is stamped with the wall clock of the test.
      const years = new Set(
        eventsA.flatMap((e) =>
          typeof e.metadata['occurredAt'] === 'string'
            ? [e.metadata['occurredAt'].slice(0, 4)]
            : [],
        ),
      );
      expect([...years]).toEqual(['2024']);
    },
    TWO_RUNS_MS,
  );

  it(
    'draws other ids, scenarios and noise for another seed',
    async () => {
      const a = harness.folder();
      const b = harness.folder();
      await harness.run(['--days', '1', '--store', a, '--seed', 'one']);
      await harness.run(['--days', '1', '--store', b, '--seed', 'two']);
      const delivered = async (folder: string) =>
        (await eventsOf(folder)).find((e) => e.type === 'SimulationDayDelivered');
      const [one, two] = [await delivered(a), await delivered(b)];
      expect(one?.id).not.toEqual(two?.id);
      expect((one?.data as { pvActualKwh: number[] }).pvActualKwh).not.toEqual(
        (two?.data as { pvActualKwh: number[] }).pvActualKwh,
      );
    },
    TWO_RUNS_MS,
  );
});
