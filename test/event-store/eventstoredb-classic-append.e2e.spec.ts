import { describeEventStoreConformance } from '../support/event-store-conformance.js';
import { ESDB_TEST_TIMEOUT_MS, openEsdbTestStore } from '../support/eventstoredb-test-store.js';

(import.meta as ImportMeta & { jest: typeof jest }).jest.setTimeout(ESDB_TEST_TIMEOUT_MS);

// Without ServerFeatures (servers before 21.10) the client falls back to the classic
// client-streaming Append: a separate file so that jest runs it beside the BatchAppend run.
describeEventStoreConformance(
  'EventStoreDB adapter, gRPC test server with classic Append only',
  openEsdbTestStore({ batchAppend: false }),
);
