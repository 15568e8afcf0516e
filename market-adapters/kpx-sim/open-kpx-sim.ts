import type { KpxForecastScheme } from '../../domain/forecasting/kpx-scheme/index.js';
import type { MarketId, MarketRuleOverrides } from '../../domain/market/market-rules.js';
import { SqliteExchangeStore } from './exchange-store.js';
import { HistoricalPriceFormation, type RealTimeNoise } from './historical-price-formation.js';
import { InProcessKpxSimAdapter } from './in-process-adapter.js';
import { KpxSimExchange } from './kpx-sim-exchange.js';
import { loadSmpHistory, type SmpHistory } from './smp-history.js';

export interface OpenKpxSimOptions {
  /** SQLite file, or ':memory:'. */
  readonly dbPath: string;
  /** The SMP to replay: loaded from `dataPath` unless given. */
  readonly history?: SmpHistory;
  readonly dataPath?: string;
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

/** Opens (creating if needed) a simulated KPX with historical price formation. */
export const openKpxSim = (options: OpenKpxSimOptions): KpxSim => {
  const history = options.history ?? loadSmpHistory(options.dataPath ?? '../shared/data/kpx');
  const formation = new HistoricalPriceFormation(history, options.seed, options.realTimeNoise);
  const store = new SqliteExchangeStore(options.dbPath);
  try {
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
