import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/app-config.js';

describe('loadConfig', () => {
  it('defaults to the embedded store at ./data/gridfolio.db', () => {
    const config = loadConfig({});
    expect(config.eventStore).toBe('sqlite');
    expect(config.sqlitePath).toBe(resolve('./data/gridfolio.db'));
    expect(config.httpPort).toBe(3000);
    expect(config.anchorIntervalSeconds).toBe(60);
    expect(config.redisUrl).toBeUndefined();
    expect(config.dayAheadGateKst).toBe('10:00');
  });

  it('reads the day-ahead gate time in KST', () => {
    expect(loadConfig({ DAY_AHEAD_GATE_KST: '09:30' }).dayAheadGateKst).toBe('09:30');
    expect(loadConfig({ DAY_AHEAD_GATE_KST: ' ' }).dayAheadGateKst).toBe('10:00');
  });

  it('switches to EventStoreDB when EVENT_STORE and EVENTSTORE_URL are set', () => {
    const config = loadConfig({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_URL: 'esdb://127.0.0.1:2113?tls=false',
    });
    expect(config.eventStore).toBe('eventstoredb');
    expect(config.eventStoreDbUrl).toBe('esdb://127.0.0.1:2113?tls=false');
  });

  it.each([
    [{ EVENT_STORE: 'postgres' }, 'EVENT_STORE'],
    [{ EVENT_STORE: 'eventstoredb' }, 'EVENTSTORE_URL'],
    [{ HTTP_PORT: '70000' }, 'HTTP_PORT'],
    [{ HTTP_PORT: 'abc' }, 'HTTP_PORT'],
    [{ ANCHOR_INTERVAL_SECONDS: '0' }, 'ANCHOR_INTERVAL_SECONDS'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ DAY_AHEAD_GATE_KST: '24:00' }, 'DAY_AHEAD_GATE_KST'],
    [{ DAY_AHEAD_GATE_KST: '9:00' }, 'DAY_AHEAD_GATE_KST'],
  ])('rejects %j naming %s', (env, variable) => {
    const attempt = (): unknown => {
      try {
        return loadConfig(env);
      } catch (error) {
        return error;
      }
    };
    const error = attempt();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
  });

  it('keeps :memory: as it is', () => {
    expect(loadConfig({ EVENT_STORE_PATH: ':memory:' }).sqlitePath).toBe(':memory:');
  });
});
