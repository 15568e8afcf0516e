import { Inject, Injectable } from '@nestjs/common';
import { forecastDecider } from '../../../domain/forecasting/forecast-decider.js';
import { forecastDayOf, toForecastStreamId } from '../../../domain/forecasting/forecast-ids.js';
import {
  renewablePlantsOf,
  type KpxForecastScheme,
  type RenewablePlant,
} from '../../../domain/forecasting/kpx-scheme/index.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { forDecider } from '../../infrastructure/command-handling/decider-command-handler.factory.js';
import { forDeciderUsing } from '../../infrastructure/command-handling/decider-command-handler-using.factory.js';
import { isoUtc } from '../../market/day-ahead-calendar.js';
import { RecordForecastCommand, SubmitKpxForecastCommand } from './forecast.commands.js';
import { FORECASTING_CONFIG, type ForecastingConfig } from './forecasting-config.js';
import { PortfolioForecastInputsReader } from './portfolio-forecast-inputs.js';

export const RecordForecastHandler = forDecider(forecastDecider).handle(
  RecordForecastCommand,
  ({ issue }) => ({
    streamId: toForecastStreamId(issue.data.portfolioId, issue.data.tradingDay),
    command: issue,
  }),
);

/** What a KPX submission needs from outside its stream: the PV plants and the scheme's settings. */
@Injectable()
export class KpxSubmissionFacts {
  constructor(
    private readonly inputs: PortfolioForecastInputsReader,
    @Inject(FORECASTING_CONFIG) private readonly config: ForecastingConfig,
  ) {}

  get scheme(): KpxForecastScheme {
    return this.config.scheme;
  }

  /** The portfolio's solar plants on the trading day, each at its DC nameplate. */
  async renewablePlants(portfolioId: string, tradingDay: string): Promise<RenewablePlant[]> {
    const tree = await this.inputs.read(portfolioId, TradingDay.parse(tradingDay));
    return renewablePlantsOf(tree.micros.flatMap((micro) => micro.pvDers));
  }
}

export const SubmitKpxForecastHandler = forDeciderUsing(forecastDecider, KpxSubmissionFacts).handle(
  SubmitKpxForecastCommand,
  async ({ portfolioId, tradingDay, slot, forecastVersion }, now, facts) => {
    const streamId = toForecastStreamId(portfolioId, tradingDay);
    const renewablePlants = await facts.renewablePlants(portfolioId, forecastDayOf(tradingDay));
    return {
      streamId,
      command: {
        type: 'SubmitKpxForecast',
        data: {
          portfolioId,
          tradingDay,
          slot,
          ...(forecastVersion === undefined ? {} : { forecastVersion }),
          submittedAt: isoUtc(now),
          renewablePlants,
          scheme: facts.scheme,
        },
      },
    };
  },
);
