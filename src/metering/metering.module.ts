import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { csvBodyMiddleware } from './http/csv-body.middleware.js';
import { MeterReadingsHttpController } from './http/meter-readings.http.controller.js';
import { meterIngestProviders } from './ingest/meter-ingest.provider.js';
import { MeterIngestService } from './ingest/meter-ingest.service.js';
import { MeterMqttSubscriber } from './mqtt/meter-mqtt.subscriber.js';

/** Meter readings in: HTTP (JSON, CSV) and MQTT (when MQTT_URL is set), one ingest service. */
@Module({
  controllers: [MeterReadingsHttpController],
  providers: [...meterIngestProviders, MeterMqttSubscriber],
  exports: [MeterIngestService],
})
export class MeteringModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(csvBodyMiddleware)
      .forRoutes({ path: 'meter-readings/csv', method: RequestMethod.POST });
  }
}
