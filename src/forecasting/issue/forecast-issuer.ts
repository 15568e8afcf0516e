import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { IssueForecast } from '../../../domain/forecasting/forecast-commands.js';
import {
  forecastError,
  invalidForecastInput,
} from '../../../domain/forecasting/forecast-errors.js';
import {
  forecastDayOf,
  forecastEntityIdOf,
  forecastPortfolioIdOf,
} from '../../../domain/forecasting/forecast-ids.js';
import type { ForecastSeries, OmittedSeries } from '../../../domain/forecasting/forecast-series.js';
import { createLoadForecaster } from '../../../domain/forecasting/load/load-forecaster.js';
import { PlaneOfArrayCache } from '../../../domain/forecasting/pv/plane-of-array-cache.js';
import { forecastPvFleet } from '../../../domain/forecasting/pv/pv-fleet-forecast.js';
import { DEFAULT_PERFORMANCE_RATIO } from '../../../domain/forecasting/pv/pv-plant.js';
import type { DayAheadForecaster } from '../../../domain/forecasting/day-ahead-forecaster.js';
import { isoInstant } from '../../../domain/shared/iso-instant.js';
import type { JsonObject } from '../../../domain/shared/json.js';
import { HOURS_PER_DAY } from '../../../domain/shared/time/kpx-numbering.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { isoUtc } from '../../market/day-ahead-calendar.js';
import { ClearnessOutlookSource, outlookToJson } from './clearness-outlook.source.js';
import type { IssueForecastRequest } from './forecast.commands.js';
import { FORECASTING_CONFIG, type ForecastingConfig } from './forecasting-config.js';
import { InputsDigest, digestOfValues } from './inputs-digest.js';
import { MeterHistoryReader } from './meter-history.reader.js';
import { PortfolioForecastInputsReader, type MicroVppInputs } from './portfolio-forecast-inputs.js';
import { pvPlantOf, roundedKwh } from './pv-der-spec.js';

export const PORTFOLIO_FORECAST_MODEL = { name: 'gridfolio-portfolio-forecast', version: '1' };
/** The PV model can integrate to these grids only (5-minute sub-steps summed per interval). */
const PV_INTERVAL_MINUTES = [60, 15] as const;
const DEFAULT_INTERVAL_MINUTES = 60;
const LOAD_LEVELS = [0.1, 0.5, 0.9];
const LOAD_READ_CONCURRENCY = 16;

/**
 * Starts `work` for every item with at most `concurrency` running, and returns one promise per
 * item in order. Failures surface when the caller awaits that item's promise.
 */
const prefetch = <T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R>[] => {
  const results: Promise<R>[] = [];
  const slots: Promise<unknown>[] = [];
  items.forEach((item, i) => {
    const previous = i >= concurrency ? slots[i - concurrency] : undefined;
    const started = (previous ?? Promise.resolve()).then(() => work(item));
    results.push(started);
    // A slot frees when its work settles, whether it succeeded or not.
    slots.push(started.catch(() => undefined));
  });
  // Unawaited rejections of items after a failure must not crash the process.
  results.forEach((result) => result.catch(() => undefined));
  return results;
};

/**
 * Computes a portfolio's forecast for one trading day: PV per micro-VPP from its PV DERs and the
 * day's clearness outlook, site load per micro-VPP from its net meter's history; hashes every
 * input into `inputsDigest`; returns the IssueForecast command for the forecast stream. Reads
 * only; the caller appends.
 */
@Injectable()
export class ForecastIssuer {
  private readonly loadForecaster: DayAheadForecaster = createLoadForecaster({
    quantileLevels: LOAD_LEVELS,
  });

  constructor(
    private readonly inputs: PortfolioForecastInputsReader,
    private readonly meters: MeterHistoryReader,
    private readonly outlooks: ClearnessOutlookSource,
    @Inject(FORECASTING_CONFIG) private readonly config: ForecastingConfig,
  ) {}

