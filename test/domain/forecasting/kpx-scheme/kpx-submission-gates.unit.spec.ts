import {
  DEFAULT_KPX_FORECAST_SCHEME,
  kpxSubmissionGateMs,
  kpxSubmissionGates,
  validateKpxForecastScheme,
} from '../../../../domain/forecasting/kpx-scheme/index.js';
import { TradingDay } from '../../../../domain/shared/time/trading-day.js';
import { expectDomainError } from '../../../support/expect-domain-error.js';

describe('the KPX forecast submission gates', () => {
  it('are D-1 10:00 and D-1 17:00 KST by default', () => {
    expect(kpxSubmissionGates(TradingDay.parse('2024-06-03'), DEFAULT_KPX_FORECAST_SCHEME)).toEqual(
      {
        first: '2024-06-02T01:00:00.000Z',
        second: '2024-06-02T08:00:00.000Z',
      },
    );
  });

  it('cross month and year ends on the KST calendar', () => {
    expect(
      kpxSubmissionGates(TradingDay.parse('2025-01-01'), DEFAULT_KPX_FORECAST_SCHEME).first,
    ).toBe('2024-12-31T01:00:00.000Z');
  });

  it('follow configured gate times', () => {
    const scheme = validateKpxForecastScheme({
      ...DEFAULT_KPX_FORECAST_SCHEME,
      submissionGatesKst: { first: '09:30', second: '16:45' },
    });
    const day = TradingDay.parse('2024-06-03');
    expect(new Date(kpxSubmissionGateMs(day, 'second', scheme)).toISOString()).toBe(
      '2024-06-02T07:45:00.000Z',
    );
  });

  it('refuses a scheme with bad gates or sizes, naming the field', () => {
    const bad = (patch: object) => () =>
      validateKpxForecastScheme({ ...DEFAULT_KPX_FORECAST_SCHEME, ...patch });
    expect(
      expectDomainError(
        bad({ submissionGatesKst: { first: '10:00', second: '10:00' } }),
        'FORECAST.INVALID_SCHEME',
      ).field,
    ).toBe('scheme.submissionGatesKst');
    expect(
      expectDomainError(
        bad({ submissionGatesKst: { first: '25:00', second: '17:00' } }),
        'FORECAST.INVALID_SCHEME',
      ).field,
    ).toBe('scheme.submissionGatesKst.first');
    expect(
      expectDomainError(bad({ registrationThresholdKw: 0 }), 'FORECAST.INVALID_SCHEME').field,
    ).toBe('scheme.registrationThresholdKw');
  });
});
