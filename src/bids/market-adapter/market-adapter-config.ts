import { dirname, join, resolve } from 'node:path';
import { KPX_SIM_DEFAULTS } from '../../../market-adapters/kpx-sim/config.js';
import { ConfigError, type AppConfig } from '../../config/app-config.js';

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

type Env = Readonly<Record<string, string | undefined>>;

const text = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

export const loadMarketAdapterConfig = (env: Env, app: AppConfig): MarketAdapterConfig => {
  const url = text(env, 'KPX_URL');
  if (url !== undefined) {
    if (!/^https?:\/\/[^\s]+$/.test(url))
      throw new ConfigError(
        'KPX_URL',
        `expected http(s)://host[:port], got ${JSON.stringify(url)}`,
      );
    return { kind: 'kpx-http', url };
  }
  const configured = text(env, 'KPX_SIM_DB');
  const dbPath =
    configured === ':memory:' || (configured === undefined && app.sqlitePath === ':memory:')
      ? ':memory:'
      : resolve(configured ?? join(dirname(app.sqlitePath), 'kpx-sim.db'));
  return {
    kind: 'kpx-sim-in-process',
    dbPath,
    dataPath: text(env, 'KPX_SIM_DATA') ?? KPX_SIM_DEFAULTS.dataPath,
    seed: text(env, 'KPX_SIM_SEED') ?? KPX_SIM_DEFAULTS.seed,
    dayAheadGateKst: app.dayAheadGateKst,
  };
};
