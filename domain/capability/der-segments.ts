import type { DerParameters } from '../ders/der-parameters.js';
import { declaredAvailableKwAt, type EvSession, type RegisteredDer } from '../ders/der.state.js';
import { instantMs } from '../shared/iso-instant.js';
import { powerHeadroom, type PowerHeadroom } from './der-power.js';

/** A car on the charger over [arrivalMs, leftMs); its requirement is due at `departureMs`. */
export interface CarPresence {
  readonly session: EvSession;
  readonly arrivalMs: number;
  readonly leftMs: number;
  readonly departureMs: number;
  /** Recorded (plugged in or unplugged) rather than planned: a fact wins over an overlapping plan. */
  readonly actual: boolean;
}

/** A stretch of time over which nothing about the DER changes. */
export interface DerSegment {
  readonly startMs: number;
  readonly endMs: number;
  /** `undefined` while the DER is not in service: before registration, or decommissioned. */
  readonly parameters: DerParameters | undefined;
  readonly power: PowerHeadroom;
  readonly car: CarPresence | undefined;
}

/**
 * The cars a charger has or expects: planned and plugged sessions until their departure, an
 * unplugged one until it left. Cancelled sessions never happen.
 */
export const carPresences = (der: RegisteredDer): CarPresence[] =>
  der.kind !== 'ev_charger'
    ? []
    : der.evSessions
        .filter((session) => session.status !== 'cancelled')
        .map((session) => {
          const departureMs = instantMs(session.departure);
          return {
            session,
            arrivalMs: instantMs(session.arrival),
            leftMs:
              session.unpluggedAt === undefined ? departureMs : instantMs(session.unpluggedAt),
            departureMs,
            actual: session.status !== 'planned',
          };
        });

/**
 * Instants strictly inside [fromMs, toMs) where the DER's parameters, declared availability,
 * service or car change, sorted and distinct. Timeline keys are canonical ISO instants, which
 * compare as text: most DERs are rejected without parsing a single instant.
 */
export const changesWithin = (
  der: RegisteredDer,
  cars: readonly CarPresence[],
  span: {
    readonly fromMs: number;
    readonly toMs: number;
    readonly fromIso: string;
    readonly toIso: string;
  },
): number[] => {
  const points: number[] = [];
  const add = (ms: number): void => {
    if (span.fromMs < ms && ms < span.toMs) points.push(ms);
  };
  const addIso = (iso: string): void => {
    if (span.fromIso < iso && iso < span.toIso) add(instantMs(iso));
  };
  for (const entry of der.parameters) addIso(entry.from);
  if (der.decommissionedFrom !== undefined) addIso(der.decommissionedFrom);
  for (const declaration of der.availability) {
    add(declaration.startMs);
    add(declaration.endMs);
  }
  for (const car of cars) {
    add(car.arrivalMs);
    add(car.leftMs);
  }
  if (points.length < 2) return points;
  points.sort((a, b) => a - b);
  return points.filter((ms, i) => i === 0 || ms !== points[i - 1]);
};

/** The DER as it stands from `startMs` until `endMs` (an instant of no change in between). */
export const segmentAt = (
  der: RegisteredDer,
  cars: readonly CarPresence[],
  startMs: number,
  endMs: number,
): DerSegment => segmentOf(der, instantsOf(der), cars, startMs, endMs);

/** The DER's segments covering [fromMs, toMs), split at `changes` (from `changesWithin`). */
export const segmentsOver = (
  der: RegisteredDer,
  cars: readonly CarPresence[],
  fromMs: number,
  toMs: number,
  changes: readonly number[],
): DerSegment[] => {
  const instants = instantsOf(der);
  const segments: DerSegment[] = [];
  let startMs = fromMs;
  for (const endMs of [...changes, toMs]) {
    segments.push(segmentOf(der, instants, cars, startMs, endMs));
    startMs = endMs;
  }
  return segments;
};

/** The DER's own instants in epoch milliseconds, parsed once per DER rather than per lookup. */
interface DerInstants {
  readonly parametersFromMs: readonly number[];
  readonly decommissionedFromMs: number;
}

const instantsOf = (der: RegisteredDer): DerInstants => ({
  parametersFromMs: der.parameters.map((entry) => instantMs(entry.from)),
  decommissionedFromMs:
    der.decommissionedFrom === undefined ? Infinity : instantMs(der.decommissionedFrom),
});

const segmentOf = (
  der: RegisteredDer,
  instants: DerInstants,
  cars: readonly CarPresence[],
  startMs: number,
  endMs: number,
): DerSegment => {
  const parameters = inServiceParameters(der, instants, startMs);
  const car = carAt(cars, startMs);
  const power =
    parameters === undefined
      ? NO_POWER
      : powerHeadroom(
          parameters,
          declaredAvailableKwAt(der, startMs) ?? Infinity,
          car !== undefined,
        );
  return { startMs, endMs, parameters, power, car };
};

const NO_POWER: PowerHeadroom = { upKw: 0, downKw: 0, maxOutputKw: 0 };

const inServiceParameters = (
  der: RegisteredDer,
  instants: DerInstants,
  atMs: number,
): DerParameters | undefined => {
  if (instants.decommissionedFromMs <= atMs) return undefined;
  for (let i = der.parameters.length - 1; i >= 0; i--)
    if ((instants.parametersFromMs[i] as number) <= atMs) return der.parameters[i]?.value;
  return undefined; // not registered yet
};
const carAt = (cars: readonly CarPresence[], atMs: number): CarPresence | undefined => {
  let found: CarPresence | undefined;
  for (const car of cars) {
    if (car.arrivalMs > atMs || atMs >= car.leftMs) continue;
    if (
      found === undefined ||
      (car.actual && !found.actual) ||
      (car.actual === found.actual && car.arrivalMs < found.arrivalMs)
    )
      found = car;
  }
  return found;
};
