import type {
  MeterReadingInput,
  MeterReadingsEvent,
  RecordMeterReadings,
} from '../../../domain/metering/index.js';
import type { Kwh } from '../../../domain/shared/units.js';

/** 10:00 KST on 2025-03-10; that trading day began at 2025-03-09T15:00Z (00:00 KST). */
export const METER_NOW = '2025-03-10T01:00:00.000Z';
export const METER_DAY = '2025-03-10';
export const DAY_START_MS = Date.parse('2025-03-09T15:00:00.000Z');

/** Start of the n-th 15-minute interval of METER_DAY (0 = 00:00 KST), canonical UTC. */
export const slot = (n: number, minutes = 15): string =>
  new Date(DAY_START_MS + n * minutes * 60_000).toISOString();

export const reading = (n: number, energyKwh: number): MeterReadingInput => ({
  intervalStart: slot(n),
  energyKwh,
});

/** A 90 kW inverter over 15 minutes with 5 % tolerance: 23.625 kWh. */
export const recordReadings = (
  readings: readonly MeterReadingInput[],
  o: Partial<RecordMeterReadings['data']> = {},
): RecordMeterReadings => ({
  type: 'RecordMeterReadings',
  data: {
    meterId: 'pv-1',
    meterKind: 'der',
    day: METER_DAY,
    intervalMinutes: 15,
    readings,
    limitKwh: 23.625,
    now: METER_NOW,
    ...o,
  },
});

export const readingsRecorded = (
  readings: readonly [number, number][],
  o: { meterId?: string; meterKind?: 'der' | 'site'; recordedAt?: string } = {},
): MeterReadingsEvent => ({
  type: 'MeterReadingsRecorded',
  data: {
    meterId: o.meterId ?? 'pv-1',
    meterKind: o.meterKind ?? 'der',
    day: METER_DAY,
    intervalMinutes: 15,
    readings: readings.map(([n, energyKwh]) => ({
      intervalStart: slot(n),
      energyKwh: energyKwh as Kwh,
    })),
    recordedAt: o.recordedAt ?? METER_NOW,
  },
});

export const readingsCorrected = (
  corrections: readonly [number, number, number][],
  meterId = 'pv-1',
): MeterReadingsEvent => ({
  type: 'MeterReadingsCorrected',
  data: {
    meterId,
    day: METER_DAY,
    corrections: corrections.map(([n, previousKwh, correctedKwh]) => ({
      intervalStart: slot(n),
      previousKwh: previousKwh as Kwh,
      correctedKwh: correctedKwh as Kwh,
    })),
    correctedAt: METER_NOW,
  },
});
