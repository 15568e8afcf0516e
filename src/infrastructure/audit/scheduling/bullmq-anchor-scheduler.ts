import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { AnchorScheduler, AnchorTask, SchedulerLogger } from './anchor-scheduler.js';

export const AUDIT_QUEUE = 'gridfolio-audit';
export const ANCHOR_JOB_SCHEDULER_ID = 'audit-anchor';

export interface BullmqAnchorSchedulerOptions {
  readonly redisUrl: string;
  readonly intervalMs: number;
  /** Queue name; tests use their own so that parallel runs do not share jobs. */
  readonly queueName?: string;
}

/**
 * Production scheduler: one BullMQ job scheduler shared by every worker process, so the anchor is
 * written once per interval by whichever process takes the job, not once per process.
 * `upsertJobScheduler` is idempotent, so every process may declare it at start-up.
 */
export class BullmqAnchorScheduler implements AnchorScheduler {
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | undefined;

  constructor(
    private readonly task: AnchorTask,
    private readonly options: BullmqAnchorSchedulerOptions,
    private readonly logger: SchedulerLogger,
  ) {
    // BullMQ workers block on Redis; it requires maxRetriesPerRequest null on their connection.
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    this.queue = new Queue(this.queueName, { connection: this.connection });
  }

  get queueName(): string {
    return this.options.queueName ?? AUDIT_QUEUE;
  }

  async start(): Promise<void> {
    await this.queue.upsertJobScheduler(
      ANCHOR_JOB_SCHEDULER_ID,
      { every: this.options.intervalMs },
      { name: 'anchor', opts: { removeOnComplete: 100, removeOnFail: 1000 } },
    );
    this.worker ??= new Worker(
      this.queueName,
      // The job's cadence is the interval, whichever process runs it: anchor what is new.
      async () => ({ anchorsWritten: (await this.task.anchorNow()).length }),
      { connection: this.connection },
    );
    this.worker.on('failed', (job, error) => {
      this.logger.error(`audit anchor job ${job?.id ?? '?'} failed: ${error.message}`, 'Anchor');
    });
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    this.worker = undefined;
    await this.queue.close();
    this.connection.disconnect();
  }
}
