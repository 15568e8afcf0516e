import { resolve } from 'node:path';
import { DEFAULT_DAY_AHEAD_GATE_KST, isGateKst } from '../../domain/market/day-ahead-gate.js';
import {
  loadForecastingConfig,
  type ForecastingConfig,
} from '../forecasting/issue/forecasting-config.js';
import {
  loadDeviationPenaltyConfig,
  type DeviationPenaltyConfig,
} from '../simulation/strategies/deviation-penalty-config.js';
import {
  loadMarketAdapterSettings,
  type MarketAdapterSettings,
} from '../bids/market-adapter/market-adapter-config.js';
import { ConfigError } from './config-error.js';

export type EventStoreKind = 'sqlite' | 'eventstoredb';
export type LogFormat = 'json' | 'text';

/** Everything the app reads from the environment, validated once at start-up. */
export interface AppConfig {
  readonly eventStore: EventStoreKind;
  /** SQLite event store file; `:memory:` keeps everything in memory (tests). */
  readonly sqlitePath: string;
  /** Read models (projections and their checkpoints) live in their own SQLite file. */
  readonly readModelPath: string;
  readonly eventStoreDbUrl: string | undefined;
  readonly httpHost: string;
  readonly httpPort: number;
  readonly logFormat: LogFormat;
  /** An anchor of every stream head is written at least this often while there is activity. */
  readonly anchorIntervalSeconds: number;
  /** Redis for BullMQ job schedulers (production); unset: an in-process scheduler (embedded). */
  readonly redisUrl: string | undefined;
  /**
   * KST wall time (HH:MM) on D-1 at which day-ahead offers for D are due; 10:00 is UNCONFIRMED
   * for generators (kpx-market-rules.md §1.2, §10), hence configurable.
   */
  readonly dayAheadGateKst: string;
  /** Meter readings may exceed capacity x interval by this share (meter error, short overloads). */
  readonly meterToleranceRatio: number;
  /** MQTT broker for meter readings on `gridfolio/meters/+`; unset: no MQTT ingest. */
  readonly mqttUrl: string | undefined;
  /** The KPX renewable forecast scheme and the data forecasts learn from. */
  readonly forecasting: ForecastingConfig;
  /** Which exchange to talk to: KPX_URL, else the simulated KPX (KPX_SIM_DB, _DATA, _SEED). */
  readonly marketAdapter: MarketAdapterSettings;
  /** How `gridfolio simulate` values deviations from the award (DEVIATION_PENALTY_SMP_FACTOR). */
  readonly deviationPenalty: DeviationPenaltyConfig;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export { ConfigError };

type Env = Readonly<Record<string, string | undefined>>;

const oneOf = <T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T => {
  const value = env[name]?.trim() || fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(
      name,
      `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
    );
  }
  return value as T;
};

const integer = (env: Env, name: string, fallback: number, min: number, max: number): number => {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(
      name,
      `expected an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`,
    );
  }
  return value;
};

const ratio = (env: Env, name: string, fallback: number, max: number): number => {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > max) {
    throw new ConfigError(name, `expected a number in [0, ${max}], got ${JSON.stringify(raw)}`);
  }
  return value;
};

const path = (env: Env, name: string, fallback: string): string => {
  const raw = env[name]?.trim() || fallback;
  return raw === ':memory:' ? raw : resolve(raw);
};

const redisUrl = (env: Env): string | undefined => {
  const raw = env['REDIS_URL']?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^rediss?:\/\/[^\s]+$/.test(raw)) {
    throw new ConfigError('REDIS_URL', `expected redis://host:port, got ${JSON.stringify(raw)}`);
  }
  return raw;
};

const gateTime = (env: Env, name: string): string => {
  const raw = env[name]?.trim() || DEFAULT_DAY_AHEAD_GATE_KST;
  if (!isGateKst(raw)) {
    throw new ConfigError(
      name,
      `expected a KST wall time HH:MM (00:00..23:59), got ${JSON.stringify(raw)}`,
    );
  }
  return raw;
};

const mqttUrl = (env: Env): string | undefined => {
  const raw = env['MQTT_URL']?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^(mqtts?|wss?):\/\/[^\s]+$/.test(raw)) {
    throw new ConfigError('MQTT_URL', `expected mqtt://host:port, got ${JSON.stringify(raw)}`);
  }
  return raw;
};

export const loadConfig = (env: Env = process.env): AppConfig => {
  const eventStore = oneOf(env, 'EVENT_STORE', ['sqlite', 'eventstoredb'] as const, 'sqlite');
  const eventStoreDbUrl = env['EVENTSTORE_URL']?.trim() || undefined;
  if (eventStore === 'eventstoredb' && eventStoreDbUrl === undefined) {
    throw new ConfigError(
      'EVENTSTORE_URL',
      'required when EVENT_STORE=eventstoredb (e.g. esdb://127.0.0.1:2113?tls=false)',
    );
  }
  return {
    eventStore,
    sqlitePath: path(env, 'EVENT_STORE_PATH', './data/gridfolio.db'),
    readModelPath: path(env, 'READ_MODEL_PATH', './data/read-models.db'),
    eventStoreDbUrl,
    httpHost: env['HTTP_HOST']?.trim() || '127.0.0.1',
    httpPort: integer(env, 'HTTP_PORT', 3000, 0, 65535),
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'text'] as const, 'json'),
    anchorIntervalSeconds: integer(env, 'ANCHOR_INTERVAL_SECONDS', 60, 1, 86_400),
    redisUrl: redisUrl(env),
    dayAheadGateKst: gateTime(env, 'DAY_AHEAD_GATE_KST'),
    meterToleranceRatio: ratio(env, 'METER_TOLERANCE_RATIO', 0.05, 1),
    mqttUrl: mqttUrl(env),
    forecasting: loadForecastingConfig(env),
    marketAdapter: loadMarketAdapterSettings(env),
    deviationPenalty: loadDeviationPenaltyConfig(env),
  };
};
