import { Logger, type Provider } from '@nestjs/common';
import { CLOCK, type Clock } from '../../../domain/shared/clock.port.js';
import { ID_GENERATOR, type IdGenerator } from '../../../domain/shared/id-generator.port.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port.js';
import { MeterIngestService } from './meter-ingest.service.js';
import { SiteDirectory } from './site-directory.js';

const logger = new Logger('MeterIngest');

/** One ingest service for HTTP and MQTT, so that its caches of meter days are shared. */
export const meterIngestProviders: Provider[] = [
  {
    provide: SiteDirectory,
    useFactory: (store: EventStore) => new SiteDirectory(store),
    inject: [EVENT_STORE],
  },
  {
    provide: MeterIngestService,
    useFactory: (
      store: EventStore,
      clock: Clock,
      ids: IdGenerator,
      sites: SiteDirectory,
      config: AppConfig,
    ) =>
      new MeterIngestService({
        store,
        clock,
        ids,
        sites,
        toleranceRatio: config.meterToleranceRatio,
        onStoreError: (error) =>
          logger.error(
            `meter readings not stored: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          ),
      }),
    inject: [EVENT_STORE, CLOCK, ID_GENERATOR, SiteDirectory, APP_CONFIG],
  },
];
