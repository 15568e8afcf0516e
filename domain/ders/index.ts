export type * from './der.commands.js';
export type * from './der.events.js';
export { DER_EVENT_TYPES } from './der.events.js';
export type { DerErrorCode } from './der.errors.js';
export { derDecider, toDerStreamId } from './der.decider.js';
export {
  CBL_METHODS,
  DER_KINDS,
  ratedKw,
  type CblMethod,
  type DerKind,
  type DerParameters,
  type DerParametersOf,
  type DrLoadParameters,
  type EssParameters,
  type EvChargerParameters,
  type FuelCellParameters,
  type PvParameters,
} from './der-parameters.js';
export { validateDerParameters } from './der-parameters.validation.js';
export {
  declaredAvailableKwAt,
  findEvSession,
  initialDerState,
  isDecommissionedAt,
  isRegistered,
  latestParameters,
  membershipOn,
  parametersAt,
  type AvailabilityDeclaration,
  type DerState,
  type EvSession,
  type EvSessionStatus,
  type RegisteredDer,
} from './der.state.js';
export { valueAt, type Timeline, type TimelineEntry } from '../shared/effective-timeline.js';
