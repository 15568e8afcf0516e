import type { AppConfig } from '../config/app-config.js';

/** What a command may write to; tests pass buffers instead of the process streams. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface CliCommand {
  /** Words that select the command, e.g. `['audit', 'verify']`. */
  readonly path: readonly string[];
  readonly summary: string;
  readonly usage: string;
  /** Returns the process exit code: 0 success, 1 failure found, 2 bad input. */
  run(args: readonly string[], io: CliIo, config: AppConfig): Promise<number>;
}

/** Exit codes shared by every command, so scripts can tell "bad input" from "found a problem". */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;
