import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { MeterIngestService } from '../ingest/meter-ingest.service.js';
import { METER_TOPIC_FILTER, readMeterPayload } from './meter-mqtt.payload.js';

/**
 * Subscribes to `gridfolio/meters/+` when MQTT_URL is set and ingests each message through the
 * same service as HTTP. Messages are taken one at a time and acknowledged (QoS 1) only once
 * stored or refused, so a crash in between makes the broker deliver them again: ingest is
 * idempotent, a redelivered reading changes nothing. The broker being down never stops the
 * application: the client keeps reconnecting and says so in the log.
 */
@Injectable()
export class MeterMqttSubscriber implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('MeterMqtt');
  private client: MqttClient | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private markSubscribed: () => void = () => undefined;
  private readonly subscribed = new Promise<void>((resolve) => {
    this.markSubscribed = resolve;
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MeterIngestService) private readonly meters: MeterIngestService,
  ) {}

  onApplicationBootstrap(): void {
    const url = this.config.mqttUrl;
    if (url === undefined) return;
    const client = mqtt.connect(url, {
      clientId: `gridfolio-meters-${randomUUID()}`,
      reconnectPeriod: 2_000,
      connectTimeout: 10_000,
    });
    client.handleMessage = (packet: IPublishPacket, done: (error?: Error) => void) => {
      this.inFlight = this.handle(packet).finally(() => done());
    };
    client.on('connect', () => {
      client.subscribe(METER_TOPIC_FILTER, { qos: 1 }, (error) => {
        if (error) this.logger.error(`cannot subscribe to ${METER_TOPIC_FILTER}: ${error.message}`);
        else {
          this.logger.log(`subscribed to ${METER_TOPIC_FILTER} on ${url}`);
          this.markSubscribed();
        }
      });
    });
    client.on('error', (error) => this.logger.warn(`MQTT ${url}: ${error.message}`));
    this.client = client;
  }

  /** Resolves once the subscription is in place (for tests and readiness checks). */
  whenSubscribed(): Promise<void> {
    return this.subscribed;
  }

  async onModuleDestroy(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) return;
    // Stop taking messages before the store closes; the one being stored finishes first.
    await this.inFlight;
    await client.endAsync();
  }

  private async handle(packet: IPublishPacket): Promise<void> {
    const { topic } = packet;
    const payload = readMeterPayload(topic, packet.payload);
    if (!payload.ok) {
      this.logger.warn(`dropped a message on ${topic}: ${payload.problem}`);
      return;
    }
    try {
      const summary = await this.meters.ingest(payload.rows, { actor: `mqtt:${topic}` });
      for (const row of summary.rejected)
        this.logger.warn(
          `rejected reading ${row.row} on ${topic} (${row.intervalStart ?? '?'}): ${row.code} ${row.reason}`,
        );
    } catch (error) {
      this.logger.error(
        `readings on ${topic} not ingested: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
