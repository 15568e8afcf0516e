import { forecastDecider } from '../../../../domain/forecasting/forecast-decider.js';
import { settledKpxForecast } from '../../../../domain/forecasting/forecast-state.js';
import { deciderSpec } from '../../../support/decider-spec.js';
import {
  FIRST_GATE,
  SECOND_GATE,
  forecastIssued,
  kpxSubmitted,
  pvSeries,
  submitKpx,
} from './forecast.builders.js';

const { given } = deciderSpec(forecastDecider);

const V2_AT = '2024-06-02T07:00:00.000Z';
const version2 = forecastIssued(2, {
  forecastId: 'fc-2',
  issuedAt: V2_AT,
  series: [pvSeries('micro-a', 12), pvSeries('micro-b', 6)],
});

describe('submitting to the KPX renewable forecast scheme', () => {
  it('submits the hourly P50 of the PV series, summed over micro-VPPs, before the 10:00 gate', () => {
    given([forecastIssued(1)])
      .when(submitKpx())
      .then([kpxSubmitted()]);
  });

  it('is on time at the gate instant itself, late one millisecond after it', () => {
    given([forecastIssued(1)])
      .when(submitKpx({ submittedAt: FIRST_GATE }))
      .then([kpxSubmitted({ submittedAt: FIRST_GATE })]);
    given([forecastIssued(1)])
      .when(submitKpx({ submittedAt: '2024-06-02T01:00:00.001Z' }))
      .thenThrows('FORECAST.GATE_CLOSED', 'slot');
  });

  it('holds the second submission to the 17:00 gate', () => {
    const submittedAt = '2024-06-02T07:30:00.000Z';
    given([forecastIssued(1), version2])
      .when(submitKpx({ slot: 'second', submittedAt }))
      .then([
        kpxSubmitted({
          slot: 'second',
          gateAt: SECOND_GATE,
          submittedAt,
          forecastId: 'fc-2',
          forecastVersion: 2,
          energyKwh: new Array<number>(24).fill(18),
        }),
      ]);
    given([forecastIssued(1)])
      .when(submitKpx({ slot: 'second', submittedAt: '2024-06-02T08:00:00.001Z' }))
      .thenThrows('FORECAST.GATE_CLOSED', 'slot');
  });

  it('sums the intervals of each hour of a 15-minute forecast', () => {
    const series = [pvSeries('micro-a', 2.5, 96)];
    given([forecastIssued(1, { intervalMinutes: 15, series })])
      .when(submitKpx())
      .then([kpxSubmitted({ energyKwh: new Array<number>(24).fill(10) })]);
  });

  it('takes the latest version issued by the time of the submission', () => {
    given([forecastIssued(1), version2])
      .when(submitKpx())
      .then([kpxSubmitted()]);
  });

  it('submits the version asked for, but not one issued after the submission', () => {
    given([forecastIssued(1), version2])
      .when(submitKpx({ forecastVersion: 2, submittedAt: '2024-06-02T00:30:00.000Z' }))
      .thenThrows('FORECAST.ISSUED_AFTER_SUBMISSION', 'forecastVersion');
    given([forecastIssued(1)])
      .when(submitKpx({ forecastVersion: 3 }))
      .thenThrows('FORECAST.NOT_FOUND', 'forecastVersion');
  });

  it('refuses a portfolio below the registration threshold', () => {
    const plants = Array.from({ length: 20 }, (_, i) => ({
      plantId: `pv-${i}`,
      kind: 'pv' as const,
      capacityKw: 1_000,
    })); // exactly 20 MW: the threshold must be exceeded
    given([forecastIssued(1)])
      .when(submitKpx({ renewablePlants: plants }))
      .thenThrows('FORECAST.BELOW_REGISTRATION_THRESHOLD', 'portfolioId');
  });

  it('refuses a submission before any forecast was issued', () => {
    given([]).when(submitKpx()).thenThrows('FORECAST.NOT_FOUND');
  });

  it('refuses an unknown slot and a forecast without PV or a median', () => {
    given([forecastIssued(1)])
      .when(submitKpx({ slot: 'third' as never }))
      .thenThrows('FORECAST.INVALID_SLOT', 'slot');
    const load = { ...pvSeries('micro-a', 1), assetKind: 'load' as const };
    given([forecastIssued(1, { series: [load] })])
      .when(submitKpx())
      .thenThrows('FORECAST.NO_RENEWABLE_SERIES');
    const noMedian = { ...pvSeries('micro-a', 1), levels: [0.1, 0.6, 0.9] };
    given([forecastIssued(1, { series: [noMedian] })])
      .when(submitKpx())
      .thenThrows('FORECAST.NO_MEDIAN');
  });

  it('treats the same version in the same slot as a retry, even after the gate', () => {
    given([forecastIssued(1), kpxSubmitted()])
      .when(submitKpx({ submittedAt: '2024-06-02T03:00:00.000Z', forecastVersion: 1 }))
      .then([]);
  });

  it('replaces the slot with a newer version before the gate, and records which it replaced', () => {
    const submittedAt = '2024-06-02T00:50:00.000Z';
    const newer = forecastIssued(2, {
      forecastId: 'fc-2',
      issuedAt: '2024-06-02T00:40:00.000Z',
      series: [pvSeries('micro-a', 12), pvSeries('micro-b', 6)],
    });
    const state = given([forecastIssued(1), kpxSubmitted(), newer])
      .when(submitKpx({ submittedAt }))
      .then([
        kpxSubmitted({
          submittedAt,
          forecastId: 'fc-2',
          forecastVersion: 2,
          replacesVersion: 1,
          energyKwh: new Array<number>(24).fill(18),
        }),
      ]);
    expect(settledKpxForecast(state)?.energyKwh[0]).toBe(18);
  });

  it('refuses a replacement after the gate', () => {
    given([forecastIssued(1), kpxSubmitted(), version2])
      .when(submitKpx({ submittedAt: '2024-06-02T07:30:00.000Z' }))
      .thenThrows('FORECAST.GATE_CLOSED', 'slot');
  });

  it('refuses gates in the wrong order', () => {
    given([forecastIssued(1)])
      .when(
        submitKpx({
          scheme: {
            registrationThresholdKw: 20_000,
            maxAggregatedPlantKw: 1_000,
            submissionGatesKst: { first: '17:00', second: '10:00' },
          },
        }),
      )
      .thenThrows('FORECAST.INVALID_SCHEME');
  });
});

