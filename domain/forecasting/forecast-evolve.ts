import type { ForecastEvent } from './forecast-events.js';
import type { ForecastDayState } from './forecast-state.js';

export const evolveForecast = (state: ForecastDayState, event: ForecastEvent): ForecastDayState => {
  switch (event.type) {
    case 'ForecastIssued': {
      const { portfolioId, tradingDay } = event.data;
      const base =
        state.status === 'issued'
          ? state
          : { status: 'issued' as const, portfolioId, tradingDay, versions: [], submissions: {} };
      return { ...base, versions: [...base.versions, event.data] };
    }
    case 'KpxForecastSubmitted': {
      if (state.status !== 'issued') return state;
      return { ...state, submissions: { ...state.submissions, [event.data.slot]: event.data } };
    }
    default:
      return state; // tolerate event types added by newer versions
  }
};
