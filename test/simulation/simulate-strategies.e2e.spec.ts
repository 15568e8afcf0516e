import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SimulationSummary } from '../../src/simulation/simulation-summary.js';
import { SimulateHarness } from './simulate-harness.js';

// Three runs of 7 days (the optimised one solves a MILP a day): minutes on a loaded 2-core machine.
const THREE_RUNS_MS = 600_000;

const harness = new SimulateHarness();
beforeAll(() => harness.start());
afterAll(() => harness.stop());

/** `npm start`'s days: the demo VPP, 7 days from 2024-06-03, mainland, the default seed. */
const summaryOf = async (strategy: string): Promise<SimulationSummary> => {
  const run = await harness.run([
    '--days',
    '7',
    '--strategy',
    strategy,
    '--store',
    harness.folder(),
    '--json',
  ]);
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.out) as SimulationSummary;
};

describe('gridfolio simulate --strategy (issue 7 acceptance)', () => {
  it(
    'the optimised bids earn more net of the deviation penalty than both simple strategies',
    async () => {
      const optimised = await summaryOf('optimised');
      const pvAsForecast = await summaryOf('pv-as-forecast');
      const fixedRule = await summaryOf('fixed-rule');
      for (const [summary, name] of [
        [optimised, 'optimised'],
        [pvAsForecast, 'pv-as-forecast'],
        [fixedRule, 'fixed-rule'],
      ] as const) {
        expect(summary.total.strategy).toBe(name);
        expect(summary.total.daysDelivered).toBe(7);
        expect(summary.deviationPenaltySmpFactor).toBe(0.5);
        expect(summary.total.netKrw).toBe(
          summary.total.revenueKrw - (summary.total.penaltyKrw ?? Number.NaN),
        );
      }
      // Over-offering must not pay: every strategy pays for its deviations.
      expect(pvAsForecast.total.penaltyKrw).toBeGreaterThan(0);
      expect(optimised.total.netKrw).toBeGreaterThan(pvAsForecast.total.netKrw ?? Infinity);
      expect(optimised.total.netKrw).toBeGreaterThan(fixedRule.total.netKrw ?? Infinity);
    },
    THREE_RUNS_MS,
  );

  it('values deviations at the factor given: twice the factor, twice the penalty', async () => {
    const store = harness.folder();
    const half = await harness.run([
      '--days',
      '1',
      '--strategy',
      'pv-as-forecast',
      '--store',
      store,
      '--json',
    ]);
    const whole = await harness.run([
      '--days',
      '1',
      '--strategy',
      'pv-as-forecast',
      '--penalty-factor',
      '1',
      '--store',
      store,
      '--json',
    ]);
    const a = JSON.parse(half.out) as SimulationSummary;
    const b = JSON.parse(whole.out) as SimulationSummary;
    expect(b.deviationPenaltySmpFactor).toBe(1);
    // The same store, read again: only the valuation differs.
    expect(b.total.revenueKrw).toBe(a.total.revenueKrw);
    expect(Math.abs((b.total.penaltyKrw ?? 0) - 2 * (a.total.penaltyKrw ?? 0))).toBeLessThanOrEqual(
      1,
    );
  }, 120_000);
});
