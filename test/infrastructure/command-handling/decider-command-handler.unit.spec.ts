import 'reflect-metadata';
import type { Provider } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Test, type TestingModule } from '@nestjs/testing';
import { DateTime } from 'luxon';
import { CLOCK } from '../../../domain/shared/clock.port.js';
import { ID_GENERATOR } from '../../../domain/shared/id-generator.port.js';
import { SeededIdGenerator } from '../../../domain/shared/seeded-id-generator.js';
import { SimulatedClock } from '../../../src/infrastructure/clock/simulated-clock.js';
import { COMMAND_HANDLING_OPTIONS } from '../../../src/infrastructure/command-handling/command-handling-options.js';
import { ConcurrencyError } from '../../../src/infrastructure/event-store/errors.js';
import {
  EVENT_STORE,
  type EventStore,
} from '../../../src/infrastructure/event-store/event-store.port.js';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { UpcasterRegistry } from '../../../src/infrastructure/event-store/upcasting/upcaster-registry.js';
import { withCompetingWriter } from '../../support/competing-writer.js';
import {
  DepositCommand,
  DepositHandler,
  OpenAccountCommand,
  OpenAccountHandler,
} from '../../support/ledger.commands.js';

describe('DeciderCommandHandler on the @nestjs/cqrs CommandBus', () => {
  let sqlite: SqliteEventStore;
  let moduleRef: TestingModule;
  let commandBus: CommandBus;

  const boot = async (store: EventStore, extraProviders: Provider[] = []) => {
    moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: EVENT_STORE, useValue: store },
        {
          provide: CLOCK,
          useValue: new SimulatedClock(DateTime.fromISO('2026-03-01T09:30:00+09:00')),
        },
        { provide: ID_GENERATOR, useValue: new SeededIdGenerator('nest-bus') },
        OpenAccountHandler,
        DepositHandler,
        ...extraProviders,
      ],
    }).compile();
    await moduleRef.init();
    commandBus = moduleRef.get(CommandBus);
  };

  beforeEach(() => {
    sqlite = new SqliteEventStore({ path: ':memory:' });
  });
  afterEach(async () => {
    await moduleRef?.close();
    await sqlite.close();
  });

  it('appends the decided events with correlation and causation in their metadata', async () => {
    await boot(sqlite);

    const opened = await commandBus.execute(
      new OpenAccountCommand('acc-1', { commandId: 'c-1', actor: 'user:alice' }),
    );
    const deposited = await commandBus.execute(
      new DepositCommand('acc-1', 't-1', 500, {
        commandId: 'c-2',
        correlationId: 'c-1',
        causationId: opened.events[0]?.id,
        actor: 'job:settlement',
      }),
    );

    expect(deposited.nextExpectedRevision).toBe(1n);
    const stored = await sqlite.readStream('ledger-acc-1');
    expect(stored.map(({ type, data, metadata }) => ({ type, data, metadata }))).toEqual([
      {
        type: 'AccountOpened',
        data: { accountId: 'acc-1', openedAt: '2026-03-01T00:30:00.000Z' },
        metadata: {
          schemaVersion: 1,
          correlationId: 'c-1',
          causationId: 'c-1',
          commandId: 'c-1',
          actor: 'user:alice',
          occurredAt: '2026-03-01T00:30:00.000Z',
        },
      },
      {
        type: 'Deposited',
        data: { transferId: 't-1', amountKrw: 500, at: '2026-03-01T00:30:00.000Z' },
        metadata: {
          schemaVersion: 1,
          correlationId: 'c-1',
          causationId: stored[0]?.id,
          commandId: 'c-2',
          actor: 'job:settlement',
          occurredAt: '2026-03-01T00:30:00.000Z',
        },
      },
    ]);
  });

  it('generates a command id when the caller sends none, and a retried command appends nothing', async () => {
    await boot(sqlite);
    await commandBus.execute(new OpenAccountCommand('acc-1', { actor: 'user:alice' }));

    const again = await commandBus.execute(
      new OpenAccountCommand('acc-1', { actor: 'user:alice' }),
    );

    expect(again.events).toEqual([]);
    const [opened] = await sqlite.readStream('ledger-acc-1');
    expect(opened?.metadata['commandId']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(opened?.metadata['correlationId']).toBe(opened?.metadata['commandId']);
  });

  it('propagates a DomainError from the decider through the bus', async () => {
    await boot(sqlite);
    await expect(
      commandBus.execute(new DepositCommand('acc-1', 't-1', 5, { actor: 'user:alice' })),
    ).rejects.toMatchObject({ name: 'DomainError', code: 'LEDGER.NOT_OPEN' });
    expect(await sqlite.readStream('ledger-acc-1')).toEqual([]);
  });

  it('uses the UpcasterRegistry and retry options provided in the module', async () => {
    const racing = withCompetingWriter(
      sqlite,
      (store) =>
        store.append(
          'ledger-acc-1',
          [
            {
              id: '00000000-0000-4000-8000-000000000001',
              type: 'Noise',
              data: null,
              metadata: {},
            },
          ],
          'any',
        ),
      1,
    );
    const schemas = new UpcasterRegistry().declareCurrentVersion('AccountOpened', 3);
    await boot(racing, [
      { provide: UpcasterRegistry, useValue: schemas },
      { provide: COMMAND_HANDLING_OPTIONS, useValue: { maxRetries: 0 } },
    ]);

    await expect(
      commandBus.execute(new OpenAccountCommand('acc-1', { actor: 'user:alice' })),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    const outcome = await commandBus.execute(
      new OpenAccountCommand('acc-1', { actor: 'user:alice' }),
    );
    expect(outcome.events[0]?.metadata['schemaVersion']).toBe(3);
  });
});
