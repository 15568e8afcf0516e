import type { BenchResults } from '../support/bench-report.js';
import type { MachineFacts } from '../support/machine-facts.js';
import type { AssetBenchOptions } from './asset-bench-options.js';
import type { RebuildMeasure } from './capability-rebuild-measure.js';
import type { ExtrasMeasure } from './fleet-extras.js';
import type { IngestMeasure } from './meter-ingest-measure.js';
import type { RegisterMeasure } from './register-fleet.js';

/** Issue 3's targets; seconds are upper bounds, rates lower bounds. */
export const ASSET_TARGETS = {
  register100kDersSeconds: 60,
  meterReadingsPerSec: 10_000,
  capabilityRebuildSeconds: 10,
} as const;

interface Row {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly atMost?: number;
  readonly atLeast?: number;
}

export interface AssetRun {
  readonly options: AssetBenchOptions;
  readonly register: RegisterMeasure;
  /** How long the read models took to catch up with the log after the bulk load. */
  readonly catchUpSeconds: number;
  readonly extras: ExtrasMeasure;
  readonly ingestByMeter: IngestMeasure;
  readonly ingestByInterval: IngestMeasure;
  readonly rebuild: RebuildMeasure;
  readonly machine: MachineFacts;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly startedAt: Date;
  readonly seconds: number;
  readonly storeFileMiB: number;
  readonly command: string;
}

const round = (value: number, digits = 2): number =>
  Math.round(value * 10 ** digits) / 10 ** digits;
const perSec = (count: number, seconds: number): number => Math.round(count / seconds);

const verdict = (row: Row): string => {
  if (row.atMost !== undefined) return row.value <= row.atMost ? 'PASS' : 'MISS';
  if (row.atLeast !== undefined) return row.value >= row.atLeast ? 'PASS' : 'MISS';
  return '';
};

const rows = (run: AssetRun): Row[] => {
  const { register, extras, ingestByMeter, ingestByInterval, rebuild, options } = run;
  const ders = (options.shape.micros * options.shape.dersPerMicro).toLocaleString('en-US');
  const full = !options.quick;
  return [
    {
      label: `register ${ders} DERs in ${options.shape.micros} micro-VPPs (CommandBus)`,
      value: round(register.seconds, 1),
      unit: 's',
      ...(full && { atMost: ASSET_TARGETS.register100kDersSeconds }),
    },
    {
      label: 'commands through the bus while registering',
      value: perSec(register.commands, register.seconds),
      unit: 'commands/s',
    },
    {
      label: 'read models catching up with the log after the load',
      value: round(run.catchUpSeconds, 1),
      unit: 's',
    },
    {
      label: `${extras.declarations} deratings and ${extras.evSessions} EV sessions`,
      value: round(extras.seconds, 1),
      unit: 's',
    },
    {
      label: 'meter ingest, rows by meter (one meter-day after another)',
      value: perSec(ingestByMeter.readings, ingestByMeter.seconds),
      unit: 'readings/s',
      atLeast: ASSET_TARGETS.meterReadingsPerSec,
    },
    {
      label: 'meter ingest, rows by interval (every meter, then the next interval)',
      value: perSec(ingestByInterval.readings, ingestByInterval.seconds),
      unit: 'readings/s',
    },
    {
      label: `capability rebuild: replay ${rebuild.logEvents.toLocaleString('en-US')} events + query`,
      value: round(rebuild.seconds),
      unit: 's',
      ...(full && { atMost: ASSET_TARGETS.capabilityRebuildSeconds }),
    },
    {
      label: '  of which the capability query',
      value: round(rebuild.computeSeconds, 3),
      unit: 's',
    },
  ];
};

