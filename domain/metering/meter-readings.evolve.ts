import type { Kwh } from '../shared/units.js';
import type { MeterReadingsEvent } from './meter-readings.events.js';
import type { MeterDayState } from './meter-readings.state.js';

export const evolveMeterReadings = (
  state: MeterDayState,
  event: MeterReadingsEvent,
): MeterDayState => {
  switch (event.type) {
    case 'MeterReadingsRecorded': {
      const { meterId, meterKind, day, intervalMinutes, readings } = event.data;
      const base =
        state.status === 'recording'
          ? state
          : { status: 'recording' as const, meterId, meterKind, day, intervalMinutes };
      const next = new Map<string, Kwh>(state.status === 'recording' ? state.readings : []);
      for (const reading of readings) next.set(reading.intervalStart, reading.energyKwh);
      return { ...base, readings: next };
    }
    case 'MeterReadingsCorrected': {
      if (state.status !== 'recording') return state;
      const next = new Map(state.readings);
      for (const c of event.data.corrections) next.set(c.intervalStart, c.correctedKwh);
      return { ...state, readings: next };
    }
    default:
      return state; // tolerate event types added by newer versions
  }
};
