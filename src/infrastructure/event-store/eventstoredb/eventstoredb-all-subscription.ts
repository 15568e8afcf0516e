import { START, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import type { AllSubscription, RecordedEvent, SubscribeToAllOptions } from '../event-store.port.js';
import { matchesFilter, serverFilterOf } from './all-filter.js';
import {
  fromEsdbPosition,
  isSystemEvent,
  toEsdbPosition,
  toRecordedEvent,
} from './recorded-event.mapper.js';

/**
 * A catch-up subscription to `$all`: the server replays history after `after`, then streams new
 * events. The gRPC call opens on first iteration and is cancelled by `close()` or by leaving the
 * loop; a consumer waiting for the next event then sees the iteration end.
 */
export class EventStoreDbAllSubscription implements AllSubscription {
  private source: AllStreamSubscription | undefined;
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeToAllOptions,
    private readonly onClose: (subscription: EventStoreDbAllSubscription) => void,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
    if (this.source !== undefined) throw new Error('an AllSubscription can be iterated only once');
    if (this.closed) return;
    const after = this.options.after ?? 'start';
    const keep = matchesFilter(this.options.filter);
    this.source = this.client.subscribeToAll({
      fromPosition: after === 'start' ? START : toEsdbPosition(after),
      filter: serverFilterOf(this.options.filter),
    });
    try {
      for await (const { event } of this.source) {
        if (event === undefined || isSystemEvent(event)) continue;
        // EventStoreDB starts a subscription after the given position; this guards the contract.
        if (after !== 'start' && fromEsdbPosition(event.position) <= after) continue;
        const recorded = toRecordedEvent(event);
        if (keep(recorded)) yield recorded;
      }
    } catch (error) {
      // Cancelling the call ends the stream early: that is how a closed subscription stops.
      if (!this.closed) throw error;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
    if (this.source === undefined) return;
    await this.source.unsubscribe();
    this.source.destroy();
  }
}
