import type { EventStore } from '../../src/infrastructure/event-store/event-store.port.js';
import { describeAppendConformance } from './event-store-conformance/append.conformance.js';
import { describeConcurrencyConformance } from './event-store-conformance/concurrency.conformance.js';
import { describeInvalidInputConformance } from './event-store-conformance/invalid-input.conformance.js';
import { describeReadAllConformance } from './event-store-conformance/read-all.conformance.js';
import { describeReadStreamConformance } from './event-store-conformance/read-stream.conformance.js';
import { describeSubscribeConformance } from './event-store-conformance/subscribe.conformance.js';

export interface OpenedStore {
  readonly store: EventStore;
  readonly cleanup: () => Promise<void>;
}

/**
 * Proves an adapter keeps the whole EventStore contract, through the port only. `open` runs
 * before each test; it may hand back a store shared with other tests, since every test works
 * in streams (and event types) of its own.
 */
export const describeEventStoreConformance = (
  label: string,
  open: () => Promise<OpenedStore>,
): void => {
  describe(`EventStore conformance: ${label}`, () => {
    let opened: OpenedStore | undefined;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened?.cleanup();
      opened = undefined;
    });

    const store = (): EventStore => {
      if (opened === undefined) throw new Error('the store is only open inside a test');
      return opened.store;
    };
    describeAppendConformance({ store });
    describeReadStreamConformance({ store });
    describeReadAllConformance({ store });
    describeSubscribeConformance({ store });
    describeConcurrencyConformance({ store });
    describeInvalidInputConformance({ store });
  });
};
