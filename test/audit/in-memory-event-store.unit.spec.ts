import { describeEventStoreConformance } from '../support/event-store-conformance.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';

// The test double other tests build on must keep the same contract as the real adapters.
describeEventStoreConformance('in-memory test double', async () => {
  const store = new InMemoryEventStore();
  return { store, cleanup: () => store.close() };
});
