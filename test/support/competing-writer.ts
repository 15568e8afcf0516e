import type { EventStore } from '../../src/infrastructure/event-store/event-store.port.js';

export interface CompetingWriterStore extends EventStore {
  /** How many appends the wrapped store was asked for (including those that lost the race). */
  readonly appendAttempts: number;
}

/**
 * Wraps `store` so that another writer gets in just before each of the first `races` appends:
 * a deterministic stand-in for two processes deciding on the same stream at once.
 */
export const withCompetingWriter = (
  store: EventStore,
  competitor: (store: EventStore) => Promise<unknown>,
  races = 1,
): CompetingWriterStore => {
  let appendAttempts = 0;
  return {
    get appendAttempts() {
      return appendAttempts;
    },
    async append(streamId, events, expectedRevision) {
      appendAttempts += 1;
      if (appendAttempts <= races) await competitor(store);
      return store.append(streamId, events, expectedRevision);
    },
    readStream: (streamId, options) => store.readStream(streamId, options),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    close: () => store.close(),
  };
};
