import type { RecordMeterReadings } from '../../../domain/metering/index.js';
import type { Clock } from '../../../domain/shared/clock.port.js';
import type { IdGenerator } from '../../../domain/shared/id-generator.port.js';
import { DomainError, isDomainError } from '../../../domain/shared/domain-error.js';
import type { EventStore } from '../../infrastructure/event-store/event-store.port.js';
import { MeterBatch, toRejected, type CommandResult } from './meter-batch.js';
import type { IngestOptions, IngestRow, IngestSummary, RejectedRow } from './meter-ingest.types.js';
import { MeterDayRecorder } from './meter-day-recorder.js';
import { MeterResolver } from './meter-resolver.js';
import { MeterRowParser, type ParsedRow } from './meter-row.parser.js';
import type { SiteDirectory } from './site-directory.js';

export interface MeterIngestDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly sites: SiteDirectory;
  /** Readings may exceed capacity x interval by this share. */
  readonly toleranceRatio: number;
  /** Told about failures that are not the rows' fault (a store error); the rows are refused. */
  readonly onStoreError?: (error: unknown) => void;
}

/** Most rows one batch may hold; larger uploads are split by the sender. */
export const MAX_BATCH_ROWS = 100_000;

/**
 * Ingests a batch of readings from any source (HTTP, CSV, MQTT, files): reads each named meter
 * once, refuses rows one by one with a reason, and records the rest with one command per meter,
 * day and limit, so a batch costs one append per meter-day however many readings it carries.
 * A failing row, or a failing meter-day, never loses the other rows.
 */
export class MeterIngestService {
  private readonly days: MeterDayRecorder;

  constructor(private readonly deps: MeterIngestDeps) {
    this.days = new MeterDayRecorder(deps);
  }

  async ingest(rows: readonly IngestRow[], options: IngestOptions): Promise<IngestSummary> {
    if (rows.length > MAX_BATCH_ROWS)
      throw new DomainError(
        'METER.BATCH_TOO_LARGE',
        `a batch holds at most ${MAX_BATCH_ROWS} readings, got ${rows.length}; split it`,
        'readings',
      );
    const now = this.deps.clock.now().toUTC().toISO() ?? '';
    const parser = new MeterRowParser();
    const rejected: RejectedRow[] = [];
    const parsed: ParsedRow[] = [];
    rows.forEach((input, row) => {
      const result = parser.parse(input, row);
      if ('code' in result) rejected.push(result);
      else parsed.push(result);
    });

    const resolver = new MeterResolver(this.deps.store, this.deps.sites, this.deps.toleranceRatio);
    await resolver.load(parsed);
    const batch = new MeterBatch(now);
    for (const row of parsed) {
      const resolution = resolver.resolve(row);
      if (resolution.ok) batch.add(row, resolution.limits);
      else rejected.push(toRejected(row, resolution.code, resolution.field, resolution.reason));
    }

    const correlationId = options.correlationId ?? this.deps.ids.next();
    const totals = { accepted: 0, unchanged: 0, corrected: 0 };
    for (const group of batch.groups()) {
      const result = await group.run((streamId, command) =>
        this.record(streamId, command, options.actor, correlationId),
      );
      totals.accepted += result.accepted;
      totals.unchanged += result.unchanged;
      totals.corrected += result.corrected;
      rejected.push(...result.rejected);
    }
    rejected.sort((a, b) => a.row - b.row);
    return { ...totals, rejected };
  }

  private async record(
    streamId: string,
    command: RecordMeterReadings,
    actor: string,
    correlationId: string,
  ): Promise<CommandResult> {
    try {
      const events = await this.days.record(streamId, command, {
        commandId: this.deps.ids.next(),
        correlationId,
        actor,
      });
      return { ok: true, events };
    } catch (error) {
      if (isDomainError(error))
        return { ok: false, code: error.code, field: error.field ?? 'row', reason: error.message };
      this.deps.onStoreError?.(error);
      return {
        ok: false,
        code: 'METER.NOT_STORED',
        field: 'row',
        reason: 'the event store refused the write; send these rows again',
      };
    }
  }
}
