import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpApp } from '../../src/configure-http-app.js';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import mqtt, { type MqttClient } from 'mqtt';
import { CLOCK, type Clock } from '../../domain/shared/clock.port.js';
import { ID_GENERATOR, type IdGenerator } from '../../domain/shared/id-generator.port.js';
import { SeededIdGenerator } from '../../domain/shared/seeded-id-generator.js';
import { AppModule } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/app-config.js';
import { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
} from '../../src/infrastructure/event-store/event-store.port.js';
import { MeterMqttSubscriber } from '../../src/metering/mqtt/meter-mqtt.subscriber.js';
import { registerPv } from '../support/metering-fixtures.js';

// Needs the Mosquitto broker on MQTT_URL (default 127.0.0.1:1883): fails loudly when it is absent.
const mqttUrl = process.env['MQTT_URL'] ?? 'mqtt://127.0.0.1:1883';
const NOW = '2025-03-10T01:00:00Z';
const slot = (n: number): string =>
  new Date(Date.parse('2025-03-09T15:00:00.000Z') + n * 900_000).toISOString();

class CapturingLogger implements LoggerService {
  readonly warnings: string[] = [];
  log(): void {}
  error(): void {}
  debug(): void {}
  verbose(): void {}
  warn(message: unknown): void {
    this.warnings.push(String(message));
  }
}

/** The first event appended to `streamId` from now on, taken from a store subscription. */
const nextEventOf = async (store: EventStore, streamId: string): Promise<RecordedEvent> => {
  const subscription = store.subscribeToAll({ filter: { streamPrefixes: [streamId] } });
  try {
    for await (const event of subscription) return event;
    throw new Error(`the subscription ended before ${streamId} was written`);
  } finally {
    await subscription.close();
  }
};

describe('meter readings over MQTT', () => {
  const directory = mkdtempSync(join(tmpdir(), 'gridfolio-mqtt-'));
  const derId = `pv-mqtt-${randomUUID().slice(0, 8)}`;
  const logger = new CapturingLogger();
  let publisher: MqttClient;
  let app: INestApplication;
  let store: EventStore;

  beforeAll(async () => {
    // Rejects when no broker answers: the suite must not pass without one.
    publisher = await mqtt.connectAsync(mqttUrl, { reconnectPeriod: 0, connectTimeout: 5_000 });
    const config = loadConfig({
      EVENT_STORE_PATH: join(directory, 'events.db'),
      READ_MODEL_PATH: join(directory, 'read-models.db'),
      MQTT_URL: mqttUrl,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppModule.forRoot(config, {
          clock: new SimulatedClock(DateTime.fromISO(NOW)),
          ids: new SeededIdGenerator('mqtt'),
        }),
      ],
    }).compile();
    app = configureHttpApp(moduleRef.createNestApplication<NestExpressApplication>({ logger }));
    await app.init();
    store = app.get<EventStore>(EVENT_STORE);
    const deps = { store, clock: app.get<Clock>(CLOCK), ids: app.get<IdGenerator>(ID_GENERATOR) };
    await registerPv(deps, derId, '2025-03-09T16:00:00.000Z');
    await app.get(MeterMqttSubscriber).whenSubscribed();
  });

  afterAll(async () => {
    await publisher?.endAsync();
    await app?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('stores readings published on gridfolio/meters/{derId}, after dropping a malformed message', async () => {
    const topic = `gridfolio/meters/${derId}`;
    const stored = nextEventOf(store, `meter-der-${derId}-2025-03-10`);
    await publisher.publishAsync(topic, '{ not json', { qos: 1 });
    await publisher.publishAsync(
      topic,
      JSON.stringify([
        { intervalStart: slot(0), intervalMinutes: 15, energyKwh: 4.25 },
        { intervalStart: slot(1), intervalMinutes: 15, energyKwh: 99 },
        { intervalStart: '2025-03-10T00:15:00+09:00', intervalMinutes: 15, energyKwh: 5 },
      ]),
      { qos: 1 },
    );

    const event = await stored;
    expect(event.type).toBe('MeterReadingsRecorded');
    expect(event.data).toMatchObject({
      meterId: derId,
      readings: [
        { intervalStart: slot(0), energyKwh: 4.25 },
        { intervalStart: slot(1), energyKwh: 5 },
      ],
    });
    expect(event.metadata).toMatchObject({ actor: `mqtt:${topic}` });
    // Messages are taken in order, so both warnings were logged before the event was stored.
    expect(logger.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`dropped a message on ${topic}: the payload is not JSON`)),
        expect.stringMatching(new RegExp(`rejected reading 1 on ${topic} .*METER.ABOVE_LIMIT`)),
      ]),
    );
  });
});
