import type {
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
} from '../event-store.port.js';
import type { UpcastedEvent, UpcasterRegistry } from './upcaster-registry.js';

/** An open subscription whose events arrive upcast; closing it closes the store's subscription. */
export interface UpcastingSubscription extends AsyncIterable<UpcastedEvent> {
  close(): Promise<void>;
}

/**
 * The read half of an EventStore with every event brought to its current schema version.
 * Deliberately not an EventStore: appends go to the store itself, so upcasting can never
 * leak into what is written (the hash chain covers stored bytes).
 */
export class UpcastingEventReader {
  constructor(
    private readonly store: EventStore,
    private readonly registry: UpcasterRegistry,
  ) {}

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<UpcastedEvent[]> {
    const events = await this.store.readStream(streamId, options);
    return events.map((event) => this.registry.upcast(event));
  }

  async *readAll(options?: ReadAllOptions): AsyncGenerator<UpcastedEvent> {
    for await (const event of this.store.readAll(options)) yield this.registry.upcast(event);
  }

  subscribeToAll(options?: SubscribeToAllOptions): UpcastingSubscription {
    const subscription = this.store.subscribeToAll(options);
    const registry = this.registry;
    return {
      close: () => subscription.close(),
      async *[Symbol.asyncIterator]() {
        for await (const event of subscription) yield registry.upcast(event);
      },
    };
  }
}
