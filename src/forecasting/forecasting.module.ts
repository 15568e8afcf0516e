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
import { FORECASTING_CONFIG, loadForecastingConfig } from './issue/forecasting-config.js';
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
    // The scheme's threshold and gates, and the data files, from the environment (defaults:
    // kpx-market-rules.md §4); read once when the application starts.
    { provide: FORECASTING_CONFIG, useFactory: () => loadForecastingConfig(process.env) },
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
