import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dirname, join } from 'node:path';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import { loadMeritOrderInputs } from '../../market-adapters/kpx-sim/merit-order-inputs.js';
import { MeritOrderPriceFormation } from '../../market-adapters/kpx-sim/merit-order-price-formation.js';
import { openKpxSim } from '../../market-adapters/kpx-sim/open-kpx-sim.js';
import type { SimulationSummary } from '../../src/simulation/simulation-summary.js';
import { sharedKpxPath } from '../support/shared-kpx-series.js';
import { SimulateHarness } from './simulate-harness.js';

const harness = new SimulateHarness();
beforeAll(() => harness.start());
afterAll(() => harness.stop());

describe('gridfolio simulate --price-mode merit-order', () => {
  it('clears a day against the merit-order model and keeps the mode in the store', async () => {
    const store = harness.folder();
    const args = ['--days', '1', '--store', store, '--json', '--price-mode', 'merit-order'];
    const run = await harness.run(args);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.out) as SimulationSummary;
    expect(summary.days.map((d) => d.day)).toEqual(['2024-06-03']);
    const [day] = summary.days;
    expect(day?.status).toBe('delivered');
    expect(day?.bid).toBe(true);
    expect(day?.awardedSellKwh).toBeLessThanOrEqual(day?.offeredSellKwh ?? 0);
    expect(summary.total.daysDelivered).toBe(1);

    // The run's exchange published the model's prices (a kW-scale VPP never moves a GW-scale
    // clearing), not the historical SMP.
    const data = dirname(sharedKpxPath('demand-mainland-hourly-2024.csv'));
    const model = new MeritOrderPriceFormation(loadMeritOrderInputs(data), 'any');
    const sim = openKpxSim({ dbPath: join(store, 'kpx-sim.db'), dataPath: data, seed: 'kpx-sim' });
    try {
      expect(sim.formation).toBe('merit-order');
      const prices = await sim.adapter.fetchPrices('mainland', '2024-06-03', 'day_ahead');
      if (prices.status !== 'published') throw new Error(`prices ${prices.status}`);
      const day0 = TradingDay.parse('2024-06-03');
      expect(prices.prices.map((p) => p.priceKrwPerKwh)).toEqual(
        prices.prices.map((p) => model.clearHour(day0, p.interval + 1).smpKrwPerKwh),
      );
    } finally {
      sim.close();
    }

    // The exchange in --store was started in merit-order mode: another mode is refused.
    await expect(
      harness.run(['--days', '1', '--store', store, '--price-mode', 'historical']),
    ).rejects.toThrow(/other settings/);
  });

  it('refuses merit-order prices for Jeju and for days outside the 2024 data', async () => {
    const store = harness.folder();
    await expect(
      harness.run(['--store', store, '--market', 'jeju', '--price-mode', 'merit-order']),
    ).rejects.toThrow(/mainland only/);
    await expect(
      harness.run(['--store', store, '--from', '2023-12-31', '--price-mode', 'merit-order']),
    ).rejects.toThrow(/2024-01-01\.\.2024-12-31 only, not 2023-12-31/);
    await expect(harness.run(['--store', store, '--price-mode', 'spot'])).rejects.toThrow(
      /--price-mode expects historical or merit-order/,
    );
  });
});
