import type { IntervalBid } from '../market/bid-curve.js';
import type { CurveRules, MarketId } from '../market/market-rules.js';
import type { Message } from '../shared/decider.js';
import type { JsonValue } from '../shared/json.js';
import type { Seed } from '../shared/seeded-random.js';
import type { Krw, KrwPerKwh, Kw, Kwh } from '../shared/units.js';

/**
 * Events of the bid aggregate, stream `bid-{portfolioId}-{market}-{tradingDay}`: the storage
 * contract, so change them only by adding schema versions (the store stamps
 * `metadata.schemaVersion`, 1 for every type here). Instants are canonical UTC ISO strings, days
 * 'YYYY-MM-DD' (KST), interval indices 0-based on the market's day-ahead grid.
 */

/** A solve can only yield curves when it found a solution; anything else is not a bid. */
export const BID_SOLVER_STATUSES = ['optimal', 'feasible'] as const;
export type BidSolverStatus = (typeof BID_SOLVER_STATUSES)[number];

/** Where a drafted bid came from: enough to reproduce the solve and to judge its quality. */
export interface BidProvenance {
  /** The version of the forecast stream `forecast-{portfolioId}-{tradingDay}` used. */
  readonly forecastVersion: number;
  readonly scenarioSetId: string;
  /** Seed of the scenario draw (`SeededRandom`), so the same scenarios can be drawn again. */
  readonly scenarioSeed: Seed;
  readonly scenarioCount: number;
  readonly solver: { readonly name: string; readonly version: string };
  readonly status: BidSolverStatus;
  /** 100 x |bound - objective| / |objective|; absent when undefined (no bound, objective 0). */
  readonly gapPct?: number;
  readonly boundKrw?: Krw;
  readonly objectiveKrw: Krw;
  readonly modelSize: {
    readonly variables: number;
    readonly constraints: number;
    readonly binaries: number;
  };
}

/** Energy the schedules fall short of the bid by, over the scenarios solved. */
export interface ShortfallFigures {
  readonly expectedKwh: Kwh;
  /** The largest shortfall of any one scenario; at least `expectedKwh`. */
  readonly worstKwh: Kwh;
  /** How many scenarios the figures are taken over. */
  readonly samples: number;
}

/**
 * Wall-clock seconds spent building and solving the model: the only figures in a bid that depend
 * on the machine and its load. They live in this one field, so that determinism checks leave it
 * out (see `withoutMeasurements`) and a re-solve that differs only here is the same draft.
 */
export interface BidMeasurements {
  readonly solveSeconds: number;
  readonly buildSeconds: number;
}

/**
 * What the market awarded in one interval at its uniform clearing price. An award never exceeds
 * what the submitted curve offers at that price (`sellQuantityAt` / `buyQuantityAt`); it may be
 * less, since pay-as-clear accepts the marginal step pro rata.
 */
export interface BidAward {
  readonly interval: number;
  readonly clearingPriceKrwPerKwh: KrwPerKwh;
  readonly awardedSellKw: Kw;
  readonly awardedBuyKw: Kw;
}

/** The limits a submission was checked against, kept for the audit trail. */
export interface SubmissionLimits {
  readonly curve: CurveRules;
  readonly intervalsPerDay: number;
  readonly sellCapacityKw: Kw;
  readonly buyCapacityKw: Kw;
}

export type BidDrafted = Message<
  'BidDrafted',
  {
    readonly bidId: string;
    readonly portfolioId: string;
    readonly market: MarketId;
    readonly tradingDay: string;
    readonly intervalMinutes: number;
    /** Sorted by interval, each interval once. */
    readonly intervals: readonly IntervalBid[];
    readonly provenance: BidProvenance;
    /** The solver's schedules per scenario, summarised by the caller: opaque JSON here. */
    readonly scenarioSchedules: JsonValue;
    readonly shortfall: ShortfallFigures;
    readonly measurements: BidMeasurements;
    readonly draftedAt: string;
  }
>;

export type BidAmended = Message<
  'BidAmended',
  {
    readonly intervals: readonly IntervalBid[];
    readonly reason: string;
    readonly amendedBy: string;
    readonly amendedAt: string;
  }
>;

/** The curves sent, so that the exchange adapter needs nothing but this event to send them. */
export type BidSubmitted = Message<
  'BidSubmitted',
  {
    readonly submissionId: string;
    /** The draft the curves started from (amendments since are included in `intervals`). */
    readonly bidId: string;
    readonly intervals: readonly IntervalBid[];
    readonly limits: SubmissionLimits;
    /** The day-ahead gate the submission was held to. */
    readonly gateAt: string;
    readonly submittedBy: string;
    readonly submittedAt: string;
  }
>;

export type BidAcknowledged = Message<
  'BidAcknowledged',
  { readonly submissionId: string; readonly exchangeBidId: string; readonly acknowledgedAt: string }
>;

/** Refused by the market, with the exchange's code and reason. */
export type BidRejected = Message<
  'BidRejected',
  {
    readonly submissionId: string;
    readonly code: string;
    readonly reason: string;
    readonly rejectedAt: string;
  }
>;

export type BidWithdrawn = Message<
  'BidWithdrawn',
  {
    readonly submissionId: string;
    readonly reason: string;
    readonly withdrawnBy: string;
    readonly withdrawnAt: string;
  }
>;

export type BidCleared = Message<
  'BidCleared',
  {
    readonly submissionId: string;
    /** Sorted by interval; an interval without an award was not awarded anything. */
    readonly awards: readonly BidAward[];
    readonly clearedAt: string;
  }
>;

export type BidEvent =
  | BidDrafted
  | BidAmended
  | BidSubmitted
  | BidAcknowledged
  | BidRejected
  | BidWithdrawn
  | BidCleared;

export const BID_EVENT_TYPES: readonly BidEvent['type'][] = [
  'BidDrafted',
  'BidAmended',
  'BidSubmitted',
  'BidAcknowledged',
  'BidRejected',
  'BidWithdrawn',
  'BidCleared',
];

/** A draft without its wall-clock figures. */
export type DeterministicBidDrafted = Message<
  'BidDrafted',
  Omit<BidDrafted['data'], 'measurements'>
>;
export type DeterministicBidEvent = Exclude<BidEvent, BidDrafted> | DeterministicBidDrafted;

/** An event without its wall-clock figures: what must repeat exactly when a solve is re-run. */
export const withoutMeasurements = (event: BidEvent): DeterministicBidEvent => {
  if (event.type !== 'BidDrafted') return event;
  const { measurements: _measurements, ...data } = event.data;
  return { type: event.type, data };
};
