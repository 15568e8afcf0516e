import type { Decider } from '../shared/decider.js';
import type { ForecastCommand } from './forecast-commands.js';
import { decideForecast } from './forecast-decide.js';
import type { ForecastEvent } from './forecast-events.js';
import { evolveForecast } from './forecast-evolve.js';
import { initialForecastDayState, type ForecastDayState } from './forecast-state.js';

/** One portfolio's trading day: stream `forecast-{portfolioId}-{tradingDay}` (`toForecastStreamId`). */
export const forecastDecider: Decider<ForecastCommand, ForecastEvent, ForecastDayState> = {
  initialState: initialForecastDayState,
  decide: decideForecast,
  evolve: evolveForecast,
};
