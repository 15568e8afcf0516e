import { entityId, oneOf } from '../shared/input-parsing.js';
import { isoDay } from '../shared/iso-instant.js';
import { isIntervalMinutes, ALLOWED_INTERVAL_MINUTES } from '../shared/time/interval-grid.js';
import { METER_KINDS, type MeterKind } from './meter-readings.commands.js';
import { failMeter, meterError } from './meter-readings.errors.js';

/** `meter-` + id + `-YYYY-MM-DD` must fit the store's 200-character stream id. */
// 'meter-site-' + id + '-YYYY-MM-DD' must fit the store's 200-character stream ids.
export const MAX_METER_ID_LENGTH = 178;

export const meterIdOf = (value: unknown): string =>
  entityId(value, 'meterId', failMeter('METER.INVALID_METER_ID'), MAX_METER_ID_LENGTH);

export const meterKindOf = (value: unknown): MeterKind =>
  oneOf(value, METER_KINDS, 'meterKind', failMeter('METER.INVALID_METER_KIND'));

export const meterDayOf = (value: unknown): { readonly day: string; readonly epochDay: number } =>
  isoDay(value, 'day', failMeter('METER.INVALID_DAY'));

/** A length that tiles the hour (DESIGN.md §8), as a number: text such as "15" is refused. */
export const intervalMinutesOf = (value: unknown): number => {
  if (typeof value !== 'number' || !isIntervalMinutes(value))
    throw meterError(
      'METER.INVALID_INTERVAL_LENGTH',
      `intervalMinutes must be one of ${ALLOWED_INTERVAL_MINUTES.join(', ')}, got ${String(value)}`,
      'intervalMinutes',
      { value },
    );
  return value;
};

/**
 * Stream `meter-{der|site}-{meterId}-{day}`: one stream per meter and trading day keeps each
 * stream short (at most a day of intervals) and lets days be written in parallel; the kind in the
 * name keeps a DER and a site that happen to share an id apart.
 */
export const toMeterStreamId = (meterKind: MeterKind, meterId: string, day: string): string =>
  `meter-${meterKindOf(meterKind)}-${meterIdOf(meterId)}-${meterDayOf(day).day}`;
