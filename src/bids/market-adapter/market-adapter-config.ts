import { dirname, resolve } from 'node:path';
import { KPX_SIM_DEFAULTS } from '../../../market-adapters/kpx-sim/config.js';
// Not app-config.js: it imports this module to load the settings below.
import type { AppConfig } from '../../config/app-config.js';
import { ConfigError } from '../../config/config-error.js';

/**
 * Which exchange the application talks to, read from the environment once at start-up:
 * - `KPX_URL` (unset): the KPX HTTP API (market-adapters/kpx/); unset, the simulated KPX runs
 *   in-process (DESIGN.md §7, embedded mode) with
 * - `KPX_SIM_DB`: its own SQLite file; default `kpx-sim.db` next to the event store
 *   (EVENT_STORE_PATH), so that successive CLI runs share one exchange, and `:memory:` when the
 *   event store is in memory;
 * - `KPX_SIM_DATA` (`../shared/data/kpx`): the folder holding smp-hourly-2020-2024.csv, or the
 *   file, whose SMP the simulated exchange replays;
 * - `KPX_SIM_SEED` (`kpx-sim`): seeds its real-time prices; a database refuses another seed.
 * The simulated exchange gets the application's DAY_AHEAD_GATE_KST, so both hold bids to one gate.
 */
export type MarketAdapterConfig =
  | { readonly kind: 'kpx-http'; readonly url: string }
  | {
      readonly kind: 'kpx-sim-in-process';
      readonly dbPath: string;
      readonly dataPath: string;
      readonly seed: string;
      readonly dayAheadGateKst: string;
    };

export const MARKET_ADAPTER_CONFIG = Symbol('MARKET_ADAPTER_CONFIG');

/** The variables above as AppConfig holds them (`marketAdapter`), each checked once. */
export interface MarketAdapterSettings {
  readonly kpxUrl: string | undefined;
  /** `':memory:'`, an absolute path, or undefined for the default next to the event store. */
  readonly kpxSimDbPath: string | undefined;
  readonly kpxSimDataPath: string;
  readonly kpxSimSeed: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const text = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

export const loadMarketAdapterSettings = (env: Env): MarketAdapterSettings => {
  const kpxUrl = text(env, 'KPX_URL');
  if (kpxUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(kpxUrl))
    throw new ConfigError(
      'KPX_URL',
      `expected http(s)://host[:port], got ${JSON.stringify(kpxUrl)}`,
    );
  const db = text(env, 'KPX_SIM_DB');
  return {
    kpxUrl,
    kpxSimDbPath: db === undefined || db === ':memory:' ? db : resolve(db),
    kpxSimDataPath: text(env, 'KPX_SIM_DATA') ?? KPX_SIM_DEFAULTS.dataPath,
    kpxSimSeed: text(env, 'KPX_SIM_SEED') ?? KPX_SIM_DEFAULTS.seed,
  };
};

/** The exchange `app` talks to; the simulated KPX's file defaults to one next to its event store. */
export const marketAdapterConfig = (app: AppConfig): MarketAdapterConfig => {
  const { kpxUrl, kpxSimDbPath, kpxSimDataPath, kpxSimSeed } = app.marketAdapter;
  if (kpxUrl !== undefined) return { kind: 'kpx-http', url: kpxUrl };
  const dbPath =
    kpxSimDbPath ??
    (app.sqlitePath === ':memory:' ? ':memory:' : resolve(dirname(app.sqlitePath), 'kpx-sim.db'));
  return {
    kind: 'kpx-sim-in-process',
    dbPath,
    dataPath: kpxSimDataPath,
    seed: kpxSimSeed,
    dayAheadGateKst: app.dayAheadGateKst,
  };
};

/** `marketAdapterConfig` with the market variables taken from `env` instead of `app`. */
export const loadMarketAdapterConfig = (env: Env, app: AppConfig): MarketAdapterConfig =>
  marketAdapterConfig({ ...app, marketAdapter: loadMarketAdapterSettings(env) });
