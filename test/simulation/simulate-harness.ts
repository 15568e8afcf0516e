import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config.js';
import type { CliIo } from '../../src/cli/cli-command.js';
import type { ProgressSink } from '../../src/cli/progress-bar.js';
import type { RecordedEvent } from '../../src/infrastructure/event-store/event-store.port.js';
import { openEventStoreAdapter } from '../../src/infrastructure/event-store/open-event-store.js';
import { WorkerMilpSolver } from '../../src/infrastructure/solvers/worker-milp-solver.js';
import { runSimulate, simulationConfig } from '../../src/simulation/simulate.cli.js';
import { compileWorker, type CompiledWorker } from '../support/ts-worker.js';

export interface SimulateRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly progress: string;
}

/** Runs `gridfolio simulate` in-process on the glpk.js worker compiled from its sources. */
export class SimulateHarness {
  private compiled: CompiledWorker | undefined;
  private solver: WorkerMilpSolver | undefined;
  private readonly folders: string[] = [];

  async start(): Promise<void> {
    this.compiled = await compileWorker(
      new URL('../../src/infrastructure/solvers/milp-solve.worker.ts', import.meta.url),
    );
    this.solver = new WorkerMilpSolver({ engine: 'glpk', workerUrl: this.compiled.url });
  }

  async stop(): Promise<void> {
    await this.solver?.close();
    this.compiled?.cleanup();
    for (const folder of this.folders) rmSync(folder, { recursive: true, force: true });
  }

  folder(): string {
    const folder = mkdtempSync(join(tmpdir(), 'gridfolio-simulate-'));
    this.folders.push(folder);
    return folder;
  }

  async run(args: readonly string[]): Promise<SimulateRun> {
    let out = '';
    let err = '';
    let progress = '';
    const io: CliIo = {
      out: (text) => (out += `${text}\n`),
      err: (text) => (err += `${text}\n`),
      env: {},
    };
    const sink: ProgressSink = { write: (text) => (progress += text), isTty: false };
    const code = await runSimulate(args, io, loadConfig({}), {
      progress: sink,
      ...(this.solver === undefined ? {} : { solver: this.solver }),
    });
    return { code, out, err, progress };
  }
}

/** Every event of a run's store, in log order. */
export const eventsOf = async (folder: string): Promise<RecordedEvent[]> => {
  const store = openEventStoreAdapter(simulationConfig(loadConfig({}), folder));
  try {
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    return events;
  } finally {
    await store.close();
  }
};
