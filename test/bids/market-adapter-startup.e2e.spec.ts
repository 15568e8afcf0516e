import { describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module.js';
import { EmbeddedKpxSimAdapter } from '../../src/bids/market-adapter/embedded-kpx-sim.adapter.js';
import {
  loadKpxHttpAdapter,
  MARKET_ADAPTER,
} from '../../src/bids/market-adapter/market-adapter.provider.js';
import { loadConfig } from '../../src/config/app-config.js';

// KPX_URL is read with the rest of the configuration (AppConfig.marketAdapter).
const start = async (env: Readonly<Record<string, string>> = {}) =>
  Test.createTestingModule({
    imports: [
      AppModule.forRoot(
        loadConfig({ EVENT_STORE_PATH: ':memory:', READ_MODEL_PATH: ':memory:', ...env }),
      ),
    ],
  }).compile();

// The HTTP adapter is loaded by path, so that the application runs with or without it.
const httpAdapterBuilt = existsSync(
  join(process.cwd(), 'market-adapters', 'kpx', 'http', 'kpx-http-adapter.ts'),
);

describe('choosing the market adapter at start-up', () => {
  it('trades on the embedded simulated KPX without KPX_URL', async () => {
    const moduleRef = await start();
    expect(moduleRef.get(MARKET_ADAPTER)).toBe(moduleRef.get(EmbeddedKpxSimAdapter));
    await moduleRef.close();
  });

  (httpAdapterBuilt ? it : it.skip)('talks to KPX_URL through the KPX HTTP adapter', async () => {
    const moduleRef = await start({ KPX_URL: 'http://127.0.0.1:7070' });
    const adapter = moduleRef.get<object>(MARKET_ADAPTER);
    expect(adapter.constructor.name).toBe('KpxHttpAdapter');
    await moduleRef.close();
  });

  (httpAdapterBuilt ? it.skip : it)(
    'refuses to start with KPX_URL set while the KPX HTTP adapter is not in the build',
    async () => {
      await expect(start({ KPX_URL: 'http://127.0.0.1:7070' })).rejects.toThrow(
        /^KPX_URL: .*market-adapters\/kpx\/.*unset KPX_URL/s,
      );
    },
  );

  it('says which variable to unset when the adapter module is missing or wrong', async () => {
    await expect(
      loadKpxHttpAdapter('http://127.0.0.1:7070', '../../../market-adapters/kpx/nowhere.js'),
    ).rejects.toThrow(/^KPX_URL: is set .*not in this build.*unset KPX_URL/s);
    await expect(
      loadKpxHttpAdapter('http://127.0.0.1:7070', '../../../market-adapters/kpx-sim/config.js'),
    ).rejects.toThrow(/^KPX_URL: .*exports no KpxHttpAdapter class/);
  });

  it('refuses a KPX_URL that is not an http(s) URL', async () => {
    await expect(start({ KPX_URL: 'kpx.example' })).rejects.toThrow(/^KPX_URL: expected http\(s\)/);
  });
});
