import type { JsonObject } from '../../domain/shared/json.js';
import type {
  EventToAppend,
  ExpectedRevision,
} from '../../src/infrastructure/event-store/event-store.port.js';
import { RandomIdGenerator } from '../../src/infrastructure/ids/random-id-generator.js';

/** Streams every append benchmark spreads its events over. */
export const STREAM_COUNT = 1_000;

const CATEGORIES = ['meter', 'der', 'bid', 'portfolio'] as const;

export const streamIdOf = (index: number): string =>
  `${CATEGORIES[index % CATEGORIES.length]!}-${String(index).padStart(4, '0')}`;

// Stand-ins of the chain's own metadata, for stores that do not chain: same keys, same length,
// so that every store is given the same bytes to write.
const FAKE_HASH = 'f'.repeat(64);

// Distinct payloads cycled through (a prime, so that they fall on every stream). Sharing them
// keeps the benchmark's own heap small: 200,000 events held with 200,000 payloads of their own
// made garbage collection a third of the measured time, which no store pays in production.
const PAYLOAD_COUNT = 997;

interface Payload {
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

const payload = (n: number, ids: RandomIdGenerator, chained: boolean): Payload => {
  const powerKw = Math.round(Math.abs(Math.sin(n)) * 5_000_000) / 1000;
  const data: JsonObject = {
    intervalStart: new Date(Date.UTC(2026, 2, 1) + (n % 96) * 900_000).toISOString(),
    intervalMinutes: 15,
    powerKw,
    energyKwh: Math.round(powerKw * 250) / 1000,
    reactivePowerKvar: Math.round(Math.cos(n) * 80_000) / 1000,
    voltageV: 229 + (n % 17) / 10,
    frequencyHz: 59.95 + (n % 11) / 100,
    quality: n % 50 === 0 ? 'estimated' : 'measured',
    meterSerial: `KEPCO-${String(n).padStart(10, '0')}`,
  };
  const metadata: JsonObject = { correlationId: ids.next(), causationId: ids.next() };
  if (!chained) Object.assign(metadata, { schemaVersion: 1, prevHash: FAKE_HASH, hash: FAKE_HASH });
  return { data, metadata };
};

/**
 * Events shaped like a 15-minute meter reading, about 500 bytes as a chained store keeps them
 * (data plus metadata with correlation and causation ids, `schemaVersion`, `prevHash` and
 * `hash`). Every event has its own UUID v7 id from the production generator.
 */
export class BenchEventFactory {
  private readonly ids = new RandomIdGenerator();
  private readonly payloads: readonly Payload[];
  private sequence = 0;

  /** `chained`: for a store that adds the chain's metadata itself; else it comes with the event. */
  constructor(chained: boolean) {
    this.payloads = Array.from({ length: PAYLOAD_COUNT }, (_, n) => payload(n, this.ids, chained));
  }

  next(): EventToAppend {
    const { data, metadata } = this.payloads[this.sequence++ % PAYLOAD_COUNT]!;
    return { id: this.ids.next(), type: 'MeterReadingRecorded', data, metadata };
  }
}

/** One append of a plan: where, what, and the revision the caller expects the stream to be at. */
export interface PlannedAppend {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  readonly expected: ExpectedRevision;
}

/**
 * Appends of `batchSize` events each, round robin over STREAM_COUNT streams that start empty,
 * each with the exact expected revision (what a command handler that just read the stream sends).
 */
export function* appendPlan(
  factory: BenchEventFactory,
  eventCount: number,
  batchSize: number,
): Generator<PlannedAppend> {
  const lastRevision = new Array<number>(STREAM_COUNT).fill(-1);
  for (let appended = 0, k = 0; appended < eventCount; appended += batchSize, k++) {
    const stream = k % STREAM_COUNT;
    const streamId = streamIdOf(stream);
    const size = Math.min(batchSize, eventCount - appended);
    const events = Array.from({ length: size }, () => factory.next());
    const last = lastRevision[stream]!;
    lastRevision[stream] = last + size;
    yield { streamId, events, expected: last < 0 ? 'no_stream' : BigInt(last) };
  }
}
