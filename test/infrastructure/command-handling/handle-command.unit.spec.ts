import { DateTime } from 'luxon';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { SeededIdGenerator } from '../../../domain/shared/seeded-id-generator.js';
import { SimulatedClock } from '../../../src/infrastructure/clock/simulated-clock.js';
import {
  handleCommand,
  type CommandContext,
  type CommandHandlingDeps,
} from '../../../src/infrastructure/command-handling/handle-command.js';
import { ConcurrencyError } from '../../../src/infrastructure/event-store/errors.js';
import type { EventStore } from '../../../src/infrastructure/event-store/event-store.port.js';
import { SqliteEventStore } from '../../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { UpcasterRegistry } from '../../../src/infrastructure/event-store/upcasting/upcaster-registry.js';
import { withCompetingWriter } from '../../support/competing-writer.js';
import {
  ledgerDecider,
  ledgerStreamId,
  type LedgerCommand,
  type LedgerEvent,
} from '../../support/ledger.decider.js';

const NOW = '2026-03-01T00:00:00.000Z';
const STREAM = ledgerStreamId('acc-1');
const CONTEXT: CommandContext = { commandId: 'cmd-1', actor: 'user:alice' };

const open: LedgerCommand = { type: 'OpenAccount', data: { accountId: 'acc-1', now: NOW } };
const deposit = (transferId: string, amountKrw: number): LedgerCommand => ({
  type: 'Deposit',
  data: { transferId, amountKrw, now: NOW },
});
const withdraw = (transferId: string, amountKrw: number): LedgerCommand => ({
  type: 'Withdraw',
  data: { transferId, amountKrw, now: NOW },
});

