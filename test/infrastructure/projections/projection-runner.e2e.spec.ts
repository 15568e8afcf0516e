import type { Database } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { UpcasterRegistry } from '../../../src/infrastructure/event-store/upcasting/upcaster-registry.js';
import { ProjectionFailedError } from '../../../src/infrastructure/projections/projection-errors.js';
import { ProjectionRunner } from '../../../src/infrastructure/projections/projection-runner.js';
import { SqliteCheckpointStore } from '../../../src/infrastructure/projections/sqlite/sqlite-checkpoint-store.js';
import { openReadModelDatabase } from '../../../src/infrastructure/projections/sqlite/read-model-database.js';
import {
  StreamCatalogueProjection,
  STREAM_CATALOGUE,
} from '../../../src/infrastructure/projections/stream-catalogue/stream-catalogue.projection.js';
import { StreamCatalogueQuery } from '../../../src/infrastructure/projections/stream-catalogue/stream-catalogue.query.js';
import {
  dumpTable,
  ledgerDeps,
  runSteps,
  silentLogger,
  SpyProjection,
  type LedgerStep,
} from '../../support/projection-fixtures.js';

const NOW = '2026-03-01T00:00:00.000Z';
const history: LedgerStep[] = [
  { accountId: 'a', command: { type: 'OpenAccount', data: { accountId: 'a', now: NOW } } },
  { accountId: 'b', command: { type: 'OpenAccount', data: { accountId: 'b', now: NOW } } },
  {
    accountId: 'a',
    command: { type: 'Deposit', data: { transferId: 't1', amountKrw: 9, now: NOW } },
  },
  {
    accountId: 'a',
    command: { type: 'Withdraw', data: { transferId: 't2', amountKrw: 4, now: NOW } },
  },
];
const more: LedgerStep[] = [
  {
    accountId: 'b',
    command: { type: 'Deposit', data: { transferId: 't3', amountKrw: 1, now: NOW } },
  },
  { accountId: 'c', command: { type: 'OpenAccount', data: { accountId: 'c', now: NOW } } },
];

