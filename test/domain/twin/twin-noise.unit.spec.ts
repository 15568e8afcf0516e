import fc from 'fast-check';
import { pv } from '../../support/builders/der.builders.js';
import { asset, siteOf, times } from '../../support/builders/twin.builders.js';
import { scenarioArb, type TwinScenario } from '../../support/twin-arbitraries.js';
import {
  createTwinState,
  simulateMicroVpp,
  stepTwin,
  type TwinIntervalActuals,
  type TwinNoise,
} from '../../../domain/twin/index.js';

const noiseArb = fc.record({
  seed: fc.oneof(fc.string(), fc.integer()),
  pvRelativeStd: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
  loadRelativeStd: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
});

const simulate = (s: TwinScenario, noise: TwinNoise) =>
  simulateMicroVpp(s.site, s.grid, s.initial, s.inputs, s.setpoints, noise);

/** What the noise touches: building load and PV availability. */
const realised = (intervals: readonly TwinIntervalActuals[]) =>
  intervals.flatMap((i) => [
    i.buildingLoadKw,
    ...i.assets.flatMap((a) => (a.kind === 'pv' ? [a.availableKw] : [])),
  ]);

describe('Seeded noise of the twin', () => {
  it('gives the same actuals for the same seed', () => {
    fc.assert(
      fc.property(scenarioArb(12), noiseArb, (s, noise) => {
        const a = simulate(s, noise);
        const b = simulate(s, { ...noise });
        expect(b.intervals).toEqual(a.intervals);
        expect(b.totals).toEqual(a.totals);
      }),
      { numRuns: 100 },
    );
  });

  it('gives different load and PV for a different seed when noise is on', () => {
    fc.assert(
      fc.property(scenarioArb(12), noiseArb, fc.integer(), (s, noise, other) => {
        fc.pre(String(other) !== String(noise.seed));
        const a = realised(simulate(s, noise).intervals);
        const b = realised(simulate(s, { ...noise, seed: other }).intervals);
        const forecasts = realised(
          simulate(s, { ...noise, pvRelativeStd: 0, loadRelativeStd: 0 }).intervals,
        );
        fc.pre(forecasts.some((kw) => kw > 1e-6));
        expect(b).not.toEqual(a);
      }),
      { numRuns: 100 },
    );
  });

  it('leaves inputs exact when both deviations are 0', () => {
    fc.assert(
      fc.property(scenarioArb(12), fc.integer(), (s, seed) => {
        const exact = simulate(s, { seed, pvRelativeStd: 0, loadRelativeStd: 0 });
        expect(exact.intervals.map((i) => i.buildingLoadKw)).toEqual(s.inputs.buildingLoadKw);
      }),
      { numRuns: 50 },
    );
  });

  it('stepping interval by interval gives exactly the whole-horizon result', () => {
    fc.assert(
      fc.property(scenarioArb(12), noiseArb, (s, noise) => {
        const whole = simulate(s, noise);
        let state = createTwinState(s.site, s.grid, s.initial, noise);
        const stepped: TwinIntervalActuals[] = [];
        for (let t = 0; t < s.grid.intervalCount; t++) {
          const at = <T>(record: Readonly<Record<string, readonly T[]>> | undefined) =>
            Object.fromEntries(Object.entries(record ?? {}).map(([id, xs]) => [id, xs[t] as T]));
          const step = stepTwin(
            state,
            {
              buildingLoadKw: s.inputs.buildingLoadKw[t] as number,
              pv: Object.fromEntries(
                Object.entries(s.inputs.pv ?? {}).map(([id, p]) => [
                  id,
                  'availableKw' in p
                    ? { availableKw: p.availableKw[t] as number }
                    : { irradianceWPerM2: p.irradianceWPerM2[t] as number },
                ]),
              ),
              drBaselineKw: at(s.inputs.drBaselineKw),
            },
            {
              essKw: at(s.setpoints.essKw),
              pvCapKw: at(s.setpoints.pvCapKw),
              drReductionKw: at(s.setpoints.drReductionKw),
              evKw: at(s.setpoints.evKw),
              fuelCellKw: at(s.setpoints.fuelCellKw),
            },
          );
          state = step.state;
          stepped.push(step.actuals);
        }
        expect(stepped).toEqual(whole.intervals);
        expect(state.assets).toEqual(whole.finalState.assets);
      }),
      { numRuns: 100 },
    );
  });

  it('perturbs a 100 kW load with mean 100 kW and a standard deviation near 10 kW at 10 %', () => {
    const n = 1440;
    const result = simulateMicroVpp(
      siteOf([asset('pv-1', pv())]),
      { intervalMinutes: 1, intervalCount: n },
      {},
      { buildingLoadKw: times(100, n), pv: { 'pv-1': { availableKw: times(0, n) } } },
      {},
      { seed: 'load-check', pvRelativeStd: 0, loadRelativeStd: 0.1 },
    );
    const loads = result.intervals.map((i) => i.buildingLoadKw);
    const mean = loads.reduce((a, b) => a + b, 0) / n;
    const std = Math.sqrt(loads.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    expect(Math.abs(mean - 100)).toBeLessThan(1);
    expect(Math.abs(std - 10)).toBeLessThan(1);
  });
});
