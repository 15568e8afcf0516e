import { Module } from '@nestjs/common';
import { PortfoliosModule } from '../portfolios/portfolios.module.js';
import { ClearnessOutlookSource } from './issue/clearness-outlook.source.js';
import { ForecastIssuer } from './issue/forecast-issuer.js';
import { ForecastIssuingService } from './issue/forecast-issuing.service.js';
import {
  KpxSubmissionFacts,
  RecordForecastHandler,
  SubmitKpxForecastHandler,
} from './issue/forecast.handlers.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FORECASTING_CONFIG } from './issue/forecasting-config.js';
import { ForecastsHttpController } from './issue/forecasts.http.controller.js';
import {
  GetDerForecastQueryHandler,
  GetForecastQueryHandler,
} from './issue/get-forecast.query-handlers.js';
import { MeterHistoryReader } from './issue/meter-history.reader.js';
import { PortfolioForecastInputsReader } from './issue/portfolio-forecast-inputs.js';

/**
 * Forecast streams `forecast-{portfolioId}-{tradingDay}`: issuing (PV per micro-VPP, site load),
 * the KPX renewable forecast scheme's submissions, and per-DER values on demand.
 */
@Module({
  imports: [PortfoliosModule],
  controllers: [ForecastsHttpController],
  providers: [
    // The scheme's threshold and gates, and the data files: part of the validated AppConfig
    // (defaults: kpx-market-rules.md §4), so a bad value stops the start-up with its name.
    {
      provide: FORECASTING_CONFIG,
      useFactory: (config: AppConfig) => config.forecasting,
      inject: [APP_CONFIG],
    },
    PortfolioForecastInputsReader,
    MeterHistoryReader,
    ClearnessOutlookSource,
    ForecastIssuer,
    ForecastIssuingService,
    KpxSubmissionFacts,
    RecordForecastHandler,
    SubmitKpxForecastHandler,
    GetForecastQueryHandler,
    GetDerForecastQueryHandler,
  ],
  exports: [ForecastIssuingService],
})
export class ForecastingModule {}
