import type { Message } from '../shared/decider.js';
import type { Kw } from '../shared/units.js';
import type { EvSessionSpec } from './der.commands.js';
import type { DerParameters } from './der-parameters.js';

/**
 * Events of the DER aggregate: the storage contract, so change them only by adding versions.
 * Instants are canonical UTC ISO strings (`2025-03-01T00:00:00.000Z`), days 'YYYY-MM-DD' (KST).
 */
export type DerRegistered = Message<
  'DerRegistered',
  { readonly derId: string; readonly parameters: DerParameters; readonly registeredAt: string }
>;

export type DerParametersChanged = Message<
  'DerParametersChanged',
  {
    readonly derId: string;
    readonly parameters: DerParameters;
    readonly effectiveFrom: string;
    readonly changedAt: string;
  }
>;

/** During `window`, at most `availableKw`; for overlapping windows the later declaration wins. */
export type DerAvailabilityDeclared = Message<
  'DerAvailabilityDeclared',
  {
    readonly derId: string;
    readonly window: string;
    readonly availableKw: Kw;
    readonly reason?: string;
    readonly declaredAt: string;
  }
>;

export type DerDecommissioned = Message<
  'DerDecommissioned',
  { readonly derId: string; readonly effectiveFrom: string; readonly decommissionedAt: string }
>;

/** In micro-VPP `microPortfolioId` from `fromDay` on; replaces whatever was planned from then. */
export type DerAssignedToPortfolio = Message<
  'DerAssignedToPortfolio',
  {
    readonly derId: string;
    readonly microPortfolioId: string;
    readonly fromDay: string;
    readonly assignedAt: string;
  }
>;

/** In no micro-VPP from `fromDay` on; replaces whatever was planned from then. */
export type DerRemovedFromPortfolio = Message<
  'DerRemovedFromPortfolio',
  { readonly derId: string; readonly fromDay: string; readonly removedAt: string }
>;

export type EvSessionPlanned = Message<
  'EvSessionPlanned',
  EvSessionSpec & { readonly derId: string; readonly plannedAt: string }
>;

export type EvPluggedIn = Message<
  'EvPluggedIn',
  EvSessionSpec & { readonly derId: string; readonly recordedAt: string }
>;

export type EvUnplugged = Message<
  'EvUnplugged',
  {
    readonly derId: string;
    readonly sessionId: string;
    readonly unpluggedAt: string;
    readonly recordedAt: string;
  }
>;

export type EvSessionCancelled = Message<
  'EvSessionCancelled',
  { readonly derId: string; readonly sessionId: string; readonly cancelledAt: string }
>;

export type DerEvent =
  | DerRegistered
  | DerParametersChanged
  | DerAvailabilityDeclared
  | DerDecommissioned
  | DerAssignedToPortfolio
  | DerRemovedFromPortfolio
  | EvSessionPlanned
  | EvPluggedIn
  | EvUnplugged
  | EvSessionCancelled;

export const DER_EVENT_TYPES: readonly DerEvent['type'][] = [
  'DerRegistered',
  'DerParametersChanged',
  'DerAvailabilityDeclared',
  'DerDecommissioned',
  'DerAssignedToPortfolio',
  'DerRemovedFromPortfolio',
  'EvSessionPlanned',
  'EvPluggedIn',
  'EvUnplugged',
  'EvSessionCancelled',
];
