import type { TradingDay } from '../../domain/shared/time/trading-day.js';
import { demoSiteLoadKwh } from '../fixtures/demo-site-load.js';
import type { SimulatedMicro } from './portfolio-day.reader.js';
import type { SiteMeterDay } from './site-meter.recorder.js';

const HISTORY_INTERVAL_MINUTES = 60;

/**
 * The demo sites' metered consumption for `days` trading days up to D-2 of `firstDay` (the run
 * starts at D-1 00:00, so D-1 has not been metered yet), hourly and seeded; sites without a demo
 * profile get none.
 */
export const demoMeterHistory = (
  micros: readonly SimulatedMicro[],
  firstDay: TradingDay,
  days: number,
  seed: string,
): SiteMeterDay[] => {
  const history: SiteMeterDay[] = [];
  for (let back = days + 1; back >= 2; back--) {
    const day = firstDay.plusDays(-back);
    for (const micro of micros) {
      const energyKwh = demoSiteLoadKwh(micro.settings.siteId, day, HISTORY_INTERVAL_MINUTES, seed);
      if (energyKwh === undefined) continue;
      history.push({
        siteId: micro.settings.siteId,
        day: day.toString(),
        dayStartMs: day.startMs,
        intervalMinutes: HISTORY_INTERVAL_MINUTES,
        energyKwh,
        gridImportLimitKw: micro.settings.gridImportLimitKw,
        gridExportLimitKw: micro.settings.gridExportLimitKw,
      });
    }
  }
  return history;
};
