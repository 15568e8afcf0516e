import type { AllSubscription, RecordedEvent } from '../event-store.port.js';
import type { AppendNotifier } from './append-notifier.js';
import type { ReadAllPage } from './sqlite-all-query.js';

export interface SubscriptionSource {
  readonly readPage: ReadAllPage;
  readonly notifier: AppendNotifier;
  readonly pageSize: number;
  /** How often to look for appends made by other processes on the same file. */
  readonly pollIntervalMs: number;
  readonly onClose: (subscription: SqliteSubscription) => void;
}

/**
 * Reads pages after its cursor until the log is exhausted, then sleeps until an append in this
 * process, a poll tick (appends from other processes) or close. Catch-up and live delivery are the
 * same loop, so an event committed while catching up is neither missed nor seen twice.
 */
export class SqliteSubscription implements AllSubscription {
  private closed = false;
  private wakeWaiter: (() => void) | undefined;
  private iterator: AsyncGenerator<RecordedEvent, void, undefined> | undefined;

  constructor(
    private readonly source: SubscriptionSource,
    private cursor: bigint,
  ) {}

  [Symbol.asyncIterator](): AsyncGenerator<RecordedEvent, void, undefined> {
    // One shared iterator: a subscription is a single live feed, not a replayable collection.
    this.iterator ??= this.events();
    return this.iterator;
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.wakeWaiter?.();
      this.source.onClose(this);
    }
    return Promise.resolve();
  }

  private async *events(): AsyncGenerator<RecordedEvent, void, undefined> {
    try {
      while (!this.closed) {
        const page = this.source.readPage(this.cursor, this.source.pageSize);
        // Sleep only on an empty read: the read and the wait registration run in one synchronous
        // step, so no append of this process can fall between them unnoticed.
        if (page.length === 0) await this.nextChange();
        for (const event of page) {
          if (this.closed) return;
          this.cursor = event.position;
          yield event;
        }
      }
    } finally {
      await this.close();
    }
  }

  private nextChange(): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        cancel();
        this.wakeWaiter = undefined;
        resolve();
      };
      const cancel = this.source.notifier.onNextAppend(wake);
      const timer = setTimeout(wake, this.source.pollIntervalMs);
      // A subscription alone must not keep the process alive.
      timer.unref();
      this.wakeWaiter = wake;
    });
  }
}
