import { Worker } from 'node:worker_threads';
import { validateMilpModel, type MilpModel } from '../../../domain/optimisation/milp-model.js';
import {
  DEFAULT_RELATIVE_GAP,
  gapPct,
  validateMilpSolveOptions,
  type MilpBoundSource,
  type MilpResult,
  type MilpSolveOptions,
  type MilpSolver,
  type MilpSolverCapabilities,
} from '../../../domain/optimisation/milp-solver.port.js';
import { ignoredOptions } from './solve-pipeline.js';
import {
  ENGINE_CAPABILITIES,
  ENGINE_SOLVER_NAME,
  type EngineName,
  type FromWorker,
  type ResolvedSolveOptions,
  type ToWorker,
  type WorkerMemory,
  type WorkerSetup,
} from './worker-protocol.js';

export interface WorkerMilpSolverOptions {
  readonly engine: EngineName;
  /** Solves run at once, one per worker thread (default 1). */
  readonly workers?: number;
  /** How long past its time limit a solve may run before its worker is killed (default 5 s). */
  readonly graceSeconds?: number;
  /** Used when a solve gives no `timeLimitSeconds` (default 120 s). */
  readonly defaultTimeLimitSeconds?: number;
  /** The worker entry; defaults to the compiled `milp-solve.worker.js` next to this module. */
  readonly workerUrl?: URL;
  /** How long a new worker may take to load its solver (default 60 s). */
  readonly startupTimeoutSeconds?: number;
}

export interface WorkerMilpSolverStats {
  readonly workersStarted: number;
  /** Workers terminated because a solve passed its deadline (or crashed). */
  readonly workersReplaced: number;
}

// Run from dist/ the worker is compiled next to this module. Tests run the TypeScript sources,
// which Node 20 cannot start as a worker: they compile it (test/support/ts-worker.ts) and pass
// workerUrl, as for the SQLite audit verifier.
const COMPILED_WORKER = new URL('./milp-solve.worker.js', import.meta.url);

interface Job {
  readonly id: number;
  readonly kind: 'solve' | 'memory';
  readonly model?: MilpModel;
  readonly options?: ResolvedSolveOptions;
  readonly finish: (outcome: MilpResult | WorkerMemory) => void;
  readonly abort: (reason: string) => void;
  incumbent?: { objective: number; values: Float64Array };
  bound?: { bound: number; source: MilpBoundSource };
  startedAt?: number;
}

interface Slot {
  readonly worker: Worker;
  solver?: { readonly name: string; readonly version: string };
  job?: Job;
  deadline?: ReturnType<typeof setTimeout>;
  startup?: ReturnType<typeof setTimeout>;
  dead: boolean;
}

/**
 * `MilpSolver` on glpk.js or HiGHS, each solve in a worker thread: both libraries are synchronous
 * WebAssembly and would block the event loop for the whole solve. Workers are reused (one solver
 * runtime each, loaded once). Each solve gets a deadline of its time limit plus `graceSeconds`,
 * enforced from here because GLPK overruns its own limit by up to 50 s on large models: past it the
 * worker is terminated, the caller gets the last incumbent the worker reported (`feasible`) or
 * `no_solution_in_time`, with `limitReached: 'deadline'`, and a fresh worker takes its place.
 */
export class WorkerMilpSolver implements MilpSolver {
  readonly name: string;
  readonly capabilities: MilpSolverCapabilities;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private started = 0;
  private replaced = 0;

  constructor(private readonly config: WorkerMilpSolverOptions) {
    this.name = ENGINE_SOLVER_NAME[config.engine];
    this.capabilities = ENGINE_CAPABILITIES[config.engine];
  }

