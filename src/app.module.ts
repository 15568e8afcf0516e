import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from './config/app-config.js';
import { BidsModule } from './bids/bids.module.js';
import { ConfigModule } from './config/config.module.js';
import { DersModule } from './ders/ders.module.js';
import { ForecastingModule } from './forecasting/forecasting.module.js';
import { HealthController } from './health/health.controller.js';
import {
  EventStoreModule,
  type EventStoreModuleOverrides,
} from './infrastructure/event-store/event-store.module.js';
import { DomainErrorFilter } from './infrastructure/http/domain-error.filter.js';
import { ProjectionsModule } from './infrastructure/projections/projections.module.js';
import { MeteringModule } from './metering/metering.module.js';
import { PortfoliosModule } from './portfolios/portfolios.module.js';
import { StreamsHttpController } from './streams/streams.http.controller.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, overrides: EventStoreModuleOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CqrsModule.forRoot(),
        EventStoreModule.forRoot(config, overrides),
        ProjectionsModule.forRoot(config),
        PortfoliosModule,
        DersModule,
        MeteringModule,
        ForecastingModule,
        BidsModule,
      ],
      controllers: [HealthController, StreamsHttpController],
      providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
    };
  }
}
