import { isDomainError } from '../../../domain/shared/domain-error.js';
import type { AppConfig } from '../../config/app-config.js';
import { SystemClock } from '../../infrastructure/clock/system-clock.js';
import { openEventStore } from '../../infrastructure/event-store/open-event-store.js';
import { RandomIdGenerator } from '../../infrastructure/ids/random-id-generator.js';
import { readMeterFile } from './meter-file.reader.js';
import { MeterIngestService } from '../ingest/meter-ingest.service.js';
import type { IngestSummary, RejectedRow } from '../ingest/meter-ingest.types.js';
import { SiteDirectory } from '../ingest/site-directory.js';
import { CliUsageError, parseCliArgs, toJson } from '../../cli/cli-args.js';
import { EXIT, type CliCommand, type CliIo } from '../../cli/cli-command.js';

/** Rows per ingest call: large, so that each meter-day of a file costs few appends. */
const CHUNK_ROWS = 50_000;

const usage = `usage: gridfolio meters import --file <readings.csv|readings.json> [--json]

Loads interval meter readings into the event store. A CSV has the header
meterId,intervalStart,intervalMinutes,energyKwh (optional column meterKind: der or site); a JSON
file holds an array of such readings or { "readings": [...] }. Prints how many readings were new,
unchanged or corrected, and every rejected row with its reason.
Exit code 0: every row accepted; 1: some rows rejected; 2: bad input (no file, unreadable file).`;

const ingestInChunks = async (
  service: MeterIngestService,
  rows: readonly unknown[],
): Promise<IngestSummary> => {
  const total = { accepted: 0, unchanged: 0, corrected: 0, rejected: [] as RejectedRow[] };
  for (let offset = 0; offset < rows.length; offset += CHUNK_ROWS) {
    const summary = await service.ingest(rows.slice(offset, offset + CHUNK_ROWS), {
      actor: 'cli:meters-import',
    });
    total.accepted += summary.accepted;
    total.unchanged += summary.unchanged;
    total.corrected += summary.corrected;
    total.rejected.push(...summary.rejected.map((r) => ({ ...r, row: r.row + offset })));
  }
  return total;
};

const describe = (summary: IngestSummary): string =>
  [
    `meters import: ${summary.accepted} accepted, ${summary.unchanged} unchanged, ` +
      `${summary.corrected} corrected, ${summary.rejected.length} rejected`,
    ...summary.rejected.map(
      (r) =>
        `  row ${r.row}${r.line === undefined ? '' : ` (line ${r.line})`} ` +
        `${r.meterId ?? '?'} ${r.intervalStart ?? '?'}: ${r.code} [${r.field}] ${r.reason}`,
    ),
  ].join('\n');

export const metersImportCommand: CliCommand = {
  path: ['meters', 'import'],
  summary: 'load interval meter readings from a CSV or JSON file',
  usage,
  async run(args: readonly string[], io: CliIo, config: AppConfig): Promise<number> {
    const { values } = parseCliArgs(args, {
      file: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.file === undefined) throw new CliUsageError('--file is required');
    let rows: unknown[];
    try {
      rows = await readMeterFile(values.file);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      io.err(`gridfolio meters import: ${error.code}: ${error.message}`);
      return EXIT.badInput;
    }
    const stack = openEventStore(config, {
      clock: new SystemClock(),
      ids: new RandomIdGenerator(),
    });
    try {
      const service = new MeterIngestService({
        store: stack.store,
        clock: new SystemClock(),
        ids: new RandomIdGenerator(),
        sites: new SiteDirectory(stack.store),
        toleranceRatio: config.meterToleranceRatio,
        onStoreError: (error) => io.err(`gridfolio meters import: store error: ${String(error)}`),
      });
      const summary = await ingestInChunks(service, rows);
      io.out(values.json === true ? toJson(summary) : describe(summary));
      return summary.rejected.length === 0 ? EXIT.ok : EXIT.failed;
    } finally {
      await stack.close();
    }
  },
};
