import type { Message } from '../shared/decider.js';
import type { Kw, Kwh } from '../shared/units.js';
import type { PortfolioStatus, PortfolioTier } from '../portfolios/portfolio-tier.js';
import type { DerParameters } from './der-parameters.js';

/**
 * Commands of the DER aggregate (stream `der-{derId}`). Instants are ISO 8601 strings with an
 * offset, trading days 'YYYY-MM-DD' (KST), so a command is plain JSON; `now` is the handler's
 * clock reading, never read inside the domain.
 */
export type RegisterDer = Message<
  'RegisterDer',
  { readonly derId: string; readonly parameters: DerParameters; readonly now: string }
>;

/** New parameters in force from `effectiveFrom` (not before `now`) onward. */
export type ChangeDerParameters = Message<
  'ChangeDerParameters',
  {
    readonly derId: string;
    readonly parameters: DerParameters;
    readonly effectiveFrom: string;
    readonly now: string;
  }
>;

/** An outage or derating: at most `availableKw` during `window` (ISO `start/end`, half-open). */
export type DeclareDerAvailability = Message<
  'DeclareDerAvailability',
  {
    readonly derId: string;
    readonly window: string;
    readonly availableKw: Kw;
    readonly reason?: string;
    readonly now: string;
  }
>;

export type DecommissionDer = Message<
  'DecommissionDer',
  { readonly derId: string; readonly effectiveFrom: string; readonly now: string }
>;

/**
 * Puts the DER in a micro-VPP from `fromDay` on, leaving any other it was in (a move).
 * `firstOpenDay` is the first trading day not yet bid, and the target's tier and status are read
 * by the caller from the portfolio's stream: the rule is checked here, on the DER's stream.
 */
export type AssignDerToPortfolio = Message<
  'AssignDerToPortfolio',
  {
    readonly derId: string;
    readonly microPortfolioId: string;
    readonly portfolioTier: PortfolioTier;
    readonly portfolioStatus: PortfolioStatus;
    readonly fromDay: string;
    readonly firstOpenDay: string;
    readonly now: string;
  }
>;

export type RemoveDerFromPortfolio = Message<
  'RemoveDerFromPortfolio',
  {
    readonly derId: string;
    readonly fromDay: string;
    readonly firstOpenDay: string;
    readonly now: string;
  }
>;

/** What an EV session promises: the car is there over [arrival, departure). */
export interface EvSessionSpec {
  readonly sessionId: string;
  readonly arrival: string;
  readonly departure: string;
  readonly energyOnArrivalKwh: Kwh;
  readonly energyRequiredAtDepartureKwh: Kwh;
  readonly batteryKwh: Kwh;
}

export type PlanEvSession = Message<
  'PlanEvSession',
  EvSessionSpec & { readonly derId: string; readonly now: string }
>;

/** The car is connected; `arrival` is when it plugged in. A session needs no plan first. */
export type PlugInEv = Message<
  'PlugInEv',
  EvSessionSpec & { readonly derId: string; readonly now: string }
>;

export type UnplugEv = Message<
  'UnplugEv',
  {
    readonly derId: string;
    readonly sessionId: string;
    readonly unpluggedAt: string;
    readonly now: string;
  }
>;

export type CancelEvSession = Message<
  'CancelEvSession',
  { readonly derId: string; readonly sessionId: string; readonly now: string }
>;

export type DerCommand =
  | RegisterDer
  | ChangeDerParameters
  | DeclareDerAvailability
  | DecommissionDer
  | AssignDerToPortfolio
  | RemoveDerFromPortfolio
  | PlanEvSession
  | PlugInEv
  | UnplugEv
  | CancelEvSession;
