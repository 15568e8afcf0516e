import { describe, expect, it } from '@jest/globals';
import { join, resolve } from 'node:path';
import {
  loadMarketAdapterConfig,
  marketAdapterConfig,
} from '../../src/bids/market-adapter/market-adapter-config.js';
import { ConfigError, loadConfig } from '../../src/config/app-config.js';

const app = loadConfig({
  EVENT_STORE_PATH: '/var/gridfolio/events.db',
  DAY_AHEAD_GATE_KST: '09:30',
});

describe('market adapter configuration', () => {
  it('defaults to the in-process simulated KPX next to the event store, on the configured gate', () => {
    expect(loadMarketAdapterConfig({}, app)).toEqual({
      kind: 'kpx-sim-in-process',
      dbPath: '/var/gridfolio/kpx-sim.db',
      dataPath: '../shared/data/kpx',
      seed: 'kpx-sim',
      dayAheadGateKst: '09:30',
    });
  });

  it('takes KPX_SIM_DB, KPX_SIM_DATA and KPX_SIM_SEED; an in-memory store keeps the exchange in memory', () => {
    expect(
      loadMarketAdapterConfig(
        { KPX_SIM_DB: 'sim/x.db', KPX_SIM_DATA: '/data/kpx', KPX_SIM_SEED: ' 7 ' },
        app,
      ),
    ).toMatchObject({ dbPath: resolve('sim/x.db'), dataPath: '/data/kpx', seed: '7' });
    const memory = loadConfig({ EVENT_STORE_PATH: ':memory:' });
    expect(loadMarketAdapterConfig({}, memory)).toMatchObject({ dbPath: ':memory:' });
    expect(loadMarketAdapterConfig({ KPX_SIM_DB: join('a', 'b.db') }, memory)).toMatchObject({
      dbPath: resolve('a/b.db'),
    });
  });

  it('chooses the KPX HTTP API when KPX_URL is set, and refuses a URL it cannot use', () => {
    expect(loadMarketAdapterConfig({ KPX_URL: 'http://127.0.0.1:7070' }, app)).toEqual({
      kind: 'kpx-http',
      url: 'http://127.0.0.1:7070',
    });
    expect(() => loadMarketAdapterConfig({ KPX_URL: 'ftp://kpx' }, app)).toThrow(ConfigError);
    expect(() => loadMarketAdapterConfig({ KPX_URL: 'ftp://kpx' }, app)).toThrow(/^KPX_URL: /);
  });

  it('is part of AppConfig: read and checked with the rest of the environment at start-up', () => {
    const loaded = loadConfig({
      EVENT_STORE_PATH: '/var/gridfolio/events.db',
      KPX_SIM_DB: 'sim/x.db',
      KPX_SIM_SEED: '7',
    });
    expect(loaded.marketAdapter).toEqual({
      kpxUrl: undefined,
      kpxSimDbPath: resolve('sim/x.db'),
      kpxSimDataPath: '../shared/data/kpx',
      kpxSimSeed: '7',
    });
    expect(marketAdapterConfig(loaded)).toMatchObject({ dbPath: resolve('sim/x.db'), seed: '7' });
    expect(marketAdapterConfig(app)).toMatchObject({ dbPath: '/var/gridfolio/kpx-sim.db' });
    expect(() => loadConfig({ KPX_URL: 'ftp://kpx' })).toThrow(/^KPX_URL: /);
  });
});
