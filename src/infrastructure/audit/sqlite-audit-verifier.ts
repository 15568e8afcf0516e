import Database from 'better-sqlite3';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AnchorClaims, type AnchorRecord } from './anchor-claims.js';
import { ANCHOR_STREAM_ID } from './anchor-event.js';
import type { AuditReport } from './audit-report.js';
import { composeReport } from './audit-verifier.js';
import { isEarlier, linkFinding, type ClaimSighting, type Finding } from './chain-walker.js';
import { GENESIS_HASH } from './event-hash.js';
import { verifyRange, type RangeResult, type RangeTask } from './sqlite-range-verify.js';

export interface SqliteVerifyOptions {
  /** Worker threads, each verifying one slice of the log; defaults to one per core. */
  readonly workers?: number;
  /** The worker entry; defaults to the compiled `sqlite-verify.worker.js` next to this module. */
  readonly workerUrl?: URL;
  /** Verify the slices one after another on this thread (tests of the stitching, debugging). */
  readonly inProcess?: boolean;
}

// Run from dist/ (the CLI, benchmarks) the worker is compiled next to this module. Tests run the
// TypeScript sources, which Node 20 cannot start as a worker: they compile it and pass workerUrl.
const COMPILED_WORKER = new URL('./sqlite-verify.worker.js', import.meta.url);

/**
 * The same verification as `verifyEventStore`, on a SQLite file, using every core: the log is cut
 * into equal slices of positions, each worker thread walks its slice on a read-only connection,
 * and the slices are stitched here by checking each stream's first event in a slice against its
 * last event in the slices before.
 */
export const verifySqliteEventStore = async (
  path: string,
  options: SqliteVerifyOptions = {},
): Promise<AuditReport> => {
  const { bounds, anchors } = plan(path, options.workers ?? availableParallelism());
  const claims = new AnchorClaims(anchors);
  const claimList = [...claims.index].map(
    ([streamId, revisions]) => [streamId, [...revisions]] as const,
  );
  const results = await Promise.all(
    bounds.slice(1).map((throughPosition, i) => {
      const task = { path, afterPosition: bounds[i]!, throughPosition, claims: claimList };
      return options.inProcess === true
        ? verifyRange(task)
        : runWorker(task, options.workerUrl ?? COMPILED_WORKER);
    }),
  );
  const heads = new Map<string, { revision: number; hash: string | undefined }>();
  const sightings: ClaimSighting[] = [];
  let finding: Finding | undefined;
  let eventsChecked = 0;
  const consider = (candidate: Finding | undefined): void => {
    if (candidate !== undefined && (finding === undefined || isEarlier(candidate, finding))) {
      finding = candidate;
    }
  };
  for (const result of results) {
    eventsChecked += result.eventsChecked;
    sightings.push(...result.sightings);
    consider(result.finding);
    for (const span of result.spans) {
      const before = heads.get(span.streamId);
      const first = {
        position: span.firstPosition,
        streamId: span.streamId,
        revision: span.firstRevision,
        prevHash: span.firstPrevHash,
      };
      consider(
        linkFinding(
          first,
          before?.revision ?? -1,
          before === undefined ? GENESIS_HASH : before.hash,
        ),
      );
      heads.set(span.streamId, { revision: span.lastRevision, hash: span.lastHash });
    }
  }
  return composeReport({ eventsChecked, streamsChecked: heads.size, finding, claims, sightings });
};

/** Slice bounds `[b0, ..., bn]` (slice k is `(b[k], b[k+1]]`) and the anchors up to `bn`. */
const plan = (path: string, workers: number): { bounds: number[]; anchors: AnchorRecord[] } => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    // Equal spans of positions: O(1) to find, and even because positions have few gaps.
    const { first, through } = db
      .prepare<[], { first: number | null; through: number | null }>(
        'SELECT MIN(position) AS first, MAX(position) AS through FROM events',
      )
      .get()!;
    if (first === null || through === null) return { bounds: [0], anchors: [] };
    const from = first - 1;
    const slices = Math.max(1, Math.min(workers, through - from));
    const bounds = [from];
    for (let k = 1; k < slices; k++)
      bounds.push(from + Math.floor(((through - from) * k) / slices));
    bounds.push(through);
    const anchorRows = db
      .prepare<[string, number], { revision: number; position: number; data: string }>(
        'SELECT revision, position, data FROM events WHERE stream_id = ? AND position <= ? ORDER BY revision',
      )
      .all(ANCHOR_STREAM_ID, through);
    const anchors = anchorRows.map((row) => ({
      revision: BigInt(row.revision),
      position: BigInt(row.position),
      data: parseOrKeep(row.data),
    }));
    return { bounds, anchors };
  } finally {
    db.close();
  }
};

// Unreadable anchor data stays a string, which the anchor check reports as malformed.
const parseOrKeep = (text: string): AnchorRecord['data'] => {
  try {
    return JSON.parse(text) as AnchorRecord['data'];
  } catch {
    return text;
  }
};

const runWorker = (task: RangeTask, url: URL): Promise<RangeResult> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: task });
    worker.once('message', (result: RangeResult) => resolve(result));
    worker.once('error', reject);
    // After a result this rejection is a no-op; without one it ends the wait.
    worker.once('exit', (code) =>
      reject(new Error(`audit verify worker exited with code ${code} and no result`)),
    );
  });
