import { Inject, Injectable } from '@nestjs/common';
import {
  dayCount,
  dayIndexOf,
  type HourlySeries,
} from '../../../domain/forecasting/hourly-series.js';
import {
  assertClearnessOutlook,
  flatClearnessOutlook,
  type ClearnessOutlook,
} from '../../../domain/forecasting/pv/clearness.js';
import {
  createReferenceClearSky,
  learnMarketClearness,
  type ReferenceClearSky,
} from '../../../domain/forecasting/pv/market-clearness.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { resolveDataFile } from '../data-files/kpx-data-files.js';
import { readHourlyCsvFile } from '../data-files/hourly-csv.reader.js';
import { FORECASTING_CONFIG, type ForecastingConfig } from './forecasting-config.js';

/**
 * Where the day's clearness came from, recorded in the event's model parameters:
 * - `request`: given by the caller;
 * - `market_series`: learnt from the market solar series up to D-1 (the day is inside it);
 * - `market_series_analogue`: the day is outside the series, so the outlook is the one learnt for
 *   the same calendar date of the series' year (or the nearest date it covers): seasonal only;
 * - `default`: no series at all; a fixed, wide outlook (ASSUMPTION, see DEFAULT_OUTLOOK_RATIOS).
 */
export type OutlookSource = 'request' | 'market_series' | 'market_series_analogue' | 'default';

export interface ResolvedOutlook {
  readonly outlook: ClearnessOutlook;
  readonly source: OutlookSource;
  /** The series day the outlook was learnt for, when it came from the series. */
  readonly learntFor?: string;
}

/**
 * ASSUMPTION: without any history, P10/P50/P90 clearness of 0.35/0.75/0.95 of clear sky: a
 * typical Korean spread between overcast and clear days, wide on purpose.
 */
export const DEFAULT_OUTLOOK_RATIOS: readonly number[] = [0.35, 0.75, 0.95];
const MIN_HISTORY_DAYS = 3;

@Injectable()
export class ClearnessOutlookSource {
  private series: Promise<HourlySeries | undefined> | undefined;
  private readonly reference: ReferenceClearSky = createReferenceClearSky();

  constructor(@Inject(FORECASTING_CONFIG) private readonly config: ForecastingConfig) {}

  async outlookFor(day: TradingDay, given?: unknown): Promise<ResolvedOutlook> {
    if (given !== undefined) {
      const outlook = outlookFromJson(given);
      assertClearnessOutlook(outlook);
      return { outlook, source: 'request' };
    }
    const series = await this.marketSeries();
    if (series !== undefined && dayCount(series) >= MIN_HISTORY_DAYS) {
      const index = dayIndexOf(series, day);
      const inside = index >= MIN_HISTORY_DAYS && index <= dayCount(series);
      const target = inside ? index : analogueIndex(series, day);
      const learnt = learnMarketClearness(series, target, this.reference);
      if (learnt !== undefined)
        return {
          outlook: learnt.outlook,
          source: inside ? 'market_series' : 'market_series_analogue',
          learntFor: series.firstDay.plusDays(target).toString(),
        };
    }
    return { outlook: flatClearnessOutlook(DEFAULT_OUTLOOK_RATIOS), source: 'default' };
  }

  /** Read once per process; a missing file means no series, a broken one is an error. */
  private marketSeries(): Promise<HourlySeries | undefined> {
    this.series ??= this.readSeries();
    return this.series;
  }

  private async readSeries(): Promise<HourlySeries | undefined> {
    if (this.config.solarData === 'none') return undefined;
    let file: { path: string; column: string };
    try {
      file = resolveDataFile('pv', 'mainland', this.config.solarData, process.cwd());
      const data = await readHourlyCsvFile(file.path, [file.column]);
      return data.series[file.column];
    } catch (error) {
      // Without the shared data the service still issues, with the default outlook.
      if (isDomainError(error) && error.code === 'FORECAST.DATA_FILE_NOT_FOUND') return undefined;
      throw error;
    }
  }
}

/** The series day with the target's month and day (clamped into what the series can learn for). */
const analogueIndex = (series: HourlySeries, day: TradingDay): number => {
  const year = series.firstDay.year;
  const sameDate = safeDay(year, day.month, day.day);
  const index = dayIndexOf(series, sameDate);
  return Math.min(dayCount(series), Math.max(MIN_HISTORY_DAYS, index));
};

// 29 February has no analogue in a common year: the 28th stands in.
const safeDay = (year: number, month: number, day: number): TradingDay => {
  try {
    return TradingDay.of(year, month, day);
  } catch {
    return TradingDay.of(year, month, day - 1);
  }
};

/** An outlook as JSON carries it (plain arrays), turned into the typed arrays the model takes. */
export const outlookFromJson = (raw: unknown): ClearnessOutlook => {
  const value = raw as { levels?: unknown; ratioByLevel?: unknown } | null;
  const levels = Array.isArray(value?.levels) ? (value.levels as number[]) : [];
  const rows = Array.isArray(value?.ratioByLevel) ? (value.ratioByLevel as unknown[]) : [];
  return {
    levels,
    ratioByLevel: rows.map((row) =>
      row instanceof Float64Array ? row : Float64Array.from(Array.isArray(row) ? row : []),
    ),
  };
};

/** The outlook as plain JSON, as recorded in the event so a DER's share can be recomputed. */
export const outlookToJson = (
  outlook: ClearnessOutlook,
): { levels: number[]; ratioByLevel: number[][] } => ({
  levels: [...outlook.levels],
  ratioByLevel: outlook.ratioByLevel.map((row) => Array.from(row)),
});
