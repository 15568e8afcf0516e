import type { Provider } from '@nestjs/common';
import type { MarketAdapter } from '../../../market-adapters/market-adapter.port.js';
import { APP_CONFIG, ConfigError, type AppConfig } from '../../config/app-config.js';
import { EmbeddedKpxSimAdapter } from './embedded-kpx-sim.adapter.js';
import {
  MARKET_ADAPTER_CONFIG,
  marketAdapterConfig,
  type MarketAdapterConfig,
} from './market-adapter-config.js';

/** Nest DI token of the `MarketAdapter` port (market-adapters/market-adapter.port.ts). */
export const MARKET_ADAPTER = Symbol('MARKET_ADAPTER');

/**
 * The KPX HTTP adapter (market-adapters/kpx/http/) and what is used of it: the class
 * `KpxHttpAdapter`, constructed with `{ baseUrl }`. Loaded by path when KPX_URL is set, so that the
 * application builds and runs on the simulated exchange with or without that adapter; a set
 * KPX_URL without it stops the start-up with a ConfigError naming KPX_URL.
 */
const KPX_HTTP_ADAPTER_MODULE = '../../../market-adapters/kpx/http/kpx-http-adapter.js';

type KpxHttpAdapterClass = new (options: { readonly baseUrl: string }) => MarketAdapter;

export const loadKpxHttpAdapter = async (
  url: string,
  modulePath: string = KPX_HTTP_ADAPTER_MODULE,
): Promise<MarketAdapter> => {
  const unusable = (why: string) =>
    new ConfigError(
      'KPX_URL',
      `is set (${url}), but ${why}; unset KPX_URL to trade on the in-process simulated KPX`,
    );
  let loaded: { readonly KpxHttpAdapter?: unknown };
  try {
    loaded = (await import(modulePath)) as typeof loaded;
  } catch (error) {
    throw unusable(
      `the KPX HTTP adapter (market-adapters/kpx/) is not in this build: ${(error as Error).message}`,
    );
  }
  if (typeof loaded.KpxHttpAdapter !== 'function')
    throw unusable('market-adapters/kpx/http/kpx-http-adapter exports no KpxHttpAdapter class');
  return new (loaded.KpxHttpAdapter as KpxHttpAdapterClass)({ baseUrl: url });
};

/**
 * The market adapter providers: the configuration (from AppConfig's `marketAdapter`), the embedded
 * simulated exchange (opened lazily), and MARKET_ADAPTER, which is the KPX HTTP adapter when
 * KPX_URL is set and the embedded simulated KPX otherwise.
 */
export const marketAdapterProviders: Provider[] = [
  {
    provide: MARKET_ADAPTER_CONFIG,
    useFactory: (app: AppConfig) => marketAdapterConfig(app),
    inject: [APP_CONFIG],
  },
  EmbeddedKpxSimAdapter,
  {
    provide: MARKET_ADAPTER,
    useFactory: (config: MarketAdapterConfig, embedded: EmbeddedKpxSimAdapter) =>
      config.kind === 'kpx-http' ? loadKpxHttpAdapter(config.url) : embedded,
    inject: [MARKET_ADAPTER_CONFIG, EmbeddedKpxSimAdapter],
  },
];
