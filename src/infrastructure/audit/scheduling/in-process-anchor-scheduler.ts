import type { AnchorScheduler, AnchorTask, SchedulerLogger } from './anchor-scheduler.js';

/** The embedded mode's scheduler: a timer in this process (only one process writes the file). */
export class InProcessAnchorScheduler implements AnchorScheduler {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly task: AnchorTask,
    private readonly intervalMs: number,
    private readonly logger: SchedulerLogger,
  ) {}

  start(): Promise<void> {
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.tick(), this.intervalMs);
      // The timer alone must never keep a finished CLI command or test process alive.
      this.timer.unref();
    }
    return Promise.resolve();
  }

  stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    return Promise.resolve();
  }

  private tick(): void {
    this.task.maybeAnchor().catch((error: unknown) => {
      this.logger.error(`periodic audit anchor failed: ${String(error)}`, 'AnchorScheduler');
    });
  }
}
