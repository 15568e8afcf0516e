import type { KpxForecastScheme } from '../../domain/forecasting/kpx-scheme/index.js';
import type { MarketId, MarketRuleOverrides } from '../../domain/market/market-rules.js';
import { SqliteExchangeStore } from './exchange-store.js';
import { HistoricalPriceFormation, type RealTimeNoise } from './historical-price-formation.js';
import { InProcessKpxSimAdapter } from './in-process-adapter.js';
import { KpxSimExchange } from './kpx-sim-exchange.js';
import { loadMeritOrderInputs, type MeritOrderInputs } from './merit-order-inputs.js';
import { MeritOrderPriceFormation } from './merit-order-price-formation.js';
import type { PriceFormation } from './price-formation.js';
import { isPriceMode, type PriceMode } from './price-mode.js';
import { loadSmpHistory, type SmpHistory } from './smp-history.js';

export interface OpenKpxSimOptions {
  /** SQLite file, or ':memory:'. */
  readonly dbPath: string;
  /** The SMP to replay: loaded from `dataPath` unless given. */
  readonly history?: SmpHistory;
  /** Demand and renewables for merit-order prices: loaded from `dataPath` unless given. */
  readonly meritOrderInputs?: MeritOrderInputs;
  readonly dataPath?: string;
  /**
   * Recorded at the first start like the seed; reopening with another mode is refused. Unset:
   * the mode the database was started with, `historical` for a new one.
   */
  readonly priceMode?: PriceMode;
  readonly seed: string | number;
  readonly startAt?: string;
  readonly ruleOverrides?: Partial<Record<MarketId, MarketRuleOverrides>>;
  readonly forecastScheme?: KpxForecastScheme;
  readonly realTimeNoise?: RealTimeNoise;
}

export interface KpxSim {
  readonly exchange: KpxSimExchange;
  readonly adapter: InProcessKpxSimAdapter;
  readonly formation: string;
  close(): void;
}

/** Opens (creating if needed) a simulated KPX with the requested (or recorded) price formation. */
export const openKpxSim = (options: OpenKpxSimOptions): KpxSim => {
  const store = new SqliteExchangeStore(options.dbPath);
  try {
    const formation = formationFor(options, store.meta('formation'));
    const exchange = new KpxSimExchange({
      store,
      formation,
      seed: options.seed,
      ...(options.startAt === undefined ? {} : { startAt: options.startAt }),
      ...(options.ruleOverrides === undefined ? {} : { ruleOverrides: options.ruleOverrides }),
      ...(options.forecastScheme === undefined ? {} : { forecastScheme: options.forecastScheme }),
    });
    return {
      exchange,
      adapter: new InProcessKpxSimAdapter(exchange),
      formation: formation.name,
      close: () => store.close(),
    };
  } catch (error) {
    store.close();
    throw error;
  }
};

const formationFor = (options: OpenKpxSimOptions, recorded: string | undefined): PriceFormation => {
  // The exchange itself refuses a mode other than the recorded one (KPXSIM.CONFIG_MISMATCH).
  const mode =
    options.priceMode ??
    (recorded !== undefined && isPriceMode(recorded) ? recorded : 'historical');
  const dataPath = options.dataPath ?? '../shared/data/kpx';
  if (mode === 'merit-order')
    return new MeritOrderPriceFormation(
      options.meritOrderInputs ?? loadMeritOrderInputs(dataPath),
      options.seed,
      undefined,
      options.realTimeNoise,
    );
  const history = options.history ?? loadSmpHistory(dataPath);
  return new HistoricalPriceFormation(history, options.seed, options.realTimeNoise);
};