  // async, so that invalid input rejects the promise rather than throwing at the call.
  async solve(model: MilpModel, options: MilpSolveOptions = {}): Promise<MilpResult> {
    validateMilpSolveOptions(options);
    validateMilpModel(model);
    const diagnose = options.diagnoseInfeasibility ?? true;
    const resolved: ResolvedSolveOptions = {
      timeLimitSeconds: options.timeLimitSeconds ?? this.config.defaultTimeLimitSeconds ?? 120,
      relativeGap: options.relativeGap ?? DEFAULT_RELATIVE_GAP,
      deterministicNodeLimit: options.deterministicNodeLimit,
      diagnoseFamilies: diagnose === false ? undefined : diagnose === true ? [] : diagnose.families,
    };
    const id = this.nextId++;
    return new Promise((resolve) => {
      const job: Job = {
        id,
        kind: 'solve',
        model,
        options: resolved,
        finish: (outcome) => resolve(outcome as MilpResult),
        abort: (reason) =>
          resolve({
            status: 'error',
            message: reason,
            deterministic: false,
            ignoredOptions: ignoredOptions(this.capabilities, resolved),
            solveSeconds: this.elapsed(job),
            solver: { name: this.name, version: 'unknown' },
          }),
      };
      this.enqueue(job);
    });
  }

  /** Memory of the process as seen from an idle worker (RSS is per process, not per thread). */
  probeMemory(): Promise<WorkerMemory> {
    return new Promise((resolve, reject) =>
      this.enqueue({
        id: this.nextId++,
        kind: 'memory',
        finish: (memory) => resolve(memory as WorkerMemory),
        abort: (reason) => reject(new Error(reason)),
      }),
    );
  }

  stats(): WorkerMilpSolverStats {
    return { workersStarted: this.started, workersReplaced: this.replaced };
  }

  /** Terminates every worker; queued and running solves end with status `error`. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.finishWithError(job, 'the solver was closed');
    await Promise.all(
      this.slots.splice(0).map((slot) => this.retire(slot, 'the solver was closed')),
    );
  }

  private enqueue(job: Job): void {
    if (this.closed) {
      this.finishWithError(job, 'the solver was closed');
      return;
    }
    this.queue.push(job);
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.dead && slot.solver !== undefined && slot.job === undefined)
        this.dispatch(slot, this.queue.shift()!);
    }
    const starting = this.slots.some((slot) => slot.solver === undefined && !slot.dead);
    if (this.queue.length > 0 && !starting && this.slots.length < (this.config.workers ?? 1))
      this.spawn();
  }

  private spawn(): void {
    const setup: WorkerSetup = { engine: this.config.engine };
    const worker = new Worker(this.config.workerUrl ?? COMPILED_WORKER, { workerData: setup });
    // Idle workers must not keep the process alive; a running solve does, through its deadline.
    worker.unref();
    const slot: Slot = { worker, dead: false };
    this.started++;
    this.slots.push(slot);
    slot.startup = setTimeout(
      () => void this.fail(slot, 'the solver worker did not start in time'),
      (this.config.startupTimeoutSeconds ?? 60) * 1000,
    );
    worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    worker.on(
      'error',
      (error) => void this.fail(slot, `the solver worker failed: ${error.message}`),
    );
    worker.on('exit', (code) => void this.fail(slot, `the solver worker exited with code ${code}`));
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    const job = slot.job;
    switch (message.type) {
      case 'ready':
        clearTimeout(slot.startup);
        slot.solver = message.solver;
        this.pump();
        return;
      case 'startup_failed':
        void this.fail(slot, `the solver could not load: ${message.message}`);
        return;
      case 'incumbent':
        if (job?.id === message.id)
          job.incumbent = { objective: message.objective, values: message.values };
        return;
      case 'bound':
        if (job?.id === message.id) job.bound = { bound: message.bound, source: message.source };
        return;
      case 'failed':
        void this.fail(slot, `the solver failed: ${message.message}`);
        return;
      case 'memory':
      case 'result':
        if (job?.id !== message.id) return;
        clearTimeout(slot.deadline);
        slot.job = undefined;
        job.finish(
          message.type === 'memory'
            ? message.memory
            : {
                ...message.outcome,
                solveSeconds: this.elapsed(job),
                solver: slot.solver!,
              },
        );
        this.pump();
    }
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    job.startedAt = performance.now();
    const message: ToWorker =
      job.kind === 'memory'
        ? { type: 'memory', id: job.id }
        : { type: 'solve', id: job.id, model: job.model!, options: job.options! };
    const limit = job.kind === 'memory' ? 0 : job.options!.timeLimitSeconds;
    slot.deadline = setTimeout(
      () => void this.onDeadline(slot, job),
      (limit + (this.config.graceSeconds ?? 5)) * 1000,
    );
    slot.worker.postMessage(message);
  }

  private async onDeadline(slot: Slot, job: Job): Promise<void> {
    if (slot.job !== job) return;
    slot.job = undefined;
    if (job.kind === 'memory')
      this.finishWithError(job, 'the solver worker did not answer in time');
    else {
      const { incumbent, bound } = job;
      const objective = incumbent?.objective;
      const gap = gapPct(objective, bound?.bound);
      job.finish({
        status: incumbent === undefined ? 'no_solution_in_time' : 'feasible',
        ...(incumbent === undefined
          ? {}
          : { objective: incumbent.objective, values: incumbent.values }),
        ...(bound === undefined ? {} : { bound: bound.bound, boundSource: bound.source }),
        ...(gap === undefined ? {} : { gapPct: gap }),
        limitReached: 'deadline',
        deterministic: false,
        ignoredOptions: ignoredOptions(this.capabilities, job.options!),
        solveSeconds: this.elapsed(job),
        solver: slot.solver ?? { name: this.name, version: 'unknown' },
      });
    }
    await this.replace(slot);
  }

  /** A worker that crashed, failed to start or timed out: end its job, replace it. */
  private async fail(slot: Slot, reason: string): Promise<void> {
    if (slot.dead) return;
    const job = slot.job;
    slot.job = undefined;
    if (job !== undefined) this.finishWithError(job, reason);
    // A worker that never became ready takes the queued work down with it rather than looping.
    if (slot.solver === undefined)
      for (const queued of this.queue.splice(0)) this.finishWithError(queued, reason);
    await this.replace(slot);
  }

