import { MeterIngestService } from '../../src/metering/ingest/meter-ingest.service.js';
import type { INestApplicationContext } from '@nestjs/common';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import { timed } from './bench-timing.js';
import { derIdOf, type FleetShape } from './bench-fleet.js';

export interface IngestMeasure {
  readonly readings: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly batches: number;
  readonly accepted: number;
  readonly rejected: number;
}

export type RowOrder = 'by_meter' | 'by_interval';

const QUARTERS = 96;

/**
 * `meters` PV plants' readings of a whole day (96 quarter hours each), sent to the ingest
 * service in batches of `batchRows`. `by_meter`: each meter's day in order, as a daily file or
 * a data hub's export lists them (a batch spans about ten meter-days). `by_interval`: every meter's
 * reading of one quarter hour, then the next, as meters streaming live send them (each row of
 * a batch is a different meter-day).
 */
export const measureIngest = async (
  app: INestApplicationContext,
  shape: FleetShape,
  options: { meters: number; batchRows: number; order: RowOrder; day: string; firstMeter: number },
): Promise<IngestMeasure> => {
  const service = app.get(MeterIngestService);
  const dayStartMs = TradingDay.parse(options.day).startMs;
  const pvMeters = Array.from({ length: options.meters }, (_, i) => {
    const m = (options.firstMeter + i) % shape.micros;
    const d =
      Math.floor((options.firstMeter + i) / shape.micros) % Math.min(40, shape.dersPerMicro);
    return derIdOf(m, d); // d < 40: PV plants (bench-fleet.ts)
  });
  const row = (meter: number, quarter: number) => ({
    meterId: pvMeters[meter],
    intervalStart: new Date(dayStartMs + quarter * 900_000).toISOString(),
    intervalMinutes: 15,
    // A 25 kW inverter moves at most 6.25 kWh in a quarter hour.
    energyKwh: Math.round(Math.max(0, Math.sin(((quarter - 24) / 48) * Math.PI)) * 600) / 100,
  });
  const rows: ReturnType<typeof row>[] = [];
  if (options.order === 'by_meter') {
    for (let m = 0; m < options.meters; m++)
      for (let q = 0; q < QUARTERS; q++) rows.push(row(m, q));
  } else {
    for (let q = 0; q < QUARTERS; q++)
      for (let m = 0; m < options.meters; m++) rows.push(row(m, q));
  }
  let accepted = 0;
  let rejected = 0;
  let batches = 0;
  const { seconds, cpuSeconds } = await timed(async () => {
    for (let start = 0; start < rows.length; start += options.batchRows) {
      const summary = await service.ingest(rows.slice(start, start + options.batchRows), {
        actor: 'job:assets-bench',
      });
      accepted += summary.accepted;
      rejected += summary.rejected.length;
      batches++;
    }
  });
  return { readings: rows.length, seconds, cpuSeconds, batches, accepted, rejected };
};
