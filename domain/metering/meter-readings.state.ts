import type { Kwh } from '../shared/units.js';
import type { MeterKind } from './meter-readings.commands.js';

export interface RecordingMeterDay {
  readonly status: 'recording';
  readonly meterId: string;
  readonly meterKind: MeterKind;
  readonly day: string;
  /** Fixed by the first readings: a day's values are all on one grid. */
  readonly intervalMinutes: number;
  /** Current value per interval, keyed by canonical UTC interval start. */
  readonly readings: ReadonlyMap<string, Kwh>;
}

export type MeterDayState = { readonly status: 'empty' } | RecordingMeterDay;

export const initialMeterDayState = (): MeterDayState => ({ status: 'empty' });

/** The value held for the interval starting at `intervalStart` (canonical UTC), if any. */
export const readingAt = (state: MeterDayState, intervalStart: string): Kwh | undefined =>
  state.status === 'recording' ? state.readings.get(intervalStart) : undefined;
