import { EventStoreDbEventStore } from '../../src/infrastructure/event-store/eventstoredb/eventstoredb-event-store.js';
import type { OpenedStore } from './event-store-conformance.js';
import { startEsdbTestServer, type EsdbTestServerOptions } from './esdb-test-server/index.js';

/**
 * The EventStoreDB adapter against a fresh in-process test server, for one test. A fresh server
 * keeps whole-log reads short: the adapter filters `$all` on the client side, so their cost
 * grows with everything earlier tests wrote.
 */
export const openEsdbTestStore =
  (options: EsdbTestServerOptions) => async (): Promise<OpenedStore> => {
    const server = await startEsdbTestServer(options);
    const store = new EventStoreDbEventStore({ url: server.url });
    const cleanup = async () => {
      await store.close();
      await server.stop();
    };
    return { store, cleanup };
  };

/**
 * Every event crosses gRPC in both directions inside the test process (about 0.1 to 0.4 ms per
 * event on the 2-core machine), so the conformance case that moves 5,000 events can pass jest's
 * default 5 s when other suites run in parallel.
 */
export const ESDB_TEST_TIMEOUT_MS = 20_000;
