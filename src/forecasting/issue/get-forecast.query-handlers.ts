import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { forecastDecider } from '../../../domain/forecasting/forecast-decider.js';
import { forecastError } from '../../../domain/forecasting/forecast-errors.js';
import { toForecastStreamId } from '../../../domain/forecasting/forecast-ids.js';
import {
  forecastVersion,
  latestForecast,
  type ForecastDay,
  type IssuedForecast,
} from '../../../domain/forecasting/forecast-state.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { AggregateReader } from '../../infrastructure/command-handling/aggregate-reader.js';
import { derForecast, type DerForecastView } from './der-forecast.js';
import { forecastView, type ForecastView } from './forecast-view.js';
import { FORECASTING_CONFIG, type ForecastingConfig } from './forecasting-config.js';
import { GetDerForecastQuery, GetForecastQuery } from './get-forecast.query.js';
import { PortfolioForecastInputsReader } from './portfolio-forecast-inputs.js';

/** Reads the forecast stream itself: a version is visible as soon as it is appended. */
@QueryHandler(GetForecastQuery)
export class GetForecastQueryHandler implements IQueryHandler<GetForecastQuery> {
  constructor(
    private readonly reader: AggregateReader,
    @Inject(FORECASTING_CONFIG) private readonly config: ForecastingConfig,
  ) {}

  async execute({ portfolioId, tradingDay, version }: GetForecastQuery): Promise<ForecastView> {
    const { streamId, state, forecast } = await loadVersion(
      this.reader,
      portfolioId,
      tradingDay,
      version,
    );
    return forecastView(streamId, state, forecast, this.config.scheme);
  }
}

@QueryHandler(GetDerForecastQuery)
export class GetDerForecastQueryHandler implements IQueryHandler<GetDerForecastQuery> {
  constructor(
    private readonly reader: AggregateReader,
    private readonly inputs: PortfolioForecastInputsReader,
  ) {}

  async execute({
    portfolioId,
    tradingDay,
    derId,
    version,
  }: GetDerForecastQuery): Promise<DerForecastView> {
    const { forecast } = await loadVersion(this.reader, portfolioId, tradingDay, version);
    const day = TradingDay.parse(forecast.tradingDay);
    const tree = await this.inputs.read(portfolioId, day);
    for (const micro of tree.micros) {
      const der = micro.pvDers.find((candidate) => candidate.derId === derId);
      if (der !== undefined) return derForecast(forecast, day, micro.microVppId, der);
      if (micro.derIds.includes(derId))
        throw forecastError(
          'FORECAST.NOT_FOUND',
          `DER ${derId} is not a PV DER; forecasts are per micro-VPP for other kinds`,
          'derId',
        );
    }
    throw forecastError(
      'FORECAST.NOT_FOUND',
      `DER ${derId} is not in ${portfolioId} on ${forecast.tradingDay}`,
      'derId',
    );
  }
}

const loadVersion = async (
  reader: AggregateReader,
  portfolioId: string,
  tradingDay: string,
  version: string | number | undefined,
): Promise<{ streamId: string; state: ForecastDay; forecast: IssuedForecast }> => {
  const streamId = toForecastStreamId(portfolioId, tradingDay);
  const wanted = versionOf(version);
  const state = await reader.load(streamId, forecastDecider);
  if (state.status !== 'issued')
    throw forecastError(
      'FORECAST.NOT_FOUND',
      `no forecast has been issued for ${portfolioId} on ${tradingDay}`,
      'tradingDay',
    );
  const forecast = wanted === undefined ? latestForecast(state) : forecastVersion(state, wanted);
  if (forecast === undefined)
    throw forecastError(
      'FORECAST.NOT_FOUND',
      `${portfolioId} on ${tradingDay} has versions 1..${state.versions.length}, not ${String(wanted)}`,
      'version',
    );
  return { streamId, state, forecast };
};

const versionOf = (raw: string | number | undefined): number | undefined => {
  if (raw === undefined || raw === '') return undefined;
  const version = Number(raw);
  if (!Number.isInteger(version) || version < 1)
    throw forecastError(
      'FORECAST.INVALID_INPUT',
      `version must be a whole number >= 1, got ${String(raw)}`,
      'version',
    );
  return version;
};
