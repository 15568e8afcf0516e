import { DateTime } from 'luxon';
import {
  portfolioDecider,
  toPortfolioStreamId,
  type PortfolioCommand,
} from '../../domain/portfolios/index.js';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import { handleCommand } from '../../src/infrastructure/command-handling/handle-command.js';
import type { EventStore } from '../../src/infrastructure/event-store/event-store.port.js';
import { MeterIngestService } from '../../src/metering/ingest/meter-ingest.service.js';
import { SiteDirectory } from '../../src/metering/ingest/site-directory.js';
import { micro } from '../support/builders/portfolio.builders.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';
import { registerPv, seedMeters } from '../support/metering-fixtures.js';

const NOW = '2025-03-10T01:00:00.000Z';
const SEEDED_AT = '2025-03-09T16:00:00.000Z';
const slot = (n: number): string =>
  new Date(Date.parse('2025-03-09T15:00:00.000Z') + n * 900_000).toISOString();
const row = (meterId: string, n: number, energyKwh: number, extra: object = {}) => ({
  meterId,
  intervalStart: slot(n),
  intervalMinutes: 15,
  energyKwh,
  ...extra,
});

const setUp = async (store: EventStore = new InMemoryEventStore()) => {
  const clock = new SimulatedClock(DateTime.fromISO(NOW));
  const ids = new SeededIdGenerator('ingest');
  await seedMeters({ store, clock, ids }, SEEDED_AT);
  const sites = new SiteDirectory(store);
  const storeErrors: unknown[] = [];
  const service = new MeterIngestService({
    store,
    clock,
    ids,
    sites,
    toleranceRatio: 0.05,
    onStoreError: (error) => storeErrors.push(error),
  });
  return { store, clock, ids, service, storeErrors };
};

const ingest = (service: MeterIngestService, rows: readonly unknown[]) =>
  service.ingest(rows, { actor: 'test' });

describe('the meter ingest service', () => {
  it('appends one event per meter and day, however many readings the batch holds', async () => {
    const { store, service } = await setUp();
    const rows = Array.from({ length: 40 }, (_, n) => row('pv-1', n, n / 4));
    // 2025-03-11 KST starts at 15:00Z on 03-10: those intervals have not ended by now.
    const summary = await ingest(service, [...rows, row('pv-1', 96, 1)]);
    expect(summary).toMatchObject({ accepted: 40, unchanged: 0, corrected: 0 });
    expect(summary.rejected.map((r) => r.code)).toEqual(['METER.FUTURE_INTERVAL']);
    expect(await store.readStream('meter-der-pv-1-2025-03-10')).toHaveLength(1);
  });

  it('refuses the rows of a meter day kept on another grid, and keeps the other rows', async () => {
    const { service } = await setUp();
    await ingest(service, [row('pv-1', 0, 1)]);
    const summary = await ingest(service, [
      { ...row('pv-1', 4, 1), intervalMinutes: 60 },
      row('pv-1', 5, 2),
    ]);
    expect(summary.accepted).toBe(1);
    expect(summary.rejected).toEqual([
      expect.objectContaining({ row: 0, code: 'METER.INTERVAL_LENGTH_MISMATCH' }),
    ]);
  });

  it('refuses the rows it could not store without losing the rows of other meters', async () => {
    const inner = new InMemoryEventStore();
    const failing: EventStore = Object.create(inner) as EventStore;
    failing.append = (streamId, events, expected) =>
      streamId.startsWith('meter-der-pv-2-')
        ? Promise.reject(new Error('disk full'))
        : inner.append(streamId, events, expected);
    const { service, storeErrors, ...deps } = await setUp(failing);
    await registerPv(deps, 'pv-2', SEEDED_AT);
    const summary = await ingest(service, [row('pv-2', 0, 1), row('pv-1', 0, 1)]);
    expect(summary.accepted).toBe(1);
    expect(summary.rejected).toEqual([
      expect.objectContaining({ row: 0, meterId: 'pv-2', code: 'METER.NOT_STORED' }),
    ]);
    expect(storeErrors).toEqual([new Error('disk full')]);
  });

  it('finds a site created after its first unknown reading', async () => {
    const { service, ...deps } = await setUp();
    const first = await ingest(service, [row('new-site', 0, 5, { meterKind: 'site' })]);
    expect(first.rejected.map((r) => r.code)).toEqual(['METER.UNKNOWN_SITE']);
    const create: PortfolioCommand = {
      type: 'CreatePortfolio',
      data: {
        portfolioId: 'micro-2',
        name: 'New site',
        settings: micro({ siteId: 'new-site' }),
        now: SEEDED_AT,
      },
    };
    await handleCommand(deps, toPortfolioStreamId('micro-2'), portfolioDecider, create, {
      commandId: deps.ids.next(),
      actor: 'test',
    });
    const second = await ingest(service, [row('new-site', 0, 5, { meterKind: 'site' })]);
    expect(second).toEqual({ accepted: 1, unchanged: 0, corrected: 0, rejected: [] });
  });

  it('sees readings written by another process before deciding what is new', async () => {
    const store = new InMemoryEventStore();
    const { service, clock, ids } = await setUp(store);
    const other = new MeterIngestService({
      store,
      clock,
      ids,
      sites: new SiteDirectory(store),
      toleranceRatio: 0.05,
    });
    await ingest(service, [row('pv-1', 0, 1)]);
    await ingest(other, [row('pv-1', 0, 2)]);
    expect(await ingest(service, [row('pv-1', 0, 2)])).toMatchObject({ unchanged: 1 });
    expect(await ingest(service, [row('pv-1', 0, 3)])).toMatchObject({ corrected: 1 });
  });

  it('refuses a batch larger than it takes, as a whole', async () => {
    const { service } = await setUp();
    await expect(ingest(service, new Array(100_001).fill(null))).rejects.toMatchObject({
      code: 'METER.BATCH_TOO_LARGE',
    });
  });
});
