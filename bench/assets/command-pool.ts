import type { CommandBus } from '@nestjs/cqrs';
import type { DeciderCommand } from '../../src/infrastructure/command-handling/decider-command.js';

export interface PoolProgress {
  readonly done: number;
  readonly total: number;
  readonly appended: number;
}

/**
 * Runs `count` jobs over the bus, `concurrency` at a time; a job is a short chain of commands
 * (e.g. register a DER, then assign it) that must run in order. Returns the events appended.
 */
export const runPool = async (
  commands: CommandBus,
  count: number,
  concurrency: number,
  job: (index: number) => readonly DeciderCommand[],
  onProgress?: (progress: PoolProgress) => void,
  progressEvery = 10_000,
): Promise<number> => {
  let next = 0;
  let done = 0;
  let appended = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      for (const command of job(index)) {
        // Not `appended += await ...`: that reads `appended` before the await and loses updates.
        const outcome = await commands.execute(command);
        appended += outcome.events.length;
      }
      done++;
      if (done % progressEvery === 0 || done === count)
        onProgress?.({ done, total: count, appended });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return appended;
};
