import type { TradingDay } from '../shared/time/trading-day.js';
import type { Kw } from '../shared/units.js';
import type { EvSessionSpec } from './der.commands.js';
import type { DerKind, DerParameters } from './der-parameters.js';
import { valueAt, type Timeline } from '../shared/effective-timeline.js';

export interface AvailabilityDeclaration {
  /** Canonical ISO `start/end`; the millisecond bounds are kept for fast lookups. */
  readonly window: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly availableKw: Kw;
  readonly reason?: string;
}

export type EvSessionStatus = 'planned' | 'plugged_in' | 'unplugged' | 'cancelled';

export interface EvSession extends EvSessionSpec {
  readonly status: EvSessionStatus;
  readonly unpluggedAt?: string;
}

export interface RegisteredDer {
  readonly status: 'active' | 'decommissioned';
  readonly derId: string;
  readonly kind: DerKind;
  readonly registeredAt: string;
  /** As first registered: a retried registration is recognised by these. */
  readonly registeredParameters: DerParameters;
  /** Keyed by instant: the parameters in force from each change on. */
  readonly parameters: Timeline<DerParameters>;
  /** In declaration order: where windows overlap, the later one wins. */
  readonly availability: readonly AvailabilityDeclaration[];
  /** Keyed by trading day: the micro-VPP id from that day on, `null` for none. */
  readonly membership: Timeline<string | null>;
  readonly evSessions: readonly EvSession[];
  readonly decommissionedFrom?: string;
}

export type DerState = { readonly status: 'unregistered' } | RegisteredDer;

export const initialDerState = (): DerState => ({ status: 'unregistered' });

export const isRegistered = (state: DerState): state is RegisteredDer =>
  state.status !== 'unregistered';

/** The micro-VPP the DER belongs to on `day`, if any. */
export const membershipOn = (state: DerState, day: TradingDay | string): string | undefined =>
  isRegistered(state) ? (valueAt(state.membership, String(day)) ?? undefined) : undefined;

/** Parameters in force at `instant` (canonical UTC ISO), undefined before registration. */
export const parametersAt = (state: DerState, instant: string): DerParameters | undefined =>
  isRegistered(state) ? valueAt(state.parameters, instant) : undefined;

/** The parameters of the last change recorded, whether or not it is in force yet. */
export const latestParameters = (state: RegisteredDer): DerParameters => {
  const last = state.parameters.at(-1);
  if (last === undefined) throw new Error(`DER ${state.derId} has no parameters`);
  return last.value;
};

/** The declared ceiling at `instantMs`, or undefined when nothing is declared (full capability). */
export const declaredAvailableKwAt = (state: DerState, instantMs: number): Kw | undefined => {
  if (!isRegistered(state)) return undefined;
  for (let i = state.availability.length - 1; i >= 0; i--) {
    const declaration = state.availability[i];
    if (declaration && declaration.startMs <= instantMs && instantMs < declaration.endMs)
      return declaration.availableKw;
  }
  return undefined;
};

/** True when the DER no longer exists at `instant` (canonical UTC ISO). */
export const isDecommissionedAt = (state: DerState, instant: string): boolean =>
  isRegistered(state) &&
  state.decommissionedFrom !== undefined &&
  state.decommissionedFrom <= instant;

export const findEvSession = (state: RegisteredDer, sessionId: string): EvSession | undefined =>
  state.evSessions.find((session) => session.sessionId === sessionId);
