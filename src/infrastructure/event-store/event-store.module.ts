import {
  Global,
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CLOCK, type Clock } from '../../../domain/shared/clock.port.js';
import { ID_GENERATOR, type IdGenerator } from '../../../domain/shared/id-generator.port.js';
import type { AppConfig } from '../../config/app-config.js';
import { ANCHOR_SCHEDULER, type AnchorScheduler } from '../audit/scheduling/anchor-scheduler.js';
import { BullmqAnchorScheduler } from '../audit/scheduling/bullmq-anchor-scheduler.js';
import { InProcessAnchorScheduler } from '../audit/scheduling/in-process-anchor-scheduler.js';
import { SystemClock } from '../clock/system-clock.js';
import { RandomIdGenerator } from '../ids/random-id-generator.js';
import { EVENT_STORE } from './event-store.port.js';
import { openEventStore, type EventStoreStack } from './open-event-store.js';
import { UpcasterRegistry } from './upcasting/upcaster-registry.js';

export const EVENT_STORE_STACK = Symbol('EVENT_STORE_STACK');
export const ANCHORER = Symbol('ANCHORER');

/** Simulations and tests replace the wall clock and random ids with seeded ones. */
export interface EventStoreModuleOverrides {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Event schema versions and upcasters for command handling and aggregate reads; default none. */
  readonly schemas?: UpcasterRegistry;
}

const logger = new Logger('EventStore');

const createScheduler = (config: AppConfig, stack: EventStoreStack): AnchorScheduler => {
  const intervalMs = config.anchorIntervalSeconds * 1000;
  return config.redisUrl === undefined
    ? new InProcessAnchorScheduler(stack.anchorer, intervalMs, logger)
    : new BullmqAnchorScheduler(stack.anchorer, { redisUrl: config.redisUrl, intervalMs }, logger);
};

/** Starts the anchor schedule once the app is up; at shutdown anchors the tail and closes. */
class EventStoreLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE_STACK) private readonly stack: EventStoreStack,
    @Inject(ANCHOR_SCHEDULER) private readonly scheduler: AnchorScheduler,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
    await this.stack.close();
  }
}

@Global()
@Module({})
export class EventStoreModule {
  static forRoot(config: AppConfig, overrides: EventStoreModuleOverrides = {}): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        { provide: CLOCK, useValue: overrides.clock ?? new SystemClock() },
        { provide: ID_GENERATOR, useValue: overrides.ids ?? new RandomIdGenerator() },
        {
          provide: EVENT_STORE_STACK,
          useFactory: (clock: Clock, ids: IdGenerator) =>
            openEventStore(config, {
              clock,
              ids,
              onAnchorError: (error) => logger.error(`audit anchor failed: ${String(error)}`),
            }),
          inject: [CLOCK, ID_GENERATOR],
        },
        {
          provide: EVENT_STORE,
          useFactory: (stack: EventStoreStack) => stack.store,
          inject: [EVENT_STORE_STACK],
        },
        {
          provide: ANCHORER,
          useFactory: (stack: EventStoreStack) => stack.anchorer,
          inject: [EVENT_STORE_STACK],
        },
        {
          provide: ANCHOR_SCHEDULER,
          useFactory: (stack: EventStoreStack) => createScheduler(config, stack),
          inject: [EVENT_STORE_STACK],
        },
        { provide: UpcasterRegistry, useValue: overrides.schemas ?? new UpcasterRegistry() },
        EventStoreLifecycle,
      ],
      exports: [EVENT_STORE, EVENT_STORE_STACK, ANCHORER, CLOCK, ID_GENERATOR, UpcasterRegistry],
    };
  }
}
