import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyEventStore } from '../../src/infrastructure/audit/audit-verifier.js';
import { loadConfig } from '../../src/config/app-config.js';
import { openEventStoreAdapter } from '../../src/infrastructure/event-store/open-event-store.js';
import { simulationConfig } from '../../src/simulation/simulate.cli.js';
import type { SimulationSummary } from '../../src/simulation/simulation-summary.js';
import { eventsOf, SimulateHarness } from './simulate-harness.js';

const harness = new SimulateHarness();
beforeAll(() => harness.start());
afterAll(() => harness.stop());

describe('gridfolio simulate', () => {
  it('bids, clears and delivers two days from an empty store, and the store verifies', async () => {
    const store = harness.folder();
    const run = await harness.run(['--days', '2', '--store', store, '--json']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.out) as SimulationSummary;
    expect(summary.days.map((d) => d.day)).toEqual(['2024-06-03', '2024-06-04']);
    for (const day of summary.days) {
      expect(day.status).toBe('delivered');
      expect(day.bid).toBe(true);
      expect(day.awardedSellKwh).toBeGreaterThan(0);
      // Awards never exceed the offer, and the price the portfolio captured is a real SMP level.
      expect(day.awardedSellKwh).toBeLessThanOrEqual(day.offeredSellKwh);
      expect(day.revenueKrw).toBeGreaterThan(0);
      expect(day.capturedPriceKrwPerKwh).toBeGreaterThan(0);
      expect(day.meanSmpKrwPerKwh).toBeGreaterThan(0);
      expect(day.deviationKwh).toBeGreaterThanOrEqual(0);
      expect(['optimal', 'feasible']).toContain(day.solverStatus);
      expect(day.pvKpxErrorPct).toBeGreaterThanOrEqual(0);
      expect(day.pvQualifyingHours).toBeGreaterThan(0);
    }
    expect(summary.total.daysDelivered).toBe(2);
    expect(summary.total.revenueKrw).toBe(summary.days.reduce((sum, d) => sum + d.revenueKrw, 0));
    // A progress line per day with its stages (not a terminal: one plain line when a day is done).
    expect(run.progress).toContain(
      'simulate: 2024-06-03 forecast, bid, clearing, delivery done (1/2 days)',
    );
    expect(run.progress).toContain(
      'simulate: 2024-06-04 forecast, bid, clearing, delivery done (2/2 days)',
    );

    const types = new Set((await eventsOf(store)).map((e) => e.type));
    for (const type of [
      'PortfolioCreated',
      'ForecastIssued',
      'BidDrafted',
      'BidSubmitted',
      'BidAcknowledged',
      'BidCleared',
      'SimulationDayDelivered',
      'MeterReadingsRecorded',
      'EvSessionPlanned',
    ])
      expect(types).toContain(type);
    // The demo's meter history gives every site a load forecast, and the twin records per kind.
    const issued = (await eventsOf(store)).filter((e) => e.type === 'ForecastIssued');
    expect(JSON.stringify(issued[0]?.data)).toContain('"assetKind":"load"');
    const delivered = (await eventsOf(store)).find((e) => e.type === 'SimulationDayDelivered');
    expect(delivered?.metadata['schemaVersion']).toBe(2);
    const data = delivered?.data as { kindNetKwh: Record<string, number[]>; essSocKwh: object };
    expect(Object.keys(data.kindNetKwh)).toEqual(
      expect.arrayContaining(['pv', 'load', 'ev_charger']),
    );
    expect(Object.keys(data.essSocKwh)).toEqual(['v2x-ess']);

    // What `gridfolio audit verify` checks: every hash, chain and anchor.
    const adapter = openEventStoreAdapter(simulationConfig(loadConfig({}), store));
    try {
      const report = await verifyEventStore(adapter);
      expect(report.firstBreak).toBeUndefined();
      expect(report.ok).toBe(true);
      expect(report.anchorsChecked).toBeGreaterThan(0);
    } finally {
      await adapter.close();
    }
  });

  it('continues from the store: a re-run appends no day twice and prints the same summary', async () => {
    const store = harness.folder();
    const first = await harness.run(['--days', '2', '--store', store, '--json']);
    expect(first.code).toBe(0);
    const before = await eventsOf(store);
    const again = await harness.run(['--days', '2', '--store', store, '--json']);
    expect(again.err).toBe('');
    expect(again.code).toBe(0);
    const after = await eventsOf(store);
    const business = (events: typeof before) =>
      events.filter((e) => !e.streamId.startsWith('audit-')).map((e) => e.id);
    expect(business(after)).toEqual(business(before));
    // The summary is computed from the store alone, so the re-run prints the very same one.
    expect(JSON.parse(again.out)).toEqual(JSON.parse(first.out));

    // Extending the run: day 3 was bid ahead (before day 2 was delivered), so it continues in time,
    // and the first two days are neither redone nor changed.
    const extended = await harness.run(['--days', '3', '--store', store, '--json']);
    expect(extended.err).toBe('');
    expect(extended.code).toBe(0);
    const summary = JSON.parse(extended.out) as SimulationSummary;
    expect(summary.days.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(summary.days.slice(0, 2)).toEqual((JSON.parse(first.out) as SimulationSummary).days);
    expect(business(await eventsOf(store)).slice(0, business(after).length)).toEqual(
      business(after),
    );

    // Simulated time still never goes back: a day before the store's clock cannot be added.
    const earlier = await harness.run(['--from', '2024-06-01', '--days', '1', '--store', store]);
    expect(earlier.code).toBe(2);
    expect(earlier.err).toContain('SIMULATION.GATE_PASSED');

    // Nor does a continued run change strategy: its summary would mix two experiments.
    const unswitched = business(await eventsOf(store));
    const switched = await harness.run([
      '--days',
      '4',
      '--store',
      store,
      '--strategy',
      'fixed-rule',
    ]);
    expect(switched.code).toBe(2);
    expect(switched.err).toContain('SIMULATION.STRATEGY_MISMATCH');
    expect(switched.err).toContain('--strategy optimised');
    expect(business(await eventsOf(store))).toEqual(unswitched);
  });

  it('refuses a market it does not know', async () => {
    await expect(harness.run(['--market', 'moon'])).rejects.toThrow(/--market/);
  });

  it("refuses the main store's folder, whose read models --fresh would delete", async () => {
    await expect(harness.run(['--store', './data', '--fresh'])).rejects.toThrow(
      /holds the main event store/,
    );
  });
});
