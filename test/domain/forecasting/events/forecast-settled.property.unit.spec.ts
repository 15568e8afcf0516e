import fc from 'fast-check';
import { forecastDecider } from '../../../../domain/forecasting/forecast-decider.js';
import type { ForecastEvent } from '../../../../domain/forecasting/forecast-events.js';
import { settledKpxForecast } from '../../../../domain/forecasting/forecast-state.js';
import type { ForecastSeries } from '../../../../domain/forecasting/forecast-series.js';
import { issueForecast, submitKpx } from './forecast.builders.js';

const { decide, evolve, initialState } = forecastDecider;

// Energies as forecasts hold them: kWh to the watt-hour, from nothing to a large plant's hour.
const energyArb = fc.integer({ min: 0, max: 50_000_000 }).map((wh) => wh / 1000);
const hoursArb = fc.array(energyArb, { minLength: 24, maxLength: 24 });

/** A P10/P50/P90 series around `p50`, ordered as the decider requires. */
const seriesAround = (p50: readonly number[]): ForecastSeries => ({
  microVppId: 'micro-a',
  assetKind: 'pv',
  unit: 'kWh',
  levels: [0.1, 0.5, 0.9],
  values: [p50.map((v) => v * 0.5), [...p50], p50.map((v) => v * 2)],
});

describe('the settled KPX forecast of any two submissions', () => {
  it('is their hourly mean and lies between them, whatever versions were submitted', () => {
    fc.assert(
      fc.property(hoursArb, hoursArb, (firstP50, secondP50) => {
        let state = initialState();
        const run = (events: readonly ForecastEvent[]) => {
          for (const event of events) state = evolve(state, event);
        };
        run(decide(issueForecast({ series: [seriesAround(firstP50)] }), state));
        run(decide(submitKpx({ slot: 'first' }), state));
        run(
          decide(
            issueForecast({
              forecastId: 'fc-2',
              issuedAt: '2024-06-02T07:00:00.000Z',
              series: [seriesAround(secondP50)],
            }),
            state,
          ),
        );
        run(decide(submitKpx({ slot: 'second', submittedAt: '2024-06-02T07:59:00.000Z' }), state));

        const settled = settledKpxForecast(state);
        expect(settled?.basis).toBe('mean_of_submissions');
        settled?.energyKwh.forEach((f, h) => {
          const a = firstP50[h] ?? Number.NaN;
          const b = secondP50[h] ?? Number.NaN;
          expect(f).toBeCloseTo((a + b) / 2, 9);
          expect(f).toBeGreaterThanOrEqual(Math.min(a, b));
          expect(f).toBeLessThanOrEqual(Math.max(a, b));
        });
      }),
      { numRuns: 200 },
    );
  });
});
