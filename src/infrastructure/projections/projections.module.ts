import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import type { AppConfig } from '../../config/app-config.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { ProjectionRunner } from './projection-runner.js';
import { openReadModelDatabase } from './sqlite/read-model-database.js';
import { SqliteCheckpointStore } from './sqlite/sqlite-checkpoint-store.js';
import { StreamCatalogueProjection } from './stream-catalogue/stream-catalogue.projection.js';
import { StreamCatalogueQuery } from './stream-catalogue/stream-catalogue.query.js';

export const READ_MODEL_DATABASE = Symbol('READ_MODEL_DATABASE');

/** Closes the read-model file after the runner (a Nest provider) has stopped. */
class ReadModelDatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database) {}

  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
  }
}

/** Read models fed from the event log; later modules register their projections here too. */
@Global()
@Module({})
export class ProjectionsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ProjectionsModule,
      providers: [
        {
          provide: READ_MODEL_DATABASE,
          useFactory: () => openReadModelDatabase(config.readModelPath),
        },
        {
          provide: ProjectionRunner,
          useFactory: (store: EventStore, db: Database) => {
            const checkpoints = new SqliteCheckpointStore(db);
            return new ProjectionRunner({ store }).add(
              new StreamCatalogueProjection(db),
              checkpoints,
            );
          },
          inject: [EVENT_STORE, READ_MODEL_DATABASE],
        },
        {
          provide: StreamCatalogueQuery,
          useFactory: (db: Database) => new StreamCatalogueQuery(db),
          inject: [READ_MODEL_DATABASE],
        },
        ReadModelDatabaseLifecycle,
      ],
      exports: [ProjectionRunner, StreamCatalogueQuery, READ_MODEL_DATABASE],
    };
  }
}
