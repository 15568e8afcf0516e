import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const BIN = join(process.cwd(), 'bin', 'gridfolio.js');

/**
 * Runs the real `gridfolio` CLI (bin/gridfolio.js over the compiled dist/, which `npm test`
 * builds first) in a child process with only the given environment on top of PATH.
 */
export const runGridfolio = (
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env['PATH'] ?? '', LOG_FORMAT: 'text', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