describe('ProjectionRunner with the stream catalogue', () => {
  let dir: string;
  let store: SqliteEventStore;
  let readModels: Database;
  let runner: ProjectionRunner | undefined;
  let errors: string[];

  const startRunner = async (spy: SpyProjection, pageSize = 2) => {
    runner = new ProjectionRunner({ store, logger: silentLogger(errors), pageSize });
    runner.add(spy, new SqliteCheckpointStore(readModels));
    await runner.start();
    return runner;
  };
  const catalogue = () => new StreamCatalogueQuery(readModels);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gridfolio-projections-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    readModels = openReadModelDatabase(join(dir, 'read-models.db'));
    errors = [];
  });
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    readModels.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('catches up on history, follows live appends, and waits for a position without sleeping', async () => {
    const deps = ledgerDeps(store);
    await runSteps(deps, history);
    const live = await startRunner(new SpyProjection(new StreamCatalogueProjection(readModels)));

    const position = await runSteps(deps, more);
    await live.waitFor(position!);

    expect(
      catalogue()
        .list()
        .map((s) => [s.streamId, s.eventCount, s.lastRevision]),
    ).toEqual([
      ['ledger-a', 3, 2n],
      ['ledger-b', 2, 1n],
      ['ledger-c', 1, 0n],
    ]);
    expect(catalogue().get('ledger-a')).toMatchObject({
      category: 'ledger',
      lastEventType: 'Withdrawn',
    });
    expect(catalogue().get('ledger-c')?.lastPosition).toBe(position);
    expect(live.status()).toEqual([{ name: STREAM_CATALOGUE, state: 'running', position }]);
  });

  it('resumes from its persisted checkpoint after a restart, re-applying nothing', async () => {
    const deps = ledgerDeps(store);
    const first = new SpyProjection(new StreamCatalogueProjection(readModels));
    await (await startRunner(first)).waitFor((await runSteps(deps, history))!);
    await runner!.stop();
    readModels.close();
    readModels = openReadModelDatabase(join(dir, 'read-models.db'));

    const position = await runSteps(deps, more);
    const second = new SpyProjection(new StreamCatalogueProjection(readModels));
    await (await startRunner(second)).waitFor(position!);

    expect(first.applied).toHaveLength(4);
    expect(second.applied.map((e) => e.type)).toEqual(['Deposited', 'AccountOpened']);
    expect(catalogue().get('ledger-b')?.eventCount).toBe(2);
  });

  it('counts nothing twice when events are delivered again (at-least-once)', async () => {
    const position = await runSteps(ledgerDeps(store), [...history, ...more]);
    await (
      await startRunner(new SpyProjection(new StreamCatalogueProjection(readModels)))
    ).waitFor(position!);
    const before = catalogue().list();
    await runner!.stop();
    // As if the process died after applying but before checkpointing: everything comes again.
    readModels.prepare('DELETE FROM projection_checkpoints').run();

    const again = new SpyProjection(new StreamCatalogueProjection(readModels));
    await (await startRunner(again)).waitFor(position!);

    expect(again.applied).toHaveLength(6);
    expect(catalogue().list()).toEqual(before);
  });

  it('stops at the first failing event, logs its position, and resumes there once fixed', async () => {
    const deps = ledgerDeps(store);
    const position = await runSteps(deps, history);
    const failingAt = (await store.readStream('ledger-a'))[1]!;
    const spy = new SpyProjection(new StreamCatalogueProjection(readModels));
    spy.failOn = (event) => event.id === failingAt.id;

    await startRunner(spy);
    const waited = runner!.waitFor(position!);

    await expect(waited).rejects.toBeInstanceOf(ProjectionFailedError);
    await expect(waited).rejects.toMatchObject({ position: failingAt.position });
    expect(errors).toEqual([expect.stringContaining(`at position ${failingAt.position}`)]);
    expect(runner!.status()[0]?.state).toBe('failed');
    // Nothing after (or in the same batch as) the failing event reached the read model.
    expect(catalogue().get('ledger-a')?.eventCount ?? 0).toBeLessThan(2);

    await runner!.stop();
    spy.failOn = undefined;
    await startRunner(spy);
    await runner!.waitFor(position!);
    expect(catalogue().get('ledger-a')?.eventCount).toBe(3);
  });

  it('rebuild drops the read model and replays from position 0 to the same rows', async () => {
    const position = await runSteps(ledgerDeps(store), [...history, ...more]);
    const spy = new SpyProjection(new StreamCatalogueProjection(readModels));
    await (await startRunner(spy)).waitFor(position!);
    const live = dumpTable(readModels, 'stream_catalogue');
    readModels.prepare('UPDATE stream_catalogue SET event_count = 99').run();

    await runner!.rebuild(STREAM_CATALOGUE);

    expect(dumpTable(readModels, 'stream_catalogue')).toEqual(live);
    expect(spy.applied).toHaveLength(12);
    // Still following after the rebuild.
    const next = await runSteps(ledgerDeps(store, 'later'), [
      { accountId: 'd', command: { type: 'OpenAccount', data: { accountId: 'd', now: NOW } } },
    ]);
    await runner!.waitFor(next!);
    expect(catalogue().get('ledger-d')?.eventCount).toBe(1);
  });

  it('skips events outside its filter yet reaches their positions and checkpoints them', async () => {
    const position = await runSteps(ledgerDeps(store), history);
    const catalogueOfB = Object.assign(new StreamCatalogueProjection(readModels), {
      filter: { streamPrefixes: ['ledger-b'] },
    });
    const spy = new SpyProjection(catalogueOfB);
    await (await startRunner(spy, 100)).waitFor(position!);
    const next = await runSteps(ledgerDeps(store, 'later'), [
      {
        accountId: 'a',
        command: { type: 'Deposit', data: { transferId: 'x', amountKrw: 1, now: NOW } },
      },
    ]);
    await runner!.waitFor(next!);
    await runner!.stop();

    expect(spy.applied.map((e) => e.streamId)).toEqual(['ledger-b']);
    const checkpoint = await new SqliteCheckpointStore(readModels).load(STREAM_CATALOGUE);
    expect(checkpoint).toBe(next);
  });

  it('hands projections events upcast to their current schema version', async () => {
    await store.append(
      'der-1',
      [{ id: '00000000-0000-4000-8000-0000000000aa', type: 'Old', data: 1, metadata: {} }],
      'no_stream',
    );
    const spy = new SpyProjection(new StreamCatalogueProjection(readModels));
    runner = new ProjectionRunner({
      store,
      logger: silentLogger(errors),
      upcasters: new UpcasterRegistry().register('Old', 1, (data) => ({ was: data })),
    });
    runner.add(spy, new SqliteCheckpointStore(readModels));
    await runner.start();
    await runner.waitFor(1n);
    expect(spy.applied[0]).toMatchObject({ data: { was: 1 }, schemaVersion: 2 });
  });
});
