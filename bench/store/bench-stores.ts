import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config.js';
import { SystemClock } from '../../src/infrastructure/clock/system-clock.js';
import type { EventStore } from '../../src/infrastructure/event-store/event-store.port.js';
import { EventStoreDbEventStore } from '../../src/infrastructure/event-store/eventstoredb/eventstoredb-event-store.js';
import { openEventStore } from '../../src/infrastructure/event-store/open-event-store.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { RandomIdGenerator } from '../../src/infrastructure/ids/random-id-generator.js';
import { startEsdbTestServer } from '../../test/support/esdb-test-server/index.js';

/** A store opened for one measurement, and how to put it away afterwards. */
export interface BenchStore {
  readonly store: EventStore;
  /** Whether the store computes the hash chain (its events must then come without one). */
  readonly chained: boolean;
  close(): Promise<void>;
}

export type StoreKind = 'chained' | 'raw' | 'esdb';

const SCRATCH_PREFIX = 'gridfolio-bench-';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as { code?: unknown }).code === 'EPERM';
  }
};

/** A scratch directory for the benchmark's SQLite files, named after this process. */
export class ScratchDirectory {
  readonly path = mkdtempSync(join(tmpdir(), `${SCRATCH_PREFIX}${process.pid}-`));
  private files = 0;

  /**
   * Removes scratch directories of benchmark processes that no longer run: a run stopped halfway
   * leaves its store (about 750 MB) behind, and Ctrl-C cannot be caught in time, since the
   * measuring loops never yield to the event loop.
   */
  static removeAbandoned(): void {
    for (const name of readdirSync(tmpdir())) {
      const pid = new RegExp(`^${SCRATCH_PREFIX}(\\d+)-`).exec(name)?.[1];
      if (pid !== undefined && !isAlive(Number(pid))) {
        rmSync(join(tmpdir(), name), { recursive: true, force: true });
      }
    }
  }

  /** A path for a new, empty SQLite file. */
  freshFile(label: string): string {
    return join(this.path, `${label}-${++this.files}.db`);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** Deletes a SQLite file with its WAL and shared-memory files. */
export const removeDatabase = (path: string): void => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
};

/**
 * The production stack on a SQLite file (ChainedEventStore and Anchorer, wired as the app wires
 * them); closing it writes the final anchors, as the app does at shutdown.
 */
export const openChainedStore = (path: string): BenchStore => {
  const config = loadConfig({ EVENT_STORE: 'sqlite', EVENT_STORE_PATH: path });
  const stack = openEventStore(config, { clock: new SystemClock(), ids: new RandomIdGenerator() });
  return { store: stack.store, chained: true, close: () => stack.close() };
};

/** Opens a fresh, empty store of the given kind; SQLite files go in `scratch`. */
export const openFreshStore = async (
  kind: StoreKind,
  scratch: ScratchDirectory,
): Promise<BenchStore> => {
  switch (kind) {
    case 'chained': {
      const path = scratch.freshFile('chained');
      const opened = openChainedStore(path);
      return {
        ...opened,
        close: async () => {
          await opened.close();
          removeDatabase(path);
        },
      };
    }
    case 'raw': {
      const path = scratch.freshFile('raw');
      const store = new SqliteEventStore({ path });
      return {
        store,
        chained: false,
        close: async () => {
          await store.close();
          removeDatabase(path);
        },
      };
    }
    case 'esdb': {
      // A new in-memory server each time, as a SQLite run gets a new file.
      const server = await startEsdbTestServer();
      const store = new EventStoreDbEventStore({ url: server.url });
      return {
        store,
        chained: false,
        close: async () => {
          await store.close();
          await server.stop();
        },
      };
    }
  }
};
