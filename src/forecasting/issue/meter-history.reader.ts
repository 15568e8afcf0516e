import { Inject, Injectable } from '@nestjs/common';
import type { HourlySeries } from '../../../domain/forecasting/hourly-series.js';
import { toMeterStreamId } from '../../../domain/metering/index.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { instantMs } from '../../../domain/shared/iso-instant.js';
import { HOURS_PER_DAY } from '../../../domain/shared/time/kpx-numbering.js';
import { HOUR_MS, MINUTE_MS } from '../../../domain/shared/time/kst.js';
import type { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port.js';

/** A site's net-meter history before a trading day, hourly, with what it was read from. */
export interface MeterHistory {
  readonly series: HourlySeries;
  /** Hours with a complete value. */
  readonly hoursWithData: number;
}

/**
 * Days read back from D-1 before a site with no readings at all is taken to have no meter (D-1 is
 * partial at issue time, D-2 and D-3 should be complete): a portfolio of 1,000 sites without
 * meters then costs 3 reads per site, not one per history day.
 */
export const PROBE_DAYS = 3;

interface ReadingData {
  readonly intervalMinutes?: number;
  readonly readings?: readonly { intervalStart: string; energyKwh: number }[];
  readonly corrections?: readonly { intervalStart: string; correctedKwh: number }[];
}

/**
 * Reads a site's net meter (streams `meter-site-{siteId}-{day}`) for the `days` trading days before
 * `day`, hour-ending by hour-ending, in kWh. Only readings of intervals that had ended by `asOf`
 * count (a forecast issued at an instant knows nothing later), and an hour counts only when every
 * interval of it is there: a partial hour is a gap (NaN), never a low value.
 */
@Injectable()
export class MeterHistoryReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async siteHistory(
    siteId: string,
    day: TradingDay,
    days: number,
    asOf: string,
  ): Promise<MeterHistory | undefined> {
    const asOfMs = instantMs(asOf);
    const firstDay = day.plusDays(-days);
    const values = new Float64Array(days * HOURS_PER_DAY).fill(Number.NaN);
    let hoursWithData = 0;
    for (let back = 1; back <= days; back++) {
      const target = day.plusDays(-back);
      const hourly = await this.dayOf(siteId, target, asOfMs);
      if (hourly !== undefined) {
        values.set(hourly.values, (days - back) * HOURS_PER_DAY);
        hoursWithData += hourly.complete;
      }
      if (back === PROBE_DAYS && hoursWithData === 0) return undefined;
    }
    return hoursWithData === 0
      ? undefined
      : { series: { firstDay, values, unit: 'kWh' }, hoursWithData };
  }

  private async dayOf(
    siteId: string,
    day: TradingDay,
    asOfMs: number,
  ): Promise<{ values: Float64Array; complete: number } | undefined> {
    let streamId: string;
    try {
      streamId = toMeterStreamId('site', siteId, day.toString());
    } catch (error) {
      if (isDomainError(error)) return undefined; // a site id no meter stream can have
      throw error;
    }
    const events = await this.store.readStream(streamId);
    if (events.length === 0) return undefined;
    // The current value per interval, as the meter decider folds it: corrections replace.
    const current = new Map<string, number>();
    let intervalMinutes = 60;
    for (const event of events) {
      const data = event.data as ReadingData;
      if (event.type === 'MeterReadingsRecorded') {
        intervalMinutes = data.intervalMinutes ?? intervalMinutes;
        for (const r of data.readings ?? []) current.set(r.intervalStart, r.energyKwh);
      } else if (event.type === 'MeterReadingsCorrected')
        for (const c of data.corrections ?? []) current.set(c.intervalStart, c.correctedKwh);
    }
    const lengthMs = intervalMinutes * MINUTE_MS;
    const sums = new Float64Array(HOURS_PER_DAY);
    const counts = new Uint16Array(HOURS_PER_DAY);
    for (const [intervalStart, energyKwh] of current) {
      const startMs = instantMs(intervalStart);
      if (startMs + lengthMs > asOfMs) continue;
      const hour = Math.floor((startMs - day.startMs) / HOUR_MS);
      if (hour < 0 || hour >= HOURS_PER_DAY) continue;
      sums[hour] = (sums[hour] ?? 0) + energyKwh;
      counts[hour] = (counts[hour] ?? 0) + 1;
    }
    const perHour = 60 / intervalMinutes;
    const values = new Float64Array(HOURS_PER_DAY).fill(Number.NaN);
    let complete = 0;
    for (let h = 0; h < HOURS_PER_DAY; h++)
      if (counts[h] === perHour) {
        values[h] = sums[h] ?? Number.NaN;
        complete++;
      }
    return { values, complete };
  }
}
