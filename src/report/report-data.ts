import { existsSync } from 'node:fs';
import { bidDecider, bidExists, bidStreamId, type ExistingBid } from '../../domain/bids/index.js';
import type { DerParameters } from '../../domain/ders/der-parameters.js';
import type { Decider } from '../../domain/shared/decider.js';
import type { JsonValue } from '../../domain/shared/json.js';
import type { AppConfig } from '../config/app-config.js';
import type { EventStore } from '../infrastructure/event-store/event-store.port.js';
import { openEventStoreAdapter } from '../infrastructure/event-store/open-event-store.js';
import type { RegeneratedScenarios } from './smp-scenarios.js';
import { simulationConfig } from '../simulation/simulate.cli.js';
import {
  SIMULATION_DAY_SCHEMAS,
  simulationDayDecider,
  simulationDayStreamId,
  type SimulationDayState,
} from '../simulation/simulation-day.events.js';

/** One scenario's schedule as the bid stream keeps it (see CompactSchedules in simulation/). */
export interface ScenarioSchedule {
  readonly scenario: number;
  readonly probability: number;
  readonly netPositionKw: readonly number[];
  readonly assetKw: Readonly<Record<string, readonly number[]>>;
}

/** Everything the report shows, read from the simulation store for one day. */
export interface ReportData {
  readonly day: string;
  readonly portfolioId: string;
  readonly market: string;
  readonly store: string;
  readonly bid: ExistingBid | undefined;
  readonly simulation: SimulationDayState;
  readonly schedules: readonly ScenarioSchedule[];
  readonly endSocKwh: readonly Readonly<Record<string, number>>[];
  /** DER id to asset kind, from the DERs' registration events. */
  readonly derKinds: Readonly<Record<string, string>>;
  /** The bid's SMP scenarios drawn again from its provenance (see smp-scenarios.ts), if possible. */
  readonly smpScenarios?: RegeneratedScenarios;
}

/** The day has no simulation in the store: exit 2 with this message. */
export class NoSimulationError extends Error {
  override readonly name = 'NoSimulationError';
}

type Loaded = { readonly type: string; readonly data: unknown };

const fold = async <E, S>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
): Promise<S> => {
  let state = decider.initialState();
  // The simulation streams' upcasters bring older events to the current shape; the bid stream's
  // events are all at version 1 (no upcaster registered: they pass as stored).
  for (const recorded of await store.readStream(streamId)) {
    const { type, data } = SIMULATION_DAY_SCHEMAS.upcast(recorded);
    state = decider.evolve(state, { type, data } as Loaded as E);
  }
  return state;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const numbers = (value: unknown): number[] =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'number' ? v : NaN)) : [];

/** The opaque scenarioSchedules JSON read defensively: what does not parse is left out. */
export const parseSchedules = (
  json: JsonValue | undefined,
): { schedules: ScenarioSchedule[]; endSocKwh: Record<string, number>[] } => {
  if (!isRecord(json)) return { schedules: [], endSocKwh: [] };
  const scenarios = Array.isArray(json['scenarios']) ? json['scenarios'] : [];
  const records = (items: readonly unknown[]): Record<string, unknown>[] =>
    items.flatMap((item) => (isRecord(item) ? [item] : []));
  const schedules = records(scenarios).map((s, i) => {
    const assets = isRecord(s['assetKw']) ? s['assetKw'] : {};
    return {
      scenario: typeof s['scenario'] === 'number' ? s['scenario'] : i,
      probability: typeof s['probability'] === 'number' ? s['probability'] : 1 / scenarios.length,
      netPositionKw: numbers(s['netPositionKw']),
      assetKw: Object.fromEntries(Object.entries(assets).map(([id, row]) => [id, numbers(row)])),
    };
  });
  const endSoc = Array.isArray(json['endSocKwh']) ? json['endSocKwh'] : [];
  const endSocKwh = records(endSoc).map((r) =>
    Object.fromEntries(
      Object.entries(r).flatMap(([id, v]) => (typeof v === 'number' ? [[id, v]] : [])),
    ),
  );
  return { schedules, endSocKwh };
};

const derKindsOf = async (store: EventStore): Promise<Record<string, string>> => {
  const kinds: Record<string, string> = {};
  for await (const event of store.readAll({
    filter: { eventTypes: ['DerRegistered', 'DerParametersChanged'] },
  })) {
    const data = event.data as unknown as { derId?: string; parameters?: DerParameters };
    if (typeof data.derId === 'string' && data.parameters !== undefined)
      kinds[data.derId] = data.parameters.kind;
  }
  return kinds;
};

/**
 * Reads the day's bid stream, simulation-day stream and the DERs' kinds from `store`
 * (the folder `gridfolio simulate --store` wrote). Only reads; a missing store or a day with
 * neither stream is a NoSimulationError.
 */
export const readReportData = async (
  config: AppConfig,
  args: { store: string; day: string; portfolioId: string; market: string },
): Promise<ReportData> => {
  const runConfig = simulationConfig(config, args.store);
  const missing = (): NoSimulationError =>
    new NoSimulationError(
      `no simulation of ${args.day} (${args.portfolioId}, ${args.market}) in store ${args.store}; ` +
        `run gridfolio simulate --from ${args.day} --store ${args.store} first`,
    );
  // Opening a missing SQLite file would create it: check first, so the report never writes.
  if (!existsSync(runConfig.sqlitePath)) throw missing();
  const store = openEventStoreAdapter(runConfig);
  try {
    const bidState = await fold(
      store,
      bidStreamId(args.portfolioId, args.market, args.day),
      bidDecider,
    );
    const simulation = await fold(
      store,
      simulationDayStreamId(args.portfolioId, args.market, args.day),
      simulationDayDecider,
    );
    const bid = bidExists(bidState) ? bidState : undefined;
    if (bid === undefined && simulation.delivery === undefined && simulation.noBid === undefined)
      throw missing();
    const { schedules, endSocKwh } = parseSchedules(
      bid?.draft.scenarioSchedules ?? simulation.noBid?.scenarioSchedules,
    );
    return {
      ...args,
      bid,
      simulation,
      schedules,
      endSocKwh,
      derKinds: await derKindsOf(store),
    };
  } finally {
    await store.close();
  }
};
