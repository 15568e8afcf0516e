import {
  derDecider,
  type DerEvent,
  type DerParameters,
  type DerState,
  type EvSessionSpec,
} from '../../../domain/ders/index.js';
import { foldEvents } from '../../../domain/shared/decider.js';
import { IntervalGrid } from '../../../domain/shared/time/interval-grid.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import type { Kw, Kwh } from '../../../domain/shared/units.js';
import { NOW, derRegistered } from './der.builders.js';

/** Trading day 2025-03-11 runs from 2025-03-10T15:00Z (00:00 KST) to 2025-03-11T15:00Z. */
export const DAY = TradingDay.parse('2025-03-11');
export const QUARTER_HOURS = IntervalGrid.of(15);

/** A UTC instant at a KST wall time on DAY, e.g. `kst(10, 5)` for 10:05 KST. */
export const kst = (hour: number, minute = 0): string => DAY.at(hour, minute).toUTC().toISO() ?? '';

/** Index of the quarter hour starting at a KST wall time on DAY. */
export const quarter = (hour: number, minute = 0): number => hour * 4 + minute / 15;

export const derWith = (
  parameters: DerParameters,
  ...events: ((derId: string) => DerEvent)[]
): DerState =>
  foldEvents(derDecider, [derRegistered(parameters, 'der-1'), ...events.map((e) => e('der-1'))]);

export const declared =
  (window: string, availableKw: number) =>
  (derId: string): DerEvent => ({
    type: 'DerAvailabilityDeclared',
    data: { derId, window, availableKw: availableKw as Kw, declaredAt: NOW },
  });

export const decommissioned =
  (effectiveFrom: string) =>
  (derId: string): DerEvent => ({
    type: 'DerDecommissioned',
    data: { derId, effectiveFrom, decommissionedAt: NOW },
  });

export const parametersChanged =
  (parameters: DerParameters, effectiveFrom: string) =>
  (derId: string): DerEvent => ({
    type: 'DerParametersChanged',
    data: { derId, parameters, effectiveFrom, changedAt: NOW },
  });

/** 18:00 KST on DAY to 06:00 KST the next day, 20 kWh on arrival, 60 kWh due, 77 kWh battery. */
export const eveningSession = (o: Partial<EvSessionSpec> = {}): EvSessionSpec => ({
  sessionId: 'session-1',
  arrival: kst(18),
  departure: DAY.next().at(6).toUTC().toISO() ?? '',
  energyOnArrivalKwh: 20 as Kwh,
  energyRequiredAtDepartureKwh: 60 as Kwh,
  batteryKwh: 77 as Kwh,
  ...o,
});

export const sessionPlanned =
  (spec: EvSessionSpec = eveningSession()) =>
  (derId: string): DerEvent => ({
    type: 'EvSessionPlanned',
    data: { derId, ...spec, plannedAt: NOW },
  });

export const evPluggedIn =
  (spec: EvSessionSpec = eveningSession()) =>
  (derId: string): DerEvent => ({
    type: 'EvPluggedIn',
    data: { derId, ...spec, recordedAt: spec.arrival },
  });

export const evUnplugged =
  (unpluggedAt: string, sessionId = 'session-1') =>
  (derId: string): DerEvent => ({
    type: 'EvUnplugged',
    data: { derId, sessionId, unpluggedAt, recordedAt: unpluggedAt },
  });

export const sessionCancelled =
  (sessionId = 'session-1') =>
  (derId: string): DerEvent => ({
    type: 'EvSessionCancelled',
    data: { derId, sessionId, cancelledAt: NOW },
  });
