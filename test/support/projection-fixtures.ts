import type { Database } from 'better-sqlite3';
import { DateTime } from 'luxon';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import {
  handleCommand,
  type CommandHandlingDeps,
} from '../../src/infrastructure/command-handling/handle-command.js';
import type { EventStore } from '../../src/infrastructure/event-store/event-store.port.js';
import type { UpcastedEvent } from '../../src/infrastructure/event-store/upcasting/upcaster-registry.js';
import type { Projection } from '../../src/infrastructure/projections/projection.js';
import type { ProjectionLogger } from '../../src/infrastructure/projections/projection-worker.js';
import { ledgerDecider, ledgerStreamId, type LedgerCommand } from './ledger.decider.js';

/** A ledger command for one of a few accounts, as random sequences in property tests use. */
export interface LedgerStep {
  readonly accountId: string;
  readonly command: LedgerCommand;
}

export const ledgerDeps = (store: EventStore, seed = 'projections'): CommandHandlingDeps => ({
  store,
  clock: new SimulatedClock(DateTime.fromISO('2026-03-01T00:00:00Z')),
  ids: new SeededIdGenerator(seed),
});

/** Runs the steps in order; refused commands (DomainErrors) are part of a realistic history. */
export const runSteps = async (
  deps: CommandHandlingDeps,
  steps: readonly LedgerStep[],
): Promise<bigint | undefined> => {
  let last: bigint | undefined;
  for (const { accountId, command } of steps) {
    try {
      const outcome = await handleCommand(deps, ledgerStreamId(accountId), ledgerDecider, command, {
        commandId: deps.ids.next(),
        actor: 'test',
      });
      last = outcome.position ?? last;
    } catch (error) {
      if ((error as { name?: string }).name !== 'DomainError') throw error;
    }
  }
  return last;
};

/** Wraps a projection to count what it is given and to fail on demand. */
export class SpyProjection implements Projection {
  readonly applied: UpcastedEvent[] = [];
  failOn: ((event: UpcastedEvent) => boolean) | undefined;

  constructor(private readonly inner: Projection) {}

  get name(): string {
    return this.inner.name;
  }

  get filter() {
    return this.inner.filter;
  }

  apply(event: UpcastedEvent): void | Promise<void> {
    if (this.failOn?.(event)) throw new Error(`refusing ${event.type}`);
    this.applied.push(event);
    return this.inner.apply(event);
  }

  reset(): void | Promise<void> {
    return this.inner.reset();
  }
}

export const silentLogger = (errors: string[] = []): ProjectionLogger => ({
  log: () => undefined,
  error: (message: unknown) => void errors.push(String(message)),
});

/** Every row of a table in a stable order, for comparing read models exactly. */
export const dumpTable = (db: Database, table: string): unknown[] =>
  db.prepare(`SELECT * FROM ${table} ORDER BY 1`).safeIntegers(true).all();
