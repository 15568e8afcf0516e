import type { EvSessionSpec } from '../../domain/ders/index.js';
import { SeededRandom } from '../../domain/shared/seeded-random.js';
import { kwh } from '../../domain/shared/units.js';
import { HOUR_MS, MINUTE_MS } from '../../domain/shared/time/kst.js';
import type { TradingDay } from '../../domain/shared/time/trading-day.js';
import { isoUtc } from '../market/day-ahead-calendar.js';
import { DateTime } from 'luxon';
import type { SimulatedMicro } from './portfolio-day.reader.js';

export interface PlannedEvSession {
  readonly derId: string;
  readonly session: EvSessionSpec;
}

// ASSUMPTION (the demo has no booking data): a 60 kWh car per charger; on working days the HQ
// fleet arrives 08:00-09:45 KST and leaves 17:00-18:45 with 30-50 % and needs 80 %; other
// chargers see one car a day, 10:00-11:45 to 15:00-16:45, needing 70 % from 20-40 %.
const BATTERY_KWH = 60;

interface SessionShape {
  readonly arrivalHour: number;
  readonly departureHour: number;
  readonly onArrival: readonly [number, number];
  readonly required: number;
  readonly workingDaysOnly: boolean;
}

const FLEET: SessionShape = {
  arrivalHour: 8,
  departureHour: 17,
  onArrival: [0.3, 0.5],
  required: 0.8,
  workingDaysOnly: true,
};
const VISITOR: SessionShape = {
  arrivalHour: 10,
  departureHour: 15,
  onArrival: [0.2, 0.4],
  required: 0.7,
  workingDaysOnly: false,
};

const round1 = (value: number): number => Math.round(value * 10) / 10;

/**
 * The EV sessions of a trading day on every charger of the portfolio, as a fleet booking system
 * would announce them the day before: seeded by (seed, day, charger), so a run repeats exactly.
 * Session ids are `ev-{day}-{derId}`; a charger has at most one car a day.
 */
export const evSessionsOfDay = (
  micros: readonly SimulatedMicro[],
  day: TradingDay,
  seed: string,
): PlannedEvSession[] => {
  const weekday = DateTime.fromMillis(day.startMs, { zone: 'Asia/Seoul' }).weekday;
  const workingDay = weekday <= 5;
  const sessions: PlannedEvSession[] = [];
  for (const micro of micros)
    for (const der of micro.ders) {
      if (der.parameters.kind !== 'ev_charger') continue;
      const shape = micro.microVppId.includes('hq') ? FLEET : VISITOR;
      if (shape.workingDaysOnly && !workingDay) continue;
      const random = new SeededRandom(`${seed}:ev:${day.toString()}:${der.derId}`);
      const quarter = () => random.nextInt(0, 7) * 15 * MINUTE_MS;
      const arrivalMs = day.startMs + shape.arrivalHour * HOUR_MS + quarter();
      const departureMs = day.startMs + shape.departureHour * HOUR_MS + quarter();
      const [low, high] = shape.onArrival;
      sessions.push({
        derId: der.derId,
        session: {
          sessionId: `ev-${day.toString()}-${der.derId}`,
          arrival: isoUtc(DateTime.fromMillis(arrivalMs, { zone: 'utc' })),
          departure: isoUtc(DateTime.fromMillis(departureMs, { zone: 'utc' })),
          energyOnArrivalKwh: kwh(round1(BATTERY_KWH * (low + (high - low) * random.nextFloat()))),
          energyRequiredAtDepartureKwh: kwh(round1(BATTERY_KWH * shape.required)),
          batteryKwh: kwh(BATTERY_KWH),
        },
      });
    }
  return sessions;
};