/** The table as Markdown, which reads well in a terminal and pastes into RESULTS.md as is. */
export const assetTable = (run: AssetRun): string => {
  const cells = rows(run).map((row) => [
    row.label,
    row.value.toLocaleString('en-US'),
    row.unit,
    row.atMost !== undefined
      ? `<= ${row.atMost.toLocaleString('en-US')}`
      : row.atLeast !== undefined
        ? `>= ${row.atLeast.toLocaleString('en-US')}`
        : '',
    verdict(row),
  ]);
  const header = ['measure', 'figure', 'unit', 'target', ''];
  const widths = header.map((title, c) =>
    Math.max(title.length, ...cells.map((r) => r[c]!.length)),
  );
  const line = (values: readonly string[]): string =>
    `| ${values.map((v, c) => (c === 1 ? v.padStart(widths[c]!) : v.padEnd(widths[c]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (c === 1 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...cells.map(line)].join('\n');
};

export const assetResults = (run: AssetRun): BenchResults => {
  const { register, extras, ingestByMeter, ingestByInterval, rebuild, options } = run;
  const missed = rows(run)
    .filter((row) => verdict(row) === 'MISS')
    .map((row) => row.label);
  return {
    name: 'assets',
    mode: options.quick ? 'quick' : 'full',
    date: run.startedAt.toISOString(),
    command: run.command,
    register100kDersSeconds: round(register.seconds, 1),
    meterReadingsPerSec: perSec(ingestByMeter.readings, ingestByMeter.seconds),
    capabilityRebuildSeconds: round(rebuild.seconds),
    derCount: options.shape.micros * options.shape.dersPerMicro,
    microVppCount: options.shape.micros,
    portfolioCount: options.shape.micros + 11,
    registerCommandCount: register.commands,
    registerEventCount: register.events,
    register100kDersCpuSeconds: round(register.cpuSeconds, 1),
    registerPortfoliosSeconds: round(register.portfolioSeconds),
    registerDersSeconds: round(register.derSeconds),
    registerCommandsPerSec: perSec(register.commands, register.seconds),
    commandConcurrency: options.concurrency,
    readModelsCatchUpAfterLoadSeconds: round(run.catchUpSeconds, 1),
    extraDeclarationCount: extras.declarations,
    extraEvSessionCount: extras.evSessions,
    extraCommandsSeconds: round(extras.seconds),
    meterReadingCount: ingestByMeter.readings,
    meterBatchRows: options.batchRows,
    meterReadingsPerSecByMeter: perSec(ingestByMeter.readings, ingestByMeter.seconds),
    meterReadingsPerSecByInterval: perSec(ingestByInterval.readings, ingestByInterval.seconds),
    meterIngestCpuSecondsByMeter: round(ingestByMeter.cpuSeconds),
    meterIngestSecondsByMeter: round(ingestByMeter.seconds),
    meterIngestSecondsByInterval: round(ingestByInterval.seconds),
    meterRejectedRows: ingestByMeter.rejected + ingestByInterval.rejected,
    capabilityRebuildCpuSeconds: round(rebuild.cpuSeconds),
    capabilityReplaySeconds: round(rebuild.replaySeconds),
    capabilityQuerySeconds: round(rebuild.computeSeconds, 3),
    capabilityQueryAgainSeconds: round(rebuild.queryAgainSeconds, 3),
    capabilityLogEventCount: rebuild.logEvents,
    capabilityAssetEventCount: rebuild.assetEvents,
    capabilityMemberDerCount: rebuild.memberDers,
    capabilityFirstIntervalUpKw: round(rebuild.firstIntervalUpKw),
    capabilityFirstIntervalDownKw: round(rebuild.firstIntervalDownKw),
    capabilityEveningIntervalDownKw: round(rebuild.eveningIntervalDownKw),
    storeFileMiB: run.storeFileMiB,
    targetsMissed: missed.join('; '),
    ...run.machine,
    loadAverage1mBefore: run.loadBefore[0] ?? 0,
    loadAverage5mBefore: run.loadBefore[1] ?? 0,
    loadAverage15mBefore: run.loadBefore[2] ?? 0,
    loadAverage1mAfter: run.loadAfter[0] ?? 0,
    loadAverage5mAfter: run.loadAfter[1] ?? 0,
    loadAverage15mAfter: run.loadAfter[2] ?? 0,
    totalSeconds: Math.round(run.seconds),
  };
};
