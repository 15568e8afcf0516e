import { existsSync } from 'node:fs';
import type { AppConfig } from '../../config/app-config.js';
import type { AuditReport } from '../../infrastructure/audit/audit-report.js';
import { verifyEventStore } from '../../infrastructure/audit/audit-verifier.js';
import { verifySqliteEventStore } from '../../infrastructure/audit/sqlite-audit-verifier.js';
import { openEventStoreAdapter } from '../../infrastructure/event-store/open-event-store.js';
import { CliUsageError, parseCliArgs, positiveInteger, toJson } from '../cli-args.js';
import { EXIT, type CliCommand, type CliIo } from '../cli-command.js';

const usage = `usage: gridfolio audit verify [--json] [--workers N]

Recomputes every event's hash, every stream's chain and every anchor, and names the first broken
link by stream and revision. Exit code 0: intact; 1: tampering found; 2: bad input.
  --json        print the report as JSON
  --workers N   worker threads for the embedded (SQLite) store; default: one per core`;

const verify = async (config: AppConfig, workers: number | undefined): Promise<AuditReport> => {
  if (config.eventStore === 'sqlite') {
    if (config.sqlitePath !== ':memory:' && !existsSync(config.sqlitePath)) {
      throw new CliUsageError(`no event store at ${config.sqlitePath} (EVENT_STORE_PATH)`);
    }
    return verifySqliteEventStore(config.sqlitePath, workers === undefined ? {} : { workers });
  }
  const store = openEventStoreAdapter(config);
  try {
    return await verifyEventStore(store);
  } finally {
    await store.close();
  }
};

const describe = (report: AuditReport, seconds: number): string => {
  const rate = seconds > 0 ? Math.round(report.eventsChecked / seconds) : report.eventsChecked;
  const scope =
    `${report.eventsChecked.toLocaleString('en-US')} events in ` +
    `${report.streamsChecked.toLocaleString('en-US')} streams, ` +
    `${report.anchorsChecked.toLocaleString('en-US')} anchors ` +
    `(${seconds.toFixed(2)} s, ${rate.toLocaleString('en-US')} events/s)`;
  const broken = report.firstBreak;
  if (broken === undefined) return `audit verify: intact: ${scope}`;
  return [
    `audit verify: BROKEN at stream ${broken.streamId} revision ${broken.revision} (${broken.reason})`,
    `  ${broken.detail}`,
    `  checked ${scope}`,
  ].join('\n');
};

export const auditVerifyCommand: CliCommand = {
  path: ['audit', 'verify'],
  summary: 'check the hash chains and anchors of the whole event store',
  usage,
  async run(args: readonly string[], io: CliIo, config: AppConfig): Promise<number> {
    const { values } = parseCliArgs(args, {
      json: { type: 'boolean' },
      workers: { type: 'string' },
    });
    const started = process.hrtime.bigint();
    const report = await verify(config, positiveInteger(values.workers, '--workers'));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    io.out(values.json === true ? toJson(report) : describe(report, seconds));
    return report.ok ? EXIT.ok : EXIT.failed;
  },
};
