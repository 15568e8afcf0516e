import { forecastError } from '../../../domain/forecasting/forecast-errors.js';
import type { IssuedForecast } from '../../../domain/forecasting/forecast-state.js';
import { forecastPvPlant } from '../../../domain/forecasting/pv/pv-fleet-forecast.js';
import { DEFAULT_PERFORMANCE_RATIO } from '../../../domain/forecasting/pv/pv-plant.js';
import type { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { outlookFromJson } from './clearness-outlook.source.js';
import type { PvDer } from './portfolio-forecast-inputs.js';
import { pvPlantOf, roundedKwh } from './pv-der-spec.js';

export interface DerForecastView {
  readonly derId: string;
  readonly microVppId: string;
  readonly portfolioId: string;
  readonly tradingDay: string;
  readonly forecastId: string;
  readonly forecastVersion: number;
  readonly assetKind: 'pv';
  readonly unit: 'kWh';
  readonly intervalMinutes: number;
  readonly levels: readonly number[];
  /** `[level][interval]`, the DER alone. */
  readonly values: readonly (readonly number[])[];
  /** The DER's P50 day energy over its micro-VPP's, as stored in the version; null if that is 0. */
  readonly shareOfMicroVpp: number | null;
}

interface PvModelParameters {
  readonly performanceRatio?: number;
  readonly outlook?: unknown;
}

/**
 * A PV DER's forecast, derived on demand: the version stores PV per micro-VPP only, with the
 * clearness outlook and performance ratio it used, so the DER's share is the same model run for
 * the DER alone. It uses the DER's parameters as now known for the day; had they changed since
 * the version was issued, the version's `inputsDigest` would no longer match a new issue.
 */
export const derForecast = (
  forecast: IssuedForecast,
  day: TradingDay,
  microVppId: string,
  der: PvDer,
): DerForecastView => {
  const pv = (forecast.model.parameters['pv'] ?? {}) as PvModelParameters;
  const series = forecast.series.find((s) => s.microVppId === microVppId && s.assetKind === 'pv');
  if (series === undefined || pv.outlook === undefined)
    throw forecastError(
      'FORECAST.NOT_FOUND',
      `forecast version ${forecast.version} holds no PV series of micro-VPP ${microVppId}`,
      'derId',
    );
  const result = forecastPvPlant({
    day,
    intervalMinutes: forecast.intervalMinutes as 60 | 15,
    plant: pvPlantOf(der.parameters),
    outlook: outlookFromJson(pv.outlook),
    performanceRatio: pv.performanceRatio ?? DEFAULT_PERFORMANCE_RATIO,
  });
  const values = result.energyKwh.map(roundedKwh);
  const median = result.levels.indexOf(0.5);
  const sum = (row: readonly number[] | undefined): number =>
    (row ?? []).reduce((a, b) => a + b, 0);
  const microDay = sum(series.values[series.levels.indexOf(0.5)]);
  return {
    derId: der.derId,
    microVppId,
    portfolioId: forecast.portfolioId,
    tradingDay: forecast.tradingDay,
    forecastId: forecast.forecastId,
    forecastVersion: forecast.version,
    assetKind: 'pv',
    unit: 'kWh',
    intervalMinutes: forecast.intervalMinutes,
    levels: [...result.levels],
    values,
    shareOfMicroVpp:
      median < 0 || !(microDay > 0)
        ? null
        : Math.round((sum(values[median]) / microDay) * 1e6) / 1e6,
  };
};
