import {
  derDecider,
  ratedKw,
  toDerStreamId,
  type DerCommand,
  type DerParameters,
  type DerState,
} from '../../domain/ders/index.js';
import { parametersAt } from '../../domain/ders/der.state.js';
import { portfolioDecider, toPortfolioStreamId } from '../../domain/portfolios/index.js';
import { foldEvents } from '../../domain/shared/decider.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import type { Kw, Kwh } from '../../domain/shared/units.js';
import type { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import {
  handleCommand,
  type CommandHandlingDeps,
} from '../../src/infrastructure/command-handling/handle-command.js';
import type { EventStore } from '../../src/infrastructure/event-store/event-store.port.js';
import { PORTFOLIO_IDS, type AssetStep } from './asset-arbitraries.js';
import { runAssetStep } from './asset-steps.js';
import { ALL_DER_IDS, KIND_DERS, type CapabilityStep } from './capability-arbitraries.js';

const MINUTE_MS = 60_000;

const scaled = (p: DerParameters, f: number): DerParameters => {
  switch (p.kind) {
    case 'pv':
      return { ...p, inverterKw: (p.inverterKw * f) as Kw };
    case 'ess':
      return { ...p, chargeKw: (p.chargeKw * f) as Kw, dischargeKw: (p.dischargeKw * f) as Kw };
    case 'dr_load':
      return { ...p, maxReductionKw: (p.maxReductionKw * f) as Kw };
    case 'ev_charger':
      return { ...p, maxChargeKw: (p.maxChargeKw * f) as Kw };
    case 'fuel_cell':
      return { ...p, ratedKw: (p.ratedKw * f) as Kw };
  }
};

const derState = async (store: EventStore, derId: string): Promise<DerState> =>
  foldEvents(
    derDecider,
    (await store.readStream(toDerStreamId(derId))).map(
      ({ type, data }) => ({ type, data }) as Parameters<typeof derDecider.evolve>[1],
    ),
  );

/** The DER command a capability step stands for, `undefined` when it cannot be formed. */
const derCommandOf = async (
  store: EventStore,
  step: Exclude<CapabilityStep, AssetStep | { kind: 'advance' }>,
  nowMs: number,
): Promise<DerCommand | undefined> => {
  const now = new Date(nowMs).toISOString();
  const at = (minutesFromNow: number) => new Date(nowMs + minutesFromNow * MINUTE_MS).toISOString();
  const { derId } = step;
  switch (step.kind) {
    case 'registerKind':
      return { type: 'RegisterDer', data: { derId, parameters: KIND_DERS[derId]!, now } };
    case 'declare': {
      const parameters = parametersAt(await derState(store, derId), at(step.startMin));
      if (parameters === undefined) return undefined;
      const window = `${at(step.startMin)}/${at(step.startMin + step.lengthMin)}`;
      const availableKw = (ratedKw(parameters) * step.share) as Kw;
      return { type: 'DeclareDerAvailability', data: { derId, window, availableKw, now } };
    }
    case 'change': {
      const base = KIND_DERS[derId];
      if (base === undefined) return undefined;
      const parameters = scaled(base, step.scale);
      const effectiveFrom = at(step.inMin);
      return { type: 'ChangeDerParameters', data: { derId, parameters, effectiveFrom, now } };
    }
    case 'decommissionIn':
      return { type: 'DecommissionDer', data: { derId, effectiveFrom: at(step.inMin), now } };
    case 'planEv':
    case 'plugIn': {
      const start = step.kind === 'planEv' ? step.startMin : -step.startMin;
      const spec = {
        sessionId: step.sessionId,
        arrival: at(start),
        departure: at(start + step.lengthMin),
        energyOnArrivalKwh: step.onArrivalKwh as Kwh,
        energyRequiredAtDepartureKwh: step.requiredKwh as Kwh,
        batteryKwh: 77 as Kwh,
      };
      return step.kind === 'planEv'
        ? { type: 'PlanEvSession', data: { derId, ...spec, now } }
        : { type: 'PlugInEv', data: { derId, ...spec, now } };
    }
    case 'unplug':
      return {
        type: 'UnplugEv',
        data: { derId, sessionId: step.sessionId, unpluggedAt: at(-step.agoMin), now },
      };
    case 'cancelEv':
      return { type: 'CancelEvSession', data: { derId, sessionId: step.sessionId, now } };
  }
};

/** Runs a step as the handlers would; refusals (DomainErrors) are part of the history. */
export const runCapabilityStep = async (
  deps: CommandHandlingDeps,
  clock: SimulatedClock,
  step: CapabilityStep,
): Promise<void> => {
  if (step.kind === 'advance') {
    clock.advanceBy({ minutes: step.minutes });
    return;
  }
  if (!isCapabilityOnly(step)) {
    await runAssetStep(deps, clock, step);
    return;
  }
  const command = await derCommandOf(deps.store, step, clock.now().toMillis());
  if (command === undefined) return;
  try {
    await handleCommand(deps, toDerStreamId(step.derId), derDecider, command, {
      commandId: deps.ids.next(),
      actor: 'test',
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
  }
};

const isCapabilityOnly = (
  step: CapabilityStep,
): step is Exclude<CapabilityStep, AssetStep | { kind: 'advance' }> =>
  [
    'registerKind',
    'declare',
    'change',
    'decommissionIn',
    'planEv',
    'plugIn',
    'unplug',
    'cancelEv',
  ].includes(step.kind);

/** Every DER and portfolio state of these histories, folded straight from the streams. */
export const foldCapabilityStreams = async (store: EventStore) => {
  const ders = new Map<string, DerState>();
  for (const derId of ALL_DER_IDS) ders.set(derId, await derState(store, derId));
  const portfolios = await Promise.all(
    PORTFOLIO_IDS.map(async (id) =>
      foldEvents(
        portfolioDecider,
        (await store.readStream(toPortfolioStreamId(id))).map(
          ({ type, data }) => ({ type, data }) as Parameters<typeof portfolioDecider.evolve>[1],
        ),
      ),
    ),
  );
  return { ders, portfolios };
};
