import {
  GENERATION_ASSET_KINDS,
  type ForecastAssetKind,
} from '../../../domain/forecasting/forecast-series.js';
import type {
  ForecastDay,
  IssuedForecast,
  KpxSubmission,
} from '../../../domain/forecasting/forecast-state.js';
import { settledKpxForecast } from '../../../domain/forecasting/forecast-state.js';
import {
  kpxSubmissionGates,
  type KpxForecastScheme,
  type KpxSubmissionSlot,
  type SettledKpxForecast,
} from '../../../domain/forecasting/kpx-scheme/index.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';

/** A forecast version with the day's KPX scheme state: what `GET .../forecasts/:day` answers. */
export interface ForecastView {
  readonly streamId: string;
  readonly portfolioId: string;
  readonly tradingDay: string;
  /** How many versions the day has; `forecast` is the latest unless one was asked for. */
  readonly versionCount: number;
  readonly forecast: IssuedForecast;
  readonly totals: ForecastTotals;
  readonly kpx: {
    readonly gates: Readonly<Record<KpxSubmissionSlot, string>>;
    readonly submissions: Readonly<Partial<Record<KpxSubmissionSlot, KpxSubmission>>>;
    readonly settled: SettledKpxForecast | null;
  };
}

/** Per asset kind and level, the portfolio's energy per interval and over the day, in kWh. */
export interface ForecastTotals {
  readonly byKind: Readonly<
    Partial<
      Record<
        ForecastAssetKind,
        {
          readonly levels: readonly number[];
          readonly microVppCount: number;
          /** `[level][interval]` summed over micro-VPPs. */
          readonly intervalKwh: readonly (readonly number[])[];
          readonly dayKwh: readonly number[];
        }
      >
    >
  >;
}

export const forecastView = (
  streamId: string,
  state: ForecastDay,
  forecast: IssuedForecast,
  scheme: KpxForecastScheme,
): ForecastView => {
  const settled = settledKpxForecast(state);
  return {
    streamId,
    portfolioId: state.portfolioId,
    tradingDay: state.tradingDay,
    versionCount: state.versions.length,
    forecast,
    totals: forecastTotals(forecast),
    kpx: {
      gates: kpxSubmissionGates(TradingDay.parse(state.tradingDay), scheme),
      submissions: state.submissions,
      settled: settled ?? null,
    },
  };
};

/**
 * Sums series of one kind whose levels agree; a kind whose series use different levels is summed
 * per the first series' levels only where they match (they always do for one issuer run).
 */
export const forecastTotals = (forecast: IssuedForecast): ForecastTotals => {
  const byKind: Record<
    string,
    { levels: number[]; microVppCount: number; intervalKwh: number[][] }
  > = {};
  for (const series of forecast.series) {
    const total = (byKind[series.assetKind] ??= {
      levels: [...series.levels],
      microVppCount: 0,
      intervalKwh: series.levels.map(() =>
        new Array<number>(series.values[0]?.length ?? 0).fill(0),
      ),
    });
    if (series.levels.join() !== total.levels.join()) continue;
    total.microVppCount++;
    series.values.forEach((row, l) => {
      const out = total.intervalKwh[l] as number[];
      row.forEach((value, i) => (out[i] = (out[i] as number) + value));
    });
  }
  const rounded = (value: number): number => Math.round(value * 1000) / 1000 + 0;
  return {
    byKind: Object.fromEntries(
      Object.entries(byKind).map(([kind, total]) => [
        kind,
        {
          ...total,
          intervalKwh: total.intervalKwh.map((row) => row.map(rounded)),
          dayKwh: total.intervalKwh.map((row) => rounded(row.reduce((a, b) => a + b, 0))),
        },
      ]),
    ),
  };
};

/** A short account of a version, for command responses and the CLI. */
export const forecastSummary = (forecast: IssuedForecast) => ({
  forecastId: forecast.forecastId,
  version: forecast.version,
  issuedAt: forecast.issuedAt,
  intervalMinutes: forecast.intervalMinutes,
  model: { name: forecast.model.name, version: forecast.model.version },
  inputsDigest: forecast.inputsDigest,
  seriesCount: forecast.series.length,
  generationSeriesCount: forecast.series.filter((s) => GENERATION_ASSET_KINDS.includes(s.assetKind))
    .length,
  omitted: forecast.omitted,
  dayKwh: Object.fromEntries(
    Object.entries(forecastTotals(forecast).byKind).map(([kind, total]) => [
      kind,
      Object.fromEntries(
        total.levels.map((level, l) => [`p${Math.round(level * 100)}`, total.dayKwh[l]]),
      ),
    ]),
  ),
});
