import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import type { UpcastedEvent } from '../../../src/infrastructure/event-store/upcasting/upcaster-registry.js';
import type {
  CheckpointStore,
  Projection,
} from '../../../src/infrastructure/projections/projection.js';
import { ProjectionRunner } from '../../../src/infrastructure/projections/projection-runner.js';
import { openReadModelDatabase } from '../../../src/infrastructure/projections/sqlite/read-model-database.js';
import { SqliteCheckpointStore } from '../../../src/infrastructure/projections/sqlite/sqlite-checkpoint-store.js';
import { silentLogger } from '../../support/projection-fixtures.js';

/** A read model held elsewhere than SQLite: applies asynchronously, checkpoints after applying. */
class InMemoryCheckpoints implements CheckpointStore {
  readonly positions = new Map<string, bigint>();
  load(name: string) {
    return Promise.resolve(this.positions.get(name));
  }
  async commit(name: string, position: bigint, apply: () => void | Promise<void>) {
    await apply();
    this.positions.set(name, position);
  }
  async reset(name: string, dropState: () => void | Promise<void>) {
    await dropState();
    this.positions.delete(name);
  }
}

class AsyncTypeCounter implements Projection {
  readonly name = 'type-counter';
  readonly seen: string[] = [];
  async apply(event: UpcastedEvent) {
    await Promise.resolve();
    this.seen.push(`${event.type}@${event.position}`);
  }
  async reset() {
    await Promise.resolve();
    this.seen.length = 0;
  }
}

const append = (store: SqliteEventStore, streamId: string, types: string[]) =>
  store.append(
    streamId,
    types.map((type, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(6, '0')}${streamId.slice(-6).padStart(6, '0')}`,
      type,
      data: {},
      metadata: {},
    })),
    'any',
  );

describe('ProjectionRunner options', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('feeds an asynchronous projection in order, in pages and live', async () => {
    await append(store, 'der-000001', ['A', 'B', 'C']);
    const projection = new AsyncTypeCounter();
    const checkpoints = new InMemoryCheckpoints();
    const runner = new ProjectionRunner({ store, logger: silentLogger(), pageSize: 2 });
    runner.add(projection, checkpoints);
    await runner.start();
    const { position } = await append(store, 'der-000002', ['D']);
    await runner.waitFor(position);
    await runner.stop();

    expect(projection.seen).toEqual(['A@1', 'B@2', 'C@3', 'D@4']);
    expect(checkpoints.positions.get('type-counter')).toBe(4n);
    await runner.rebuild('type-counter');
    expect(projection.seen).toEqual(['A@1', 'B@2', 'C@3', 'D@4']);
  });

  it('refuses an asynchronous projection on a SQLite checkpoint store, naming it', async () => {
    await append(store, 'der-000001', ['A']);
    const errors: string[] = [];
    const db = openReadModelDatabase(':memory:');
    const runner = new ProjectionRunner({ store, logger: silentLogger(errors) });
    runner.add(new AsyncTypeCounter(), new SqliteCheckpointStore(db));
    await runner.start();
    await expect(runner.waitFor(1n)).rejects.toMatchObject({
      code: 'PROJECTION.FAILED',
      message: expect.stringContaining('must apply and reset synchronously'),
    });
    expect(errors).toHaveLength(1);
    expect(await new SqliteCheckpointStore(db).load('type-counter')).toBeUndefined();
    db.close();
  });

  it('rejects waiting on a projection that is not running', async () => {
    const runner = new ProjectionRunner({ store, logger: silentLogger() });
    runner.add(new AsyncTypeCounter(), new InMemoryCheckpoints());
    await expect(runner.waitFor(1n)).rejects.toMatchObject({ code: 'PROJECTION.STOPPED' });
    expect(() => runner.add(new AsyncTypeCounter(), new InMemoryCheckpoints())).toThrow(
      'already registered',
    );
  });

  it('starts with the Nest application and stops when it closes', async () => {
    const projection = new AsyncTypeCounter();
    const runner = new ProjectionRunner({ store, logger: silentLogger() });
    runner.add(projection, new InMemoryCheckpoints());
    const app = await Test.createTestingModule({
      providers: [{ provide: ProjectionRunner, useValue: runner }],
    }).compile();
    await app.init();
    expect(runner.status()[0]?.state).toBe('running');

    const { position } = await append(store, 'der-000001', ['A']);
    await runner.waitFor(position);
    await app.close();

    expect(runner.status()[0]?.state).toBe('stopped');
    expect(projection.seen).toEqual(['A@1']);
  });
});
