import { entityId, type Fail } from '../shared/input-parsing.js';
import { isoDay } from '../shared/iso-instant.js';
import { failForecast } from './forecast-errors.js';

/** `forecast-` + id + `-YYYY-MM-DD` must fit the store's 200-character stream ids. */
export const MAX_FORECAST_PORTFOLIO_ID_LENGTH = 180;
const MAX_ID_LENGTH = 190;

const invalidId: Fail = failForecast('FORECAST.INVALID_ID');

export const forecastPortfolioIdOf = (value: unknown): string =>
  entityId(value, 'portfolioId', invalidId, MAX_FORECAST_PORTFOLIO_ID_LENGTH);

/** An id such as a forecast's or a micro-VPP's, reported against `field`. */
export const forecastEntityIdOf = (value: unknown, field: string): string =>
  entityId(value, field, invalidId, MAX_ID_LENGTH);

export const forecastDayOf = (value: unknown, field = 'tradingDay'): string =>
  isoDay(value, field, failForecast('FORECAST.INVALID_DAY')).day;

/**
 * Stream `forecast-{portfolioId}-{tradingDay}` (DESIGN.md §3): every version issued for one
 * portfolio and trading day, and the KPX submissions made from them, in one short stream.
 */
export const toForecastStreamId = (portfolioId: string, tradingDay: string): string =>
  `forecast-${forecastPortfolioIdOf(portfolioId)}-${forecastDayOf(tradingDay)}`;
