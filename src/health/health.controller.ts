import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { EVENT_STORE, type EventStore } from '../infrastructure/event-store/event-store.port.js';

export interface HealthReport {
  readonly status: 'ok';
  readonly eventStore: AppConfig['eventStore'];
}

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Answers only when the event store answers a read, so a load balancer sees a dead store. */
  @Get()
  async check(): Promise<HealthReport> {
    try {
      await this.store.readStream('audit-anchors', { direction: 'backwards', maxCount: 1 });
    } catch (error) {
      throw new HttpException(
        { status: 'unavailable', eventStore: this.config.eventStore, reason: String(error) },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    return { status: 'ok', eventStore: this.config.eventStore };
  }
}
