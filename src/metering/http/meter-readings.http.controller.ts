import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { parseMeterCsv } from '../csv/meter-csv.parser.js';
import { MeterIngestService } from '../ingest/meter-ingest.service.js';
import type { IngestSummary } from '../ingest/meter-ingest.types.js';

/**
 * Batches of interval readings. The answer is 200 with what became of every row, even when some
 * rows are refused: a bad row is reported, never a reason to drop the good ones. Only a body that
 * cannot be read as a batch at all is a 400.
 */
@Controller('meter-readings')
export class MeterReadingsHttpController {
  constructor(@Inject(MeterIngestService) private readonly meters: MeterIngestService) {}

  /** `{ "readings": [{ meterId, meterKind?, intervalStart, intervalMinutes, energyKwh }] }` */
  @Post()
  @HttpCode(200)
  postJson(@Body() body: unknown): Promise<IngestSummary> {
    const readings = (body as { readings?: unknown } | undefined)?.readings;
    if (!Array.isArray(readings))
      throw new DomainError(
        'METER.INVALID_BATCH',
        'send { "readings": [ { meterId, intervalStart, intervalMinutes, energyKwh }, ... ] } as application/json',
        'readings',
      );
    return this.meters.ingest(readings, { actor: 'http:meter-readings' });
  }

  /** A text/csv body with the header `meterId,intervalStart,intervalMinutes,energyKwh`. */
  @Post('csv')
  @HttpCode(200)
  postCsv(@Body() body: unknown): Promise<IngestSummary> {
    if (typeof body !== 'string')
      throw new DomainError(
        'METER.INVALID_CSV',
        'send the readings as a text/csv body with the header meterId,intervalStart,intervalMinutes,energyKwh',
        'body',
      );
    return this.meters.ingest(parseMeterCsv(body), { actor: 'http:meter-readings-csv' });
  }
}
