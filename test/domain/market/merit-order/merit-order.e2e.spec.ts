import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CALIBRATION } from '../../../../domain/market/merit-order/calibration.js';
import {
  simulateSmp,
  smpErrors,
} from '../../../../domain/market/merit-order/merit-order-backtest.js';
import { withMirrorMonthFallback } from '../../../../domain/market/merit-order/renewable-fallback.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';
import { readSharedKpxSeries } from '../../../support/shared-kpx-series.js';

describe('merit-order price formation over the real 2024 mainland year', () => {
  it('comes within 20 % MAPE of the real SMP, every hour cleared by pay-as-clear', () => {
    const lastDay = TradingDay.parse('2024-12-31');
    const renewables = 'renewables-hourly-2024-jan-sep.csv';
    const series = {
      demandMw: readSharedKpxSeries('demand-mainland-hourly-2024.csv', 'demand_mainland_mw', 'MW'),
      solarMw: withMirrorMonthFallback(
        readSharedKpxSeries(renewables, 'solar_market_mw', 'MW'),
        lastDay,
      ),
      windMw: withMirrorMonthFallback(
        readSharedKpxSeries(renewables, 'wind_mainland_mw', 'MW'),
        lastDay,
      ),
    };
    const real = readSharedKpxSeries(
      'smp-hourly-2020-2024.csv',
      'smp_mainland_krw_per_kwh',
      'KRW/kWh',
    );
    const simulated = simulateSmp(
      series,
      TradingDay.parse('2024-01-01'),
      lastDay,
      DEFAULT_CALIBRATION,
    );
    const { byMonth, total } = smpErrors(simulated, real);
    // 8,784 hours minus the 35 without a real SMP.
    expect(total.hours).toBe(8_749);
    expect(total.mapePct).toBeLessThanOrEqual(20);
    expect(Math.abs(total.meanSimulatedKrwPerKwh - total.meanRealKrwPerKwh)).toBeLessThan(10);
    for (const month of byMonth) expect(month.mapePct).toBeLessThan(30);
    // LNG sets most prices, as in EPSIS's 2024 counts (95.6 %).
    expect(simulated.marginalHours['lng']! / total.hours).toBeGreaterThan(0.8);
    // Out-of-sample half (the calibration saw Jan-Jun only).
    expect(smpErrors(simulated, real, [7, 8, 9, 10, 11, 12]).total.mapePct).toBeLessThanOrEqual(20);
  });
});
