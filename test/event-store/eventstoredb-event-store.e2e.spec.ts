import { EventStoreDbEventStore } from '../../src/infrastructure/event-store/eventstoredb/eventstoredb-event-store.js';
import { describeEventStoreConformance } from '../support/event-store-conformance.js';
import { ESDB_TEST_TIMEOUT_MS, openEsdbTestStore } from '../support/eventstoredb-test-store.js';

(import.meta as ImportMeta & { jest: typeof jest }).jest.setTimeout(ESDB_TEST_TIMEOUT_MS);

// Servers since 21.10 advertise BatchAppend, and the client then appends through it. The
// classic Append of older servers runs in eventstoredb-classic-append.e2e.spec.ts.
describeEventStoreConformance(
  'EventStoreDB adapter, gRPC test server with BatchAppend',
  openEsdbTestStore({ batchAppend: true }),
);

const realServerUrl = process.env['EVENTSTORE_URL'];
if (realServerUrl !== undefined && realServerUrl !== '') {
  describeEventStoreConformance(
    `EventStoreDB adapter, real server at ${realServerUrl}`,
    async () => {
      const store = new EventStoreDbEventStore({ url: realServerUrl });
      return { store, cleanup: () => store.close() };
    },
  );
} else {
  console.info('EventStoreDB conformance against a real server is off: EVENTSTORE_URL is unset.');
}
