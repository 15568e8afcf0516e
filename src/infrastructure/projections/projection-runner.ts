import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '../event-store/event-store.port.js';
import { UpcasterRegistry } from '../event-store/upcasting/upcaster-registry.js';
import type { CheckpointStore, Projection } from './projection.js';
import {
  ProjectionWorker,
  type ProjectionLogger,
  type ProjectionState,
} from './projection-worker.js';

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  readonly upcasters?: UpcasterRegistry;
  readonly logger?: ProjectionLogger;
  /** Events per transaction while catching up or rebuilding; default 1,000. */
  readonly pageSize?: number;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly state: ProjectionState;
  /** Position of the last event taken into account; undefined before the first. */
  readonly position: bigint | undefined;
}

/**
 * Feeds read models from the global log, each projection on its own checkpoint. Registered as a
 * Nest provider it starts after bootstrap and stops at the start of shutdown; the store should
 * close later (in `onApplicationShutdown`), or the runner logs the store ending its subscription.
 */
export class ProjectionRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly workers = new Map<string, ProjectionWorker>();

  constructor(private readonly options: ProjectionRunnerOptions) {}

  add(projection: Projection, checkpoints: CheckpointStore): this {
    if (this.workers.has(projection.name)) {
      throw new Error(`projection ${projection.name} is already registered`);
    }
    const deps = {
      store: this.options.store,
      upcasters: this.options.upcasters ?? new UpcasterRegistry(),
      logger: this.options.logger ?? new Logger('Projections'),
      pageSize: this.options.pageSize ?? 1000,
    };
    this.workers.set(projection.name, new ProjectionWorker(deps, projection, checkpoints));
    return this;
  }

  async start(): Promise<void> {
    await Promise.all([...this.workers.values()].map((worker) => worker.start()));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
  }

  /** Drops the named read model and replays the whole log into it; resolves when done. */
  rebuild(name: string): Promise<void> {
    return this.worker(name).rebuild();
  }

  /**
   * Resolves when the named projection (or every one) has applied the event at `position`,
   * e.g. the `position` of a CommandOutcome; rejects if a projection fails or stops first.
   */
  async waitFor(position: bigint, name?: string): Promise<void> {
    const workers = name === undefined ? [...this.workers.values()] : [this.worker(name)];
    await Promise.all(workers.map((worker) => worker.waitFor(position)));
  }

  status(): ProjectionStatus[] {
    return [...this.workers.values()].map(({ name, state, position }) => ({
      name,
      state,
      position,
    }));
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  // The earliest shutdown hook, so that projections stop before the store they read closes.
  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  private worker(name: string): ProjectionWorker {
    const worker = this.workers.get(name);
    if (!worker) throw new Error(`no projection named ${name}`);
    return worker;
  }
}