  async prepare(request: IssueForecastRequest, now: DateTime): Promise<IssueForecast> {
    const portfolioId = forecastPortfolioIdOf(request.portfolioId);
    const tradingDay = forecastDayOf(request.tradingDay);
    const day = TradingDay.parse(tradingDay);
    const intervalMinutes = pvIntervalOf(request.intervalMinutes);
    const issuedAt =
      request.issuedAt === undefined
        ? isoUtc(now)
        : isoInstant(request.issuedAt, 'issuedAt', invalidForecastInput);
    const tree = await this.inputs.read(portfolioId, day);
    const resolved = await this.outlooks.outlookFor(day, request.outlook);
    const historyDays = this.config.loadHistoryDays;
    const parameters: JsonObject = {
      pv: {
        model: 'pv-fleet-clearness',
        performanceRatio: DEFAULT_PERFORMANCE_RATIO,
        outlookSource: resolved.source,
        ...(resolved.learntFor === undefined ? {} : { outlookLearntFor: resolved.learntFor }),
        outlook: outlookToJson(resolved.outlook),
      },
      load: {
        model: this.loadForecaster.name,
        historyDays,
        ...this.loadForecaster.parameters,
        levels: LOAD_LEVELS,
      },
    };
    const model = { ...PORTFOLIO_FORECAST_MODEL, parameters };
    const digest = new InputsDigest().add({ portfolioId, tradingDay, intervalMinutes, model });

    const cache = new PlaneOfArrayCache();
    const series: ForecastSeries[] = [];
    const omitted: OmittedSeries[] = [];
    // Meter histories are read ahead, a few sites at a time, while PV is computed in order.
    const loads = prefetch(tree.micros, LOAD_READ_CONCURRENCY, (micro) =>
      this.loadSeries(micro, day, intervalMinutes, issuedAt, historyDays),
    );
    for (const [index, micro] of tree.micros.entries()) {
      digest.add({ microVppId: micro.microVppId, siteId: micro.siteId, pv: micro.pvDers });
      if (micro.pvDers.length > 0) {
        const pv = forecastPvFleet({
          day,
          intervalMinutes,
          plants: micro.pvDers.map((der) => pvPlantOf(der.parameters)),
          outlook: resolved.outlook,
          performanceRatio: DEFAULT_PERFORMANCE_RATIO,
          cache,
        });
        series.push({
          microVppId: micro.microVppId,
          assetKind: 'pv',
          unit: 'kWh',
          levels: [...pv.levels],
          values: pv.energyKwh.map(roundedKwh),
        });
      }
      const load = await (loads[index] as ReturnType<ForecastIssuer['loadSeries']>);
      digest.add({ loadHistory: load.historyDigest });
      if ('series' in load) series.push(load.series);
      else omitted.push(load.omitted);
    }
    const inputsDigest = digest.hex();
    const forecastId =
      request.forecastId === undefined
        ? `fc-${createHash('sha256').update(`${inputsDigest}@${issuedAt}`).digest('hex').slice(0, 24)}`
        : forecastEntityIdOf(request.forecastId, 'forecastId');
    return {
      type: 'IssueForecast',
      data: {
        portfolioId,
        tradingDay,
        forecastId,
        issuedAt,
        intervalMinutes,
        model,
        inputsDigest,
        series,
        omitted,
      },
    };
  }

  /**
   * The site's load from its net meter: hourly forecast, spread evenly over the hour's intervals
   * (the meter history is hourly). A site without readings, or with too few, gets no series and
   * the event names it in `omitted`.
   */
  private async loadSeries(
    micro: MicroVppInputs,
    day: TradingDay,
    intervalMinutes: number,
    issuedAt: string,
    historyDays: number,
  ): Promise<
    | { series: ForecastSeries; historyDigest: string }
    | { omitted: OmittedSeries; historyDigest: string | null }
  > {
    const history = await this.meters.siteHistory(micro.siteId, day, historyDays, issuedAt);
    const { microVppId } = micro;
    if (history === undefined)
      return {
        omitted: {
          microVppId,
          assetKind: 'load',
          reason: `no meter history: site ${micro.siteId} has no net-meter readings in the ${historyDays} days before ${day.toString()}`,
        },
        historyDigest: null,
      };
    const historyDigest = digestOfValues(history.series.values);
    const forecast = this.loadForecaster.forecastDay(history.series, historyDays);
    const rows = forecast.quantiles?.values ?? [forecast.point];
    const levels = forecast.quantiles?.levels ?? [0.5];
    if (rows.some((row) => row.some((value) => !Number.isFinite(value))))
      return {
        omitted: {
          microVppId,
          assetKind: 'load',
          reason: `meter history too short: site ${micro.siteId} has ${history.hoursWithData} complete hours in the ${historyDays} days before ${day.toString()}`,
        },
        historyDigest,
      };
    const perHour = 60 / intervalMinutes;
    const values = rows.map((row) =>
      roundedKwh(
        Array.from(
          { length: HOURS_PER_DAY * perHour },
          (_, i) => (row[Math.floor(i / perHour)] as number) / perHour,
        ),
      ),
    );
    // Quantiles must not cross; a model's rows are sorted per interval to be safe.
    for (let i = 0; i < (values[0]?.length ?? 0); i++) {
      const column = values.map((row) => row[i] as number).sort((a, b) => a - b);
      values.forEach((row, l) => (row[i] = column[l] as number));
    }
    return {
      series: { microVppId, assetKind: 'load', unit: 'kWh', levels: [...levels], values },
      historyDigest,
    };
  }
}

const pvIntervalOf = (value: unknown): 60 | 15 => {
  const minutes = value ?? DEFAULT_INTERVAL_MINUTES;
  if (!(PV_INTERVAL_MINUTES as readonly unknown[]).includes(minutes))
    throw forecastError(
      'FORECAST.INVALID_INTERVAL_LENGTH',
      `intervalMinutes must be 60 or 15, got ${String(value)}`,
      'intervalMinutes',
    );
  return minutes as 60 | 15;
};
