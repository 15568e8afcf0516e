import type { Message } from '../shared/decider.js';

/** A DER's own meter (meterId = derId) or a site's net meter at the grid connection (meterId = siteId). */
export const METER_KINDS = ['der', 'site'] as const;
export type MeterKind = (typeof METER_KINDS)[number];

/**
 * One interval's energy as sent. `energyKwh` is typed as a number but arrives from JSON, CSV or
 * MQTT, so the decider checks it at run time. A DER meter counts energy in the DER's main
 * direction (never negative); a site net meter counts import positive and export negative.
 */
export interface MeterReadingInput {
  /** ISO 8601 instant with an offset: the start of the interval `[start, start + length)`. */
  readonly intervalStart: string;
  readonly energyKwh: number;
}

/**
 * Records a batch of readings of one meter on one trading day (stream `meter-{der|site}-{meterId}-{day}`).
 * The limits are computed by the caller from the meter's capacity, which lives on other streams:
 * capacity x interval hours x (1 + tolerance).
 */
export type RecordMeterReadings = Message<
  'RecordMeterReadings',
  {
    readonly meterId: string;
    readonly meterKind: MeterKind;
    /** Trading day 'YYYY-MM-DD' (KST) every reading must fall in. */
    readonly day: string;
    readonly intervalMinutes: number;
    readonly readings: readonly MeterReadingInput[];
    /** Most energy one interval may hold (for a site: imported). */
    readonly limitKwh: number;
    /** Site net meters only: most energy one interval may export, as a positive number; default 0. */
    readonly exportLimitKwh?: number;
    /** Canonical UTC ISO instant of the handler's clock: no interval may end after it. */
    readonly now: string;
  }
>;

export type MeterReadingsCommand = RecordMeterReadings;
