import type { LoggerService } from '@nestjs/common';
import type {
  AllSubscription,
  EventStore,
  RecordedEvent,
} from '../event-store/event-store.port.js';
import type { UpcasterRegistry } from '../event-store/upcasting/upcaster-registry.js';
import { ProjectionFailedError, ProjectionStoppedError } from './projection-errors.js';
import { PositionWaiters } from './position-waiters.js';
import { matchesFilter, type CheckpointStore, type Projection } from './projection.js';

export type ProjectionLogger = Pick<LoggerService, 'log' | 'error'>;

export interface ProjectionWorkerDeps {
  readonly store: EventStore;
  readonly upcasters: UpcasterRegistry;
  readonly logger: ProjectionLogger;
  /** Events per transaction while catching up; live events commit one by one. */
  readonly pageSize: number;
}

export type ProjectionState = 'stopped' | 'running' | 'failed';

/**
 * Runs one projection: catch up from its checkpoint in pages (one transaction each), then follow
 * `subscribeToAll` live. The first failing event stops it, logged with its position, rather than
 * being skipped: a read model with a hole in it would be silently wrong.
 */
export class ProjectionWorker {
  /** Position of the last event taken into account (applied or filtered out). */
  private seen: bigint | undefined;
  private committed: bigint | undefined;
  private loop: Promise<void> | undefined;
  private subscription: AllSubscription | undefined;
  private stopping = false;
  private failure: ProjectionFailedError | undefined;
  private readonly waiters = new PositionWaiters();

  constructor(
    private readonly deps: ProjectionWorkerDeps,
    readonly projection: Projection,
    private readonly checkpoints: CheckpointStore,
  ) {}

  get name(): string {
    return this.projection.name;
  }

  get state(): ProjectionState {
    if (this.failure) return 'failed';
    return this.loop ? 'running' : 'stopped';
  }

  get position(): bigint | undefined {
    return this.seen;
  }

  async start(): Promise<void> {
    if (this.loop) return;
    this.failure = undefined;
    this.stopping = false;
    this.seen = this.committed = await this.checkpoints.load(this.name);
    this.loop = this.run().catch((error: unknown) => this.fail(error));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.close();
    await this.loop;
    this.loop = undefined;
    this.subscription = undefined;
    // Events filtered out since the last commit: record them so a restart does not reread them.
    if (!this.failure && this.seen !== undefined && this.seen !== this.committed) {
      await this.commit([], this.seen);
    }
    this.waiters.rejectAll(this.failure ?? new ProjectionStoppedError(this.name));
  }

  /** Drops the read model and replays the whole log into it; resumes following if it was running. */
  async rebuild(): Promise<void> {
    const wasRunning = this.loop !== undefined;
    await this.stop();
    this.failure = undefined;
    await this.checkpoints.reset(this.name, () => this.projection.reset());
    this.seen = this.committed = undefined;
    this.stopping = false;
    try {
      await this.catchUp();
    } catch (error) {
      this.fail(error);
      throw this.failure;
    }
    if (wasRunning) await this.start();
  }

  /** Resolves once every event up to `position` (one that exists in the log) is applied. */
  waitFor(position: bigint): Promise<void> {
    if (this.seen !== undefined && this.seen >= position) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    if (!this.loop) return Promise.reject(new ProjectionStoppedError(this.name));
    return this.waiters.wait(position);
  }

  private async run(): Promise<void> {
    await this.catchUp();
    if (this.stopping) return;
    this.subscription = this.deps.store.subscribeToAll({ after: this.seen ?? 'start' });
    for await (const event of this.subscription) {
      if (this.stopping) break;
      await this.process([event]);
    }
    if (!this.stopping) throw new Error('the store ended the subscription (was it closed?)');
  }

  /** Reads pages until the log is exhausted; returns with `seen` at the last event read. */
  private async catchUp(): Promise<void> {
    for (;;) {
      if (this.stopping) return;
      const page: RecordedEvent[] = [];
      const read = this.deps.store.readAll({
        after: this.seen ?? 'start',
        maxCount: this.deps.pageSize,
      });
      for await (const event of read) page.push(event);
      if (page.length > 0) await this.process(page);
      if (page.length < this.deps.pageSize) return;
    }
  }

  private async process(events: readonly RecordedEvent[]): Promise<void> {
    const last = events.at(-1);
    if (!last) return;
    const relevant = events.filter((event) => matchesFilter(this.projection.filter, event));
    // A lone filtered-out live event is not worth a transaction; stop() or the next commit records it.
    if (relevant.length > 0 || events.length > 1) await this.commit(relevant, last.position);
    this.advance(last.position);
  }

  private async commit(events: readonly RecordedEvent[], position: bigint): Promise<void> {
    let current: RecordedEvent | undefined;
    try {
      await this.checkpoints.commit(this.name, position, () =>
        this.applyAll(events, (e) => (current = e)),
      );
    } catch (error) {
      throw new ProjectionFailedError(this.name, current, error);
    }
    this.committed = position;
  }

  /** Synchronous while the projection is (SQLite needs that); awaits each event once it is not. */
  private applyAll(
    events: readonly RecordedEvent[],
    visit: (event: RecordedEvent) => void,
  ): void | Promise<void> {
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as RecordedEvent;
      visit(event);
      const applied = this.projection.apply(this.deps.upcasters.upcast(event));
      if (applied instanceof Promise) return this.applyAsync(applied, events.slice(i + 1), visit);
    }
  }

  private async applyAsync(
    pending: Promise<void>,
    rest: readonly RecordedEvent[],
    visit: (event: RecordedEvent) => void,
  ): Promise<void> {
    await pending;
    for (const event of rest) {
      visit(event);
      await this.projection.apply(this.deps.upcasters.upcast(event));
    }
  }

  private advance(position: bigint): void {
    this.seen = position;
    this.waiters.reached(position);
  }

  private fail(error: unknown): void {
    this.failure =
      error instanceof ProjectionFailedError
        ? error
        : new ProjectionFailedError(this.name, undefined, error);
    this.deps.logger.error(
      this.failure.message,
      this.failure.cause instanceof Error ? this.failure.cause.stack : undefined,
    );
    this.loop = undefined;
    void this.subscription?.close();
    this.subscription = undefined;
    this.waiters.rejectAll(this.failure);
  }
}
