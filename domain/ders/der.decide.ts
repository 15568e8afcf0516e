import type { Kw } from '../shared/units.js';
import type {
  ChangeDerParameters,
  DeclareDerAvailability,
  DecommissionDer,
  DerCommand,
  RegisterDer,
} from './der.commands.js';
import type { DerEvent } from './der.events.js';
import { derError, invalidInput } from './der.errors.js';
import { isRegistered, parametersAt, type DerState } from './der.state.js';
import { ratedKw } from './der-parameters.js';
import { validateDerParameters } from './der-parameters.validation.js';
import { derIdOf, mustBeActive, mustBeRegistered } from './der.guards.js';
import { assignToPortfolio, removeFromPortfolio } from './der-membership.decide.js';
import { cancelEvSession, planEvSession, plugInEv, unplugEv } from './ev-session.decide.js';
import { sameTimeline, setFrom } from '../shared/effective-timeline.js';
import { atLeastZero, isoInterval, sameJson, text } from '../shared/input-parsing.js';
import { instantMs, isoInstant } from '../shared/iso-instant.js';

export const decideDer = (command: DerCommand, state: DerState): DerEvent[] => {
  switch (command.type) {
    case 'RegisterDer':
      return register(command, state);
    case 'ChangeDerParameters':
      return changeParameters(command, state);
    case 'DeclareDerAvailability':
      return declareAvailability(command, state);
    case 'DecommissionDer':
      return decommission(command, state);
    case 'AssignDerToPortfolio':
      return assignToPortfolio(command, state);
    case 'RemoveDerFromPortfolio':
      return removeFromPortfolio(command, state);
    case 'PlanEvSession':
      return planEvSession(command, state);
    case 'PlugInEv':
      return plugInEv(command, state);
    case 'UnplugEv':
      return unplugEv(command, state);
    case 'CancelEvSession':
      return cancelEvSession(command, state);
  }
};

const register = ({ data }: RegisterDer, state: DerState): DerEvent[] => {
  const derId = derIdOf(data.derId);
  const registeredAt = isoInstant(data.now, 'now', invalidInput);
  const parameters = validateDerParameters(data.parameters);
  if (isRegistered(state)) {
    if (state.status === 'decommissioned')
      throw derError('DER.DECOMMISSIONED', `DER ${derId} is decommissioned for good`, 'derId');
    if (sameJson(state.registeredParameters, parameters)) return []; // a retried registration
    throw derError(
      'DER.ALREADY_REGISTERED',
      `DER ${derId} is already registered with other parameters; change them instead`,
      'derId',
    );
  }
  return [{ type: 'DerRegistered', data: { derId, parameters, registeredAt } }];
};

const changeParameters = ({ data }: ChangeDerParameters, state: DerState): DerEvent[] => {
  const der = mustBeActive(state, data.derId);
  const now = isoInstant(data.now, 'now', invalidInput);
  const effectiveFrom = isoInstant(data.effectiveFrom, 'effectiveFrom', invalidInput);
  const parameters = validateDerParameters(data.parameters);
  if (effectiveFrom < now)
    throw derError(
      'DER.EFFECTIVE_IN_PAST',
      `parameters cannot change in the past`,
      'effectiveFrom',
    );
  if (parameters.kind !== der.kind)
    throw derError(
      'DER.KIND_MISMATCH',
      `DER ${der.derId} is a ${der.kind}, not a ${parameters.kind}`,
      'parameters.kind',
    );
  const next = setFrom(der.parameters, effectiveFrom, parameters);
  if (sameTimeline(next, der.parameters)) return [];
  return [
    {
      type: 'DerParametersChanged',
      data: { derId: der.derId, parameters, effectiveFrom, changedAt: now },
    },
  ];
};

const declareAvailability = ({ data }: DeclareDerAvailability, state: DerState): DerEvent[] => {
  const der = mustBeActive(state, data.derId);
  const now = isoInstant(data.now, 'now', invalidInput);
  const window = isoInterval(data.window, 'window', invalidInput);
  const availableKw = atLeastZero(data.availableKw, 'availableKw', invalidInput) as Kw;
  const reason = data.reason === undefined ? undefined : text(data.reason, 'reason', invalidInput);
  if (window.endMs <= instantMs(now))
    throw derError('DER.AVAILABILITY_IN_PAST', 'the window has already ended', 'window');
  const parameters = parametersAt(der, window.start.toISO() ?? '') ?? der.registeredParameters;
  if (availableKw > ratedKw(parameters))
    throw derError(
      'DER.AVAILABILITY_ABOVE_RATED',
      `availableKw ${availableKw} exceeds the rated ${ratedKw(parameters)} kW`,
      'availableKw',
    );
  const canonical = window.toString();
  const last = der.availability.findLastIndex(
    (d) => d.window === canonical && d.availableKw === availableKw && d.reason === reason,
  );
  // Already declared, and nothing declared since overrides any part of it: a retry.
  if (
    last >= 0 &&
    !der.availability
      .slice(last + 1)
      .some((d) => d.startMs < window.endMs && window.startMs < d.endMs)
  )
    return [];
  return [
    {
      type: 'DerAvailabilityDeclared',
      data: {
        derId: der.derId,
        window: canonical,
        availableKw,
        ...(reason && { reason }),
        declaredAt: now,
      },
    },
  ];
};

const decommission = ({ data }: DecommissionDer, state: DerState): DerEvent[] => {
  const der = mustBeRegistered(state, data.derId);
  const now = isoInstant(data.now, 'now', invalidInput);
  const effectiveFrom = isoInstant(data.effectiveFrom, 'effectiveFrom', invalidInput);
  if (der.decommissionedFrom !== undefined) {
    if (der.decommissionedFrom === effectiveFrom) return [];
    throw derError('DER.DECOMMISSIONED', `DER ${der.derId} is already decommissioned`, 'derId');
  }
  if (effectiveFrom < now)
    throw derError('DER.EFFECTIVE_IN_PAST', 'decommissioning cannot be backdated', 'effectiveFrom');
  return [
    {
      type: 'DerDecommissioned',
      data: { derId: der.derId, effectiveFrom, decommissionedAt: now },
    },
  ];
};