describe('handleCommand', () => {
  let inner: SqliteEventStore;
  let deps: CommandHandlingDeps;

  beforeEach(() => {
    inner = new SqliteEventStore({ path: ':memory:' });
    deps = depsFor(inner);
  });
  afterEach(() => inner.close());

  const depsFor = (store: EventStore, extra: Partial<CommandHandlingDeps> = {}) => ({
    store,
    clock: new SimulatedClock(DateTime.fromISO('2026-03-01T09:00:00+09:00')),
    ids: new SeededIdGenerator('handle-command'),
    ...extra,
  });

  /** Given: these commands already ran (through handleCommand itself). */
  const given = async (...commands: LedgerCommand[]) => {
    for (const command of commands)
      await handleCommand(deps, STREAM, ledgerDecider, command, CONTEXT);
  };
  const when = (command: LedgerCommand, context: CommandContext = CONTEXT, using = deps) =>
    handleCommand(using, STREAM, ledgerDecider, command, context);
  const streamEvents = async () =>
    (await inner.readStream(STREAM)).map(({ type, data }) => ({ type, data }));

  it('appends the decided events with the revision it read and reports them', async () => {
    const outcome = await when(open);

    expect(outcome.nextExpectedRevision).toBe(0n);
    expect(outcome.events).toEqual([
      expect.objectContaining({
        streamId: STREAM,
        revision: 0n,
        type: 'AccountOpened',
        data: { accountId: 'acc-1', openedAt: NOW },
      }),
    ]);
    const [stored] = await inner.readStream(STREAM);
    expect(stored?.id).toBe(outcome.events[0]?.id);
    expect(stored?.position).toBe(outcome.position);
  });

  it('stamps correlation, causation, actor, command id, time and schema version into metadata', async () => {
    const schemas = new UpcasterRegistry().declareCurrentVersion('AccountOpened', 2);
    await when(
      open,
      { commandId: 'cmd-9', correlationId: 'corr-1', causationId: 'evt-0', actor: 'job:nightly' },
      { ...deps, schemas },
    );

    const [stored] = await inner.readStream(STREAM);
    expect(stored?.metadata).toEqual({
      schemaVersion: 2,
      correlationId: 'corr-1',
      causationId: 'evt-0',
      commandId: 'cmd-9',
      actor: 'job:nightly',
      occurredAt: '2026-03-01T00:00:00.000Z',
    });
  });

  it('defaults correlation and causation to the command id, and schema version to 1', async () => {
    await when(open);
    const [stored] = await inner.readStream(STREAM);
    expect(stored?.metadata).toMatchObject({
      correlationId: 'cmd-1',
      causationId: 'cmd-1',
      schemaVersion: 1,
    });
  });

  it('appends nothing when the decider returns [] (a retried command)', async () => {
    await given(open, deposit('t-1', 100));

    const outcome = await when(deposit('t-1', 100));

    expect(outcome).toEqual({ events: [], nextExpectedRevision: 1n });
    expect(await streamEvents()).toHaveLength(2);
  });

  it('lets a DomainError through unchanged and appends nothing', async () => {
    await given(open, deposit('t-1', 100));

    const attempt = when(withdraw('t-2', 101));

    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'LEDGER.INSUFFICIENT_FUNDS' });
    expect(await streamEvents()).toHaveLength(2);
  });

  it('on a concurrent write, decides again on the state that includes the other writer', async () => {
    await given(open, deposit('t-1', 100));
    // The other writer withdraws 70 between our read and our append.
    const racing = withCompetingWriter(inner, () =>
      handleCommand(deps, STREAM, ledgerDecider, withdraw('t-other', 70), CONTEXT),
    );

    const attempt = when(withdraw('t-2', 50), CONTEXT, { ...deps, store: racing });

    // The first decision (balance 100) was accepted and lost the race; the second one saw the
    // balance of 30 and refused, so it never reached the store.
    await expect(attempt).rejects.toMatchObject({ code: 'LEDGER.INSUFFICIENT_FUNDS' });
    expect(racing.appendAttempts).toBe(1);
    expect(await streamEvents()).toEqual<LedgerEvent[]>([
      { type: 'AccountOpened', data: { accountId: 'acc-1', openedAt: NOW } },
      { type: 'Deposited', data: { transferId: 't-1', amountKrw: 100, at: NOW } },
      { type: 'Withdrawn', data: { transferId: 't-other', amountKrw: 70, at: NOW } },
    ]);
  });

  it('on a concurrent write that leaves the rule satisfied, the retry appends after it', async () => {
    await given(open);
    const racing = withCompetingWriter(inner, () =>
      handleCommand(deps, STREAM, ledgerDecider, deposit('t-other', 5), CONTEXT),
    );

    const outcome = await when(deposit('t-1', 10), CONTEXT, { ...deps, store: racing });

    expect(outcome.events.map((event) => event.revision)).toEqual([2n]);
    expect(outcome.nextExpectedRevision).toBe(2n);
    expect(racing.appendAttempts).toBe(2);
  });

  it('gives up with ConcurrencyError after maxRetries reloads', async () => {
    await given(open);
    let n = 0;
    const racing = withCompetingWriter(
      inner,
      () => handleCommand(deps, STREAM, ledgerDecider, deposit(`t-other-${n++}`, 1), CONTEXT),
      Infinity,
    );

    const attempt = when(deposit('t-1', 10), CONTEXT, { ...deps, store: racing, maxRetries: 2 });

    await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
    expect(racing.appendAttempts).toBe(3);
    expect((await streamEvents()).map((event) => event.type)).toEqual([
      'AccountOpened',
      'Deposited',
      'Deposited',
      'Deposited',
    ]);
  });

  it('folds events read through the upcasters', async () => {
    // Version 1 of Deposited recorded amounts in thousands of KRW.
    await inner.append(
      STREAM,
      [
        {
          id: deps.ids.next(),
          type: 'AccountOpened',
          data: { accountId: 'acc-1', openedAt: NOW },
          metadata: {},
        },
        {
          id: deps.ids.next(),
          type: 'Deposited',
          data: { transferId: 't-1', amountThousandKrw: 1, at: NOW },
          metadata: { schemaVersion: 1 },
        },
      ],
      'no_stream',
    );
    const schemas = new UpcasterRegistry().register('Deposited', 1, (data) => {
      const { amountThousandKrw, ...rest } = data as { amountThousandKrw: number };
      return { ...rest, amountKrw: amountThousandKrw * 1000 };
    });

    await expect(when(withdraw('t-2', 1001), CONTEXT, { ...deps, schemas })).rejects.toMatchObject({
      code: 'LEDGER.INSUFFICIENT_FUNDS',
    });
    const outcome = await when(withdraw('t-2', 1000), CONTEXT, { ...deps, schemas });
    expect(outcome.events).toHaveLength(1);
  });
});