describe('the settled forecast', () => {
  const second = kpxSubmitted({
    slot: 'second',
    gateAt: SECOND_GATE,
    submittedAt: '2024-06-02T07:30:00.000Z',
    forecastId: 'fc-2',
    forecastVersion: 2,
    energyKwh: new Array<number>(24).fill(18),
  });
  const fold = (events: Parameters<typeof forecastDecider.evolve>[1][]) =>
    events.reduce(forecastDecider.evolve, forecastDecider.initialState());

  it('is the hourly mean of the two submissions', () => {
    const settled = settledKpxForecast(fold([forecastIssued(1), version2, kpxSubmitted(), second]));
    expect(settled).toEqual({ basis: 'mean_of_submissions', energyKwh: new Array(24).fill(16.5) });
  });

  it('is the one submission made, flagged, when the other is missing', () => {
    expect(settledKpxForecast(fold([forecastIssued(1), kpxSubmitted()]))?.basis).toBe('first_only');
    expect(settledKpxForecast(fold([forecastIssued(1), version2, second]))).toEqual({
      basis: 'second_only',
      energyKwh: new Array(24).fill(18),
    });
  });

  it('does not exist before any submission', () => {
    expect(settledKpxForecast(fold([forecastIssued(1)]))).toBeUndefined();
    expect(settledKpxForecast(fold([]))).toBeUndefined();
  });
});
