import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { ANCHOR_STREAM_ID } from '../../src/infrastructure/audit/anchor-event.js';
import { verifyEventStore } from '../../src/infrastructure/audit/audit-verifier.js';
import type { AuditReport } from '../../src/infrastructure/audit/audit-report.js';
import { verifySqliteEventStore } from '../../src/infrastructure/audit/sqlite-audit-verifier.js';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store.js';
import { ProjectionRunner } from '../../src/infrastructure/projections/projection-runner.js';
import { openReadModelDatabase } from '../../src/infrastructure/projections/sqlite/read-model-database.js';
import { SqliteCheckpointStore } from '../../src/infrastructure/projections/sqlite/sqlite-checkpoint-store.js';
import {
  STREAM_CATALOGUE,
  StreamCatalogueProjection,
} from '../../src/infrastructure/projections/stream-catalogue/stream-catalogue.projection.js';
import { timeOf, type Timing } from '../support/measure.js';
import { appendPlan, BenchEventFactory } from './bench-events.js';
import { openChainedStore, removeDatabase } from './bench-stores.js';

/** Time of one pass over a store, and how many events it went through. */
export interface Pass extends Timing {
  readonly events: number;
}

const BUILD_BATCH_SIZE = 100;

/**
 * Fills a new store through the production path (chained, anchored) in batches of 100 over the
 * benchmark's streams, reporting progress; the final anchors are written at close, timed apart.
 */
export const buildStore = async (
  path: string,
  eventCount: number,
  progress: (eventsSoFar: number, seconds: number) => void,
): Promise<{ append: Pass; closeSeconds: number }> => {
  const opened = openChainedStore(path);
  const step = Math.max(BUILD_BATCH_SIZE, Math.floor(eventCount / 10));
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const elapsed = (): number => Number(process.hrtime.bigint() - start) / 1e9;
  let appended = 0;
  try {
    const plan = appendPlan(new BenchEventFactory(true), eventCount, BUILD_BATCH_SIZE);
    for (const { streamId, events, expected } of plan) {
      await opened.store.append(streamId, events, expected);
      appended += events.length;
      if (appended % step < events.length) progress(appended, elapsed());
    }
  } catch (error) {
    await opened.close();
    throw error;
  }
  const seconds = elapsed();
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const { seconds: closeSeconds } = await timeOf(() => opened.close());
  return { append: { events: appended, seconds, cpuSeconds }, closeSeconds };
};

/** `readAll` from the start to the end, through the SQLite adapter. */
export const replay = async (path: string): Promise<Pass> => {
  const store = new SqliteEventStore({ path });
  try {
    let events = 0;
    const timing = await timeOf(async () => {
      for await (const _event of store.readAll()) events++;
    });
    return { events, ...timing };
  } finally {
    await store.close();
  }
};

const checked = (report: AuditReport, timing: Timing): Pass => {
  if (!report.ok) {
    const found = report.firstBreak;
    const where =
      found === undefined ? '' : `: ${found.streamId}@${found.revision} ${found.reason}`;
    throw new Error(`the benchmark store failed verification${where}`);
  }
  return { events: report.eventsChecked, ...timing };
};

/** Full audit verification on worker threads, one slice of the log each. */
export const verifyInParallel = async (path: string, workers: number): Promise<Pass> => {
  let report: AuditReport | undefined;
  const timing = await timeOf(async () => {
    report = await verifySqliteEventStore(path, { workers });
  });
  return checked(report!, timing);
};

/** Full audit verification through the port on this thread (what works on any adapter). */
export const verifyThroughPort = async (path: string): Promise<Pass> => {
  const store = new SqliteEventStore({ path });
  try {
    let report: AuditReport | undefined;
    const timing = await timeOf(async () => {
      report = await verifyEventStore(store);
    });
    return checked(report!, timing);
  } finally {
    await store.close();
  }
};

/** Rebuilds the stream catalogue from position 0 into a new read-model file. */
export const rebuildCatalogue = async (path: string, readModelPath: string): Promise<Pass> => {
  const store = new SqliteEventStore({ path });
  const db = openReadModelDatabase(readModelPath);
  try {
    const runner = new ProjectionRunner({
      store,
      logger: { log: () => undefined, error: (message: unknown) => console.error(message) },
    }).add(new StreamCatalogueProjection(db), new SqliteCheckpointStore(db));
    const timing = await timeOf(() => runner.rebuild(STREAM_CATALOGUE));
    const { events } = db
      .prepare<[], { events: number }>('SELECT SUM(event_count) AS events FROM stream_catalogue')
      .get()!;
    return { events, ...timing };
  } finally {
    db.close();
    await store.close();
    removeDatabase(readModelPath);
  }
};

/** Average bytes of data plus metadata per event, as stored, and the file's size. */
export const storedSize = (path: string): { bytesPerEvent: number; fileMiB: number } => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const { bytes } = db
      .prepare<[string], { bytes: number }>(
        'SELECT AVG(LENGTH(data) + LENGTH(metadata)) AS bytes FROM events WHERE stream_id <> ?',
      )
      .get(ANCHOR_STREAM_ID)!;
    return { bytesPerEvent: Math.round(bytes), fileMiB: Math.round(statSync(path).size / 2 ** 20) };
  } finally {
    db.close();
  }
};
