import type { AllFilter, RecordedEvent } from '../event-store/event-store.port.js';
import type { UpcastedEvent } from '../event-store/upcasting/upcaster-registry.js';

/**
 * A read model fed from the global log. Delivery is at-least-once (a crash between applying and
 * checkpointing redelivers), so `apply` must be idempotent: applying an event the model has
 * already seen changes nothing.
 */
export interface Projection {
  /** Stable: it keys the checkpoint. */
  readonly name: string;
  /** Events outside the filter are skipped (but still move the checkpoint). */
  readonly filter?: AllFilter;
  /** Applies one event. A SQLite projection does it synchronously, inside the checkpoint's transaction. */
  apply(event: UpcastedEvent): void | Promise<void>;
  /** Drops every table or piece of state the read model owns and creates it empty again. */
  reset(): void | Promise<void>;
}

/** Where a projection's checkpoint lives: the position of the last event it has taken into account. */
export interface CheckpointStore {
  /** `undefined` when the projection has never run (or was reset): start from the beginning. */
  load(name: string): Promise<bigint | undefined>;
  /**
   * Runs `apply` and records `position` as the checkpoint, as one atomic unit when the store
   * shares a transaction with the read model; otherwise apply first, checkpoint second.
   */
  commit(name: string, position: bigint, apply: () => void | Promise<void>): Promise<void>;
  /** Runs `dropState` and forgets the checkpoint, atomically when possible. */
  reset(name: string, dropState: () => void | Promise<void>): Promise<void>;
}

/** Returns whether `event` passes `filter` (same semantics as the store's readAll filter). */
export const matchesFilter = (
  filter: AllFilter | undefined,
  event: Pick<RecordedEvent, 'streamId' | 'type'>,
): boolean => {
  if (!filter) return true;
  const { streamPrefixes, eventTypes } = filter;
  if (streamPrefixes && !streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) {
    return false;
  }
  return !eventTypes || eventTypes.includes(event.type);
};
