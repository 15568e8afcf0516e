import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';
import { ANCHOR_STREAM_ID } from '../../src/infrastructure/audit/anchor-event.js';
import { Anchorer } from '../../src/infrastructure/audit/anchorer.js';
import { ChainedEventStore } from '../../src/infrastructure/audit/chained-event-store.js';
import { BullmqAnchorScheduler } from '../../src/infrastructure/audit/scheduling/bullmq-anchor-scheduler.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';

// Needs Redis on REDIS_URL (default 127.0.0.1:6379): fails loudly when it is absent.
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const silent = { error: () => undefined };

describe('BullmqAnchorScheduler against real Redis', () => {
  let raw: SqliteEventStore;
  let store: ChainedEventStore;
  let anchorer: Anchorer;
  const schedulers: BullmqAnchorScheduler[] = [];
  const queueName = `gridfolio-audit-test-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    const probe = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
    await probe.connect(); // throws when Redis is not there: the suite must not pass without it
    expect(await probe.ping()).toBe('PONG');
    probe.disconnect();
  });

  beforeEach(() => {
    raw = new SqliteEventStore({ path: ':memory:' });
    store = new ChainedEventStore(raw);
    const clock = new SimulatedClock(DateTime.fromISO('2024-06-03T00:00:00Z'));
    anchorer = new Anchorer(store, clock, new SeededIdGenerator('anchors'));
  });

  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
    const queue = new Queue(queueName, { connection: { url: redisUrl } });
    await queue.obliterate({ force: true });
    await queue.close();
    await raw.close();
  });

  const scheduler = (): BullmqAnchorScheduler => {
    const created = new BullmqAnchorScheduler(
      anchorer,
      { redisUrl, intervalMs: 100, queueName },
      silent,
    );
    schedulers.push(created);
    return created;
  };

  const firstAnchor = async () => {
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: [ANCHOR_STREAM_ID] } });
    for await (const event of subscription) {
      await subscription.close();
      return event;
    }
    throw new Error('subscription ended without an anchor');
  };

  it('writes an anchor covering the appended streams from a scheduled job', async () => {
    const ids = new SeededIdGenerator('events');
    await store.append('der-a', [{ id: ids.next(), type: 'Noted', data: {}, metadata: {} }], 'any');
    await store.append('der-b', [{ id: ids.next(), type: 'Noted', data: {}, metadata: {} }], 'any');
    const anchored = firstAnchor();

    await scheduler().start();

    const anchor = await anchored;
    const heads = (anchor.data as { heads: { streamId: string }[] }).heads;
    expect(heads.map((h) => h.streamId).sort()).toEqual(['der-a', 'der-b']);
  });

  it('keeps one job scheduler however many processes declare it', async () => {
    await scheduler().start();
    await scheduler().start();
    const queue = new Queue(queueName, { connection: { url: redisUrl } });
    const declared = await queue.getJobSchedulers();
    await queue.close();
    expect(declared.map((s) => s.every)).toEqual([100]);
  });
});