  private async replace(slot: Slot): Promise<void> {
    if (slot.dead) return;
    const wasReady = slot.solver !== undefined;
    const terminated = this.retire(slot, undefined);
    this.replaced++;
    // A fresh worker takes the place of one that was working, so the next solve finds it warm.
    if (!this.closed && wasReady && this.slots.length < (this.config.workers ?? 1)) this.spawn();
    this.pump();
    await terminated;
  }

  /** Takes the slot out of service at once; the returned promise settles when the thread is gone. */
  private retire(slot: Slot, reason: string | undefined): Promise<number> {
    if (slot.dead) return Promise.resolve(0);
    slot.dead = true;
    clearTimeout(slot.deadline);
    clearTimeout(slot.startup);
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    if (reason !== undefined && slot.job !== undefined) this.finishWithError(slot.job, reason);
    slot.job = undefined;
    return slot.worker.terminate();
  }

  private finishWithError(job: Job, message: string): void {
    job.abort(message);
  }

  private elapsed(job: Job): number {
    return job.startedAt === undefined ? 0 : (performance.now() - job.startedAt) / 1000;
  }
}

/** The default MILP solver: glpk.js in worker threads. */
export const createGlpkSolver = (
  options: Omit<WorkerMilpSolverOptions, 'engine'> = {},
): WorkerMilpSolver => new WorkerMilpSolver({ ...options, engine: 'glpk' });

/** HiGHS (wasm) in worker threads: node limits, incumbents during the solve, a real MIP bound. */
export const createHighsSolver = (
  options: Omit<WorkerMilpSolverOptions, 'engine'> = {},
): WorkerMilpSolver => new WorkerMilpSolver({ ...options, engine: 'highs' });
