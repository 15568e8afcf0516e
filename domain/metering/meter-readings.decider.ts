import type { Decider } from '../shared/decider.js';
import type { MeterReadingsCommand } from './meter-readings.commands.js';
import { decideMeterReadings } from './meter-readings.decide.js';
import type { MeterReadingsEvent } from './meter-readings.events.js';
import { evolveMeterReadings } from './meter-readings.evolve.js';
import { initialMeterDayState, type MeterDayState } from './meter-readings.state.js';

/** One meter's trading day: stream `meter-{der|site}-{meterId}-{day}` (see `toMeterStreamId`). */
export const meterReadingsDecider: Decider<
  MeterReadingsCommand,
  MeterReadingsEvent,
  MeterDayState
> = {
  initialState: initialMeterDayState,
  decide: decideMeterReadings,
  evolve: evolveMeterReadings,
};
