import type {
  IssueForecast,
  SubmitKpxForecast,
} from '../../../../domain/forecasting/forecast-commands.js';
import type {
  ForecastIssued,
  KpxForecastSubmitted,
} from '../../../../domain/forecasting/forecast-events.js';
import type { ForecastSeries } from '../../../../domain/forecasting/forecast-series.js';
import { DEFAULT_KPX_FORECAST_SCHEME } from '../../../../domain/forecasting/kpx-scheme/index.js';
import type { RenewablePlant } from '../../../../domain/forecasting/kpx-scheme/index.js';

export const PORTFOLIO = 'vpp-1';
export const DAY = '2024-06-03';
/** D-1 = 2024-06-02: 10:00 KST is 01:00 UTC, 17:00 KST is 08:00 UTC. */
export const FIRST_GATE = '2024-06-02T01:00:00.000Z';
export const SECOND_GATE = '2024-06-02T08:00:00.000Z';
export const ISSUED_AT = '2024-06-02T00:00:00.000Z';
export const DIGEST = 'ab'.repeat(32);

/** A PV series whose P10/P50/P90 are 0.8, 1 and 1.2 times `kwhPerInterval` in every interval. */
export const pvSeries = (
  microVppId: string,
  kwhPerInterval: number,
  intervals = 24,
): ForecastSeries => ({
  microVppId,
  assetKind: 'pv',
  unit: 'kWh',
  levels: [0.1, 0.5, 0.9],
  values: [0.8, 1, 1.2].map((f) => new Array<number>(intervals).fill(kwhPerInterval * f)),
});

type IssueData = IssueForecast['data'];

export const issueForecast = (overrides: Partial<IssueData> = {}): IssueForecast => ({
  type: 'IssueForecast',
  data: {
    portfolioId: PORTFOLIO,
    tradingDay: DAY,
    forecastId: 'fc-1',
    issuedAt: ISSUED_AT,
    intervalMinutes: 60,
    model: { name: 'pv-fleet', version: '1', parameters: { levels: [0.1, 0.5, 0.9] } },
    inputsDigest: DIGEST,
    series: [pvSeries('micro-a', 10), pvSeries('micro-b', 5)],
    omitted: [],
    ...overrides,
  },
});

/** The event `issueForecast(overrides)` produces as version `version`. */
export const forecastIssued = (
  version: number,
  overrides: Partial<IssueData> = {},
): ForecastIssued => {
  const { data } = issueForecast(overrides);
  return { type: 'ForecastIssued', data: { ...data, omitted: data.omitted ?? [], version } };
};

/** 25 plants of 1 MW: an aggregate of 25 MW, above the 20 MW threshold. */
export const ELIGIBLE_PLANTS: readonly RenewablePlant[] = Array.from({ length: 25 }, (_, i) => ({
  plantId: `pv-${i}`,
  kind: 'pv',
  capacityKw: 1_000,
}));

export const submitKpx = (
  overrides: Partial<SubmitKpxForecast['data']> = {},
): SubmitKpxForecast => ({
  type: 'SubmitKpxForecast',
  data: {
    portfolioId: PORTFOLIO,
    tradingDay: DAY,
    slot: 'first',
    submittedAt: '2024-06-02T00:30:00.000Z',
    renewablePlants: ELIGIBLE_PLANTS,
    scheme: DEFAULT_KPX_FORECAST_SCHEME,
    ...overrides,
  },
});

export const kpxSubmitted = (
  overrides: Partial<KpxForecastSubmitted['data']> = {},
): KpxForecastSubmitted => ({
  type: 'KpxForecastSubmitted',
  data: {
    portfolioId: PORTFOLIO,
    tradingDay: DAY,
    slot: 'first',
    gateAt: FIRST_GATE,
    submittedAt: '2024-06-02T00:30:00.000Z',
    forecastId: 'fc-1',
    forecastVersion: 1,
    eligibilityBasis: 'aggregate',
    registeredCapacityKw: 25_000,
    unit: 'kWh',
    energyKwh: new Array<number>(24).fill(15), // P50 of micro-a (10) + micro-b (5)
    ...overrides,
  },
});
