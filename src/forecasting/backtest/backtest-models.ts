import type { DayAheadForecaster } from '../../../domain/forecasting/day-ahead-forecaster.js';
import { createLoadForecaster } from '../../../domain/forecasting/load/load-forecaster.js';
import { createSmpForecaster } from '../../../domain/forecasting/price/smp-forecaster.js';
import { createMarketPvForecaster } from '../../../domain/forecasting/pv/market-pv-forecaster.js';
import type { ForecastKind, SmpMarket } from '../data-files/kpx-data-files.js';

/**
 * The model the CLI and the benchmark judge for each kind, with its default settings. The same
 * SMP model serves both markets (it is fitted on whichever series it is given). The PV model
 * takes its capacity from the history it is handed (no future maximum), so the C of the KPX
 * score does not leak into the forecast.
 */
export const modelFor = (kind: ForecastKind, _market: SmpMarket): DayAheadForecaster => {
  switch (kind) {
    case 'pv':
      return createMarketPvForecaster();
    case 'price':
      return createSmpForecaster();
    case 'load':
      return createLoadForecaster();
  }
};
