import type { Clock } from '../../../domain/shared/clock.port.js';
import type { IdGenerator } from '../../../domain/shared/id-generator.port.js';
import type { AppConfig } from '../../config/app-config.js';
import { Anchorer } from '../audit/anchorer.js';
import { ChainedEventStore } from '../audit/chained-event-store.js';
import type { EventStore } from './event-store.port.js';
import { isLogHeadsReader } from './log-heads.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

/** The store the application writes through (chained), its anchorer, and one way to close both. */
export interface EventStoreStack {
  /** Hash-chained: every append goes through here, never to the raw adapter. */
  readonly store: EventStore;
  readonly anchorer: Anchorer;
  /** Anchors what is not yet anchored, then closes the adapter. */
  close(): Promise<void>;
}

export interface EventStoreStackDeps {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly onAnchorError?: (error: unknown) => void;
}

/** The adapter alone, for commands that only read (verify, rebuild): they never append. */
export const openEventStoreAdapter = (config: AppConfig): EventStore => {
  if (config.eventStore === 'eventstoredb') {
    // loadConfig guarantees the URL when EVENT_STORE=eventstoredb.
    return new EventStoreDbEventStore({ url: config.eventStoreDbUrl ?? '' });
  }
  return new SqliteEventStore({ path: config.sqlitePath });
};

/** One wiring of adapter, hash chain and anchors, shared by the Nest app and the CLI. */
export const openEventStore = (config: AppConfig, deps: EventStoreStackDeps): EventStoreStack => {
  const adapter = openEventStoreAdapter(config);
  // The hook runs only after an append, by which time `anchorer` below is initialised.
  const store = new ChainedEventStore(adapter, { afterAppend: () => anchorer.afterAppend() });
  const anchorer = new Anchorer(store, deps.clock, deps.ids, {
    intervalMs: config.anchorIntervalSeconds * 1000,
    // The adapter's own read of stream heads, where it has one, instead of replaying the log.
    ...(isLogHeadsReader(adapter) ? { logHeads: adapter } : {}),
    ...(deps.onAnchorError ? { onError: deps.onAnchorError } : {}),
  });
  return {
    store,
    anchorer,
    close: async () => {
      try {
        await anchorer.settled();
        // Events since the last anchor are covered by no anchor yet: cover them before leaving.
        await anchorer.anchorNow();
      } finally {
        await adapter.close();
      }
    },
  };
};
