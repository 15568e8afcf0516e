import { forecastDecider } from '../../../../domain/forecasting/forecast-decider.js';
import { toForecastStreamId } from '../../../../domain/forecasting/forecast-ids.js';
import { latestForecast, forecastVersion } from '../../../../domain/forecasting/forecast-state.js';
import { deciderSpec } from '../../../support/decider-spec.js';
import { expectDomainError } from '../../../support/expect-domain-error.js';
import { DAY, forecastIssued, issueForecast, pvSeries } from './forecast.builders.js';

const { given } = deciderSpec(forecastDecider);

describe('issuing a forecast', () => {
  it('records the first forecast of a day as version 1', () => {
    const state = given([])
      .when(issueForecast())
      .then([forecastIssued(1)]);
    expect(latestForecast(state)?.version).toBe(1);
  });

  it('numbers later forecasts 2, 3, ... and keeps every version', () => {
    const state = given([forecastIssued(1)])
      .when(issueForecast({ forecastId: 'fc-2', issuedAt: '2024-06-02T07:00:00.000Z' }))
      .then([forecastIssued(2, { forecastId: 'fc-2', issuedAt: '2024-06-02T07:00:00.000Z' })]);
    expect(latestForecast(state)?.forecastId).toBe('fc-2');
    expect(forecastVersion(state, 1)?.forecastId).toBe('fc-1');
  });

  it('appends nothing when the same forecast id comes again with the same content', () => {
    given([forecastIssued(1)])
      .when(issueForecast())
      .then([]);
  });

  it('takes the issue instant in any offset and stores it as canonical UTC', () => {
    given([])
      .when(issueForecast({ issuedAt: '2024-06-02T09:00:00+09:00' }))
      .then([forecastIssued(1, { issuedAt: ISSUED_AT_UTC })]);
  });

  it('records which series were left out, and why', () => {
    const omitted = [
      { microVppId: 'micro-b', assetKind: 'load' as const, reason: 'no meter history' },
    ];
    given([])
      .when(issueForecast({ omitted }))
      .then([forecastIssued(1, { omitted })]);
  });

  it('accepts 96 values per level on a 15-minute grid', () => {
    const series = [pvSeries('micro-a', 2.5, 96)];
    given([])
      .when(issueForecast({ intervalMinutes: 15, series }))
      .then([forecastIssued(1, { intervalMinutes: 15, series })]);
  });

  it('refuses the same forecast id with other content', () => {
    given([forecastIssued(1)])
      .when(issueForecast({ series: [pvSeries('micro-a', 11)] }))
      .thenThrows('FORECAST.ID_CONFLICT', 'forecastId');
  });

  it('refuses a forecast issued after its trading day has ended', () => {
    given([])
      .when(issueForecast({ issuedAt: '2024-06-03T15:00:00.000Z' }))
      .thenThrows('FORECAST.ISSUED_AFTER_DAY', 'issuedAt');
  });

  it('refuses a row that does not have one value per interval of the grid', () => {
    const series = [pvSeries('micro-a', 1, 96)];
    given([])
      .when(issueForecast({ series }))
      .thenThrows('FORECAST.INTERVAL_COUNT_MISMATCH', 'series[0].values[0]');
  });

  it('refuses an interval length other than 60, 30, 15 or 5 minutes', () => {
    given([])
      .when(issueForecast({ intervalMinutes: 20 }))
      .thenThrows('FORECAST.INVALID_INTERVAL_LENGTH', 'intervalMinutes');
  });

  it('refuses negative PV energy, and any value that is not finite', () => {
    const negative = pvSeries('micro-a', 1);
    (negative.values[0] as number[])[5] = -0.1;
    given([])
      .when(issueForecast({ series: [negative] }))
      .thenThrows('FORECAST.INVALID_VALUE', 'series[0].values[0][5]');
    const notFinite = pvSeries('micro-a', 1);
    (notFinite.values[2] as number[])[7] = Number.NaN;
    given([])
      .when(issueForecast({ series: [notFinite] }))
      .thenThrows('FORECAST.INVALID_VALUE', 'series[0].values[2][7]');
  });

  it('lets a net-metered load go negative (export), but not a generator', () => {
    const load = { ...pvSeries('micro-a', -1), assetKind: 'load' as const };
    // -0.8, -1, -1.2 would cross; for a negative load the levels are -1.2, -1, -0.8.
    const ordered = { ...load, values: [...load.values].reverse() };
    given([])
      .when(issueForecast({ series: [ordered] }))
      .then([forecastIssued(1, { series: [ordered] })]);
  });

  it('refuses levels that are not strictly increasing in (0, 1)', () => {
    for (const levels of [
      [0.5, 0.1, 0.9],
      [0, 0.5, 0.9],
      [0.1, 0.5, 1],
      [0.1, 0.1, 0.9],
    ])
      given([])
        .when(issueForecast({ series: [{ ...pvSeries('micro-a', 1), levels }] }))
        .thenThrows('FORECAST.INVALID_LEVELS');
  });

  it('refuses quantiles that cross in an interval, naming the interval', () => {
    const crossed = pvSeries('micro-a', 1);
    (crossed.values[1] as number[])[12] = 2; // P50 above P90 (1.2)
    given([])
      .when(issueForecast({ series: [crossed] }))
      .thenThrows('FORECAST.QUANTILES_CROSSED', 'series[0].values[2][12]');
  });

  it('refuses two series of the same micro-VPP and kind', () => {
    given([])
      .when(issueForecast({ series: [pvSeries('micro-a', 1), pvSeries('micro-a', 2)] }))
      .thenThrows('FORECAST.DUPLICATE_SERIES', 'series[1]');
  });

  it('refuses an inputs digest that is not a SHA-256 hex digest', () => {
    given([])
      .when(issueForecast({ inputsDigest: 'AB'.repeat(32) }))
      .thenThrows('FORECAST.INVALID_DIGEST', 'inputsDigest');
  });

  it('refuses a command for another portfolio or day than the stream holds', () => {
    given([forecastIssued(1)])
      .when(issueForecast({ forecastId: 'fc-2', portfolioId: 'other' }))
      .thenThrows('FORECAST.STREAM_MISMATCH');
  });

  it('refuses ids that cannot be part of a stream id', () => {
    given([])
      .when(issueForecast({ portfolioId: 'a b' }))
      .thenThrows('FORECAST.INVALID_ID', 'portfolioId');
    given([])
      .when(issueForecast({ series: [pvSeries('micro/a', 1)] }))
      .thenThrows('FORECAST.INVALID_ID', 'series[0].microVppId');
  });
});

describe('the forecast stream id', () => {
  it('is forecast-{portfolioId}-{tradingDay}', () => {
    expect(toForecastStreamId('vpp-1', DAY)).toBe('forecast-vpp-1-2024-06-03');
  });

  it('refuses a day that is not YYYY-MM-DD and a portfolio id too long for the store', () => {
    expectDomainError(() => toForecastStreamId('vpp-1', '2024-6-3'), 'FORECAST.INVALID_DAY');
    expectDomainError(() => toForecastStreamId('p'.repeat(181), DAY), 'FORECAST.INVALID_ID');
    expect(toForecastStreamId('p'.repeat(180), DAY).length).toBeLessThanOrEqual(200);
  });
});

const ISSUED_AT_UTC = '2024-06-02T00:00:00.000Z';
