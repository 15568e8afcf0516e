import { DomainError } from '../../domain/shared/domain-error.js';
import type { Decider, Message } from '../../domain/shared/decider.js';
import type { JsonObject, JsonValue } from '../../domain/shared/json.js';
import { UpcasterRegistry } from '../infrastructure/event-store/upcasting/upcaster-registry.js';

/**
 * Stream `simulation-{portfolioId}-{market}-{tradingDay}`: what the digital twin delivered against
 * the day's award in a `gridfolio simulate` run. One event per day; with the bid stream of the
 * same day (offer, solve, awards) it holds every figure of the run's summary, so replaying the
 * store rebuilds the summary. Instants are canonical UTC ISO strings (the simulated clock).
 */
export const simulationDayStreamId = (
  portfolioId: string,
  market: string,
  tradingDay: string,
): string => `simulation-${portfolioId}-${market}-${tradingDay}`;

export type SimulationDayDelivered = Message<
  'SimulationDayDelivered',
  {
    readonly portfolioId: string;
    readonly market: string;
    readonly tradingDay: string;
    readonly intervalMinutes: number;
    /** The bid submission the awards belong to; null for a day not bid. */
    readonly submissionId: string | null;
    /** Seed of the twin's forecast noise for the day. */
    readonly noiseSeed: string;
    readonly pvRelativeStd: number;
    readonly loadRelativeStd: number;
    /** Per interval of the market grid: awarded net energy (sell - buy), kWh. */
    readonly awardedNetKwh: readonly number[];
    /**
     * Per interval: the market position delivered, kWh: net export at the meters plus the sites'
     * retail consumption (building load, DR baselines), i.e. what the VPP's resources delivered.
     */
    readonly deliveredNetKwh: readonly number[];
    /** Per interval: PV energy forecast (P50, D-1) and delivered, kWh, summed over micro-VPPs. */
    readonly pvForecastKwh: readonly number[];
    readonly pvActualKwh: readonly number[];
    /** Installed PV capacity (inverter AC limits), the KPX error rate's denominator. */
    readonly pvCapacityKw: number;
    /** Battery state of charge at the end of the day, by DER id: the next day starts from it. */
    readonly essFinalSocKwh: Readonly<Record<string, number>>;
    /** Per battery (DER id), its state of charge at the end of each interval, kWh (v2; {} in v1). */
    readonly essSocKwh: Readonly<Record<string, readonly number[]>>;
    /**
     * Per asset kind (pv, ess, ev_charger, dr_load, fuel_cell, and load for the sites'
     * consumption, negative), its delivered energy towards the grid per interval, kWh; the kinds
     * sum to deliveredNetKwh up to rounding (v2; {} in v1).
     */
    readonly kindNetKwh: Readonly<Record<string, readonly number[]>>;
    /** The exchange's published day-ahead SMP per interval (null: the interval did not clear). */
    readonly dayAheadSmpKrwPerKwh: readonly (number | null)[];
    /** Intervals where a site hit its grid limit with no flexibility left. */
    readonly gridViolations: number;
    readonly deliveredAt: string;
  }
>;

/**
 * The day's curves offered nothing the market accepts (every quantity below its minimum): no bid
 * is drafted, and the schedules the solve made are kept here for the twin to follow with a zero
 * award. `measurements` holds the wall-clock figures, as on BidDrafted.
 */
export type SimulationDayNotBid = Message<
  'SimulationDayNotBid',
  {
    readonly portfolioId: string;
    readonly market: string;
    readonly tradingDay: string;
    readonly reason: string;
    readonly forecastVersion: number;
    readonly solverStatus: string;
    readonly gapPct?: number;
    readonly scenarioSchedules: JsonValue;
    readonly measurements: { readonly solveSeconds: number; readonly buildSeconds: number };
    readonly decidedAt: string;
  }
>;

export type SimulationDayEvent = SimulationDayNotBid | SimulationDayDelivered;

/**
 * SimulationDayDelivered v2 added the per-interval battery SoC and the energy per asset kind; a v1
 * event (recorded before) reads with both empty: it did not record them.
 */
export const registerSimulationDaySchemas = (registry: UpcasterRegistry): UpcasterRegistry =>
  registry.register('SimulationDayDelivered', 1, (data: JsonValue): JsonValue => ({
    ...(data as JsonObject),
    essSocKwh: {},
    kindNetKwh: {},
  }));

/** The simulation streams' schemas alone, for readers outside the application (the report). */
export const SIMULATION_DAY_SCHEMAS = registerSimulationDaySchemas(new UpcasterRegistry());

export type RecordDelivery = Message<'RecordDelivery', SimulationDayDelivered['data']>;
export type RecordNoBid = Message<'RecordNoBid', SimulationDayNotBid['data']>;

export interface SimulationDayState {
  readonly noBid?: SimulationDayNotBid['data'];
  readonly delivery?: SimulationDayDelivered['data'];
}

/**
 * A day is delivered once: recording the same delivery again (a retry, a re-run) appends nothing,
 * a different one for the same day is refused.
 */
export const simulationDayDecider: Decider<
  RecordDelivery | RecordNoBid,
  SimulationDayEvent,
  SimulationDayState
> = {
  initialState: () => ({}),
  decide: (command, state) => {
    if (command.type === 'RecordNoBid')
      return state.noBid === undefined && state.delivery === undefined
        ? [{ type: 'SimulationDayNotBid', data: command.data }]
        : [];
    if (state.delivery === undefined)
      return [{ type: 'SimulationDayDelivered', data: command.data }];
    if (JSON.stringify(state.delivery) === JSON.stringify(command.data)) return [];
    throw new DomainError(
      'SIMULATION.ALREADY_DELIVERED',
      `${command.data.tradingDay} was already delivered with other figures; run with --fresh to start over`,
      'tradingDay',
    );
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'SimulationDayNotBid':
        return { ...state, noBid: event.data };
      case 'SimulationDayDelivered':
        return { ...state, delivery: event.data };
      default:
        return state;
    }
  },
};
