import { ConfigError, loadConfig } from '../../src/config/app-config.js';

const errorOf = (env: Record<string, string>): unknown => {
  try {
    return loadConfig(env);
  } catch (error) {
    return error;
  }
};

describe('metering configuration', () => {
  it('allows meter readings 5 % above capacity and leaves MQTT off by default', () => {
    const config = loadConfig({});
    expect(config.meterToleranceRatio).toBe(0.05);
    expect(config.mqttUrl).toBeUndefined();
    expect(loadConfig({ MQTT_URL: ' ' }).mqttUrl).toBeUndefined();
  });

  it('reads METER_TOLERANCE_RATIO and MQTT_URL', () => {
    const config = loadConfig({ METER_TOLERANCE_RATIO: '0', MQTT_URL: 'mqtt://127.0.0.1:1883' });
    expect(config.meterToleranceRatio).toBe(0);
    expect(config.mqttUrl).toBe('mqtt://127.0.0.1:1883');
    expect(loadConfig({ MQTT_URL: 'mqtts://broker.example:8883' }).mqttUrl).toBe(
      'mqtts://broker.example:8883',
    );
  });

  it.each([
    [{ METER_TOLERANCE_RATIO: '-0.1' }, 'METER_TOLERANCE_RATIO'],
    [{ METER_TOLERANCE_RATIO: '1.5' }, 'METER_TOLERANCE_RATIO'],
    [{ METER_TOLERANCE_RATIO: '5%' }, 'METER_TOLERANCE_RATIO'],
    [{ MQTT_URL: '127.0.0.1:1883' }, 'MQTT_URL'],
    [{ MQTT_URL: 'http://broker:1883' }, 'MQTT_URL'],
  ])('rejects %j naming %s', (env, variable) => {
    const error = errorOf(env);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
  });
});
