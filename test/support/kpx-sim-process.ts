import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

/** The real server as `npm run kpx-sim` runs it: dist/, which `npm test` builds first. */
export const KPX_SIM_MAIN = join(process.cwd(), 'dist', 'market-adapters', 'kpx-sim', 'main.js');

export const SHARED_KPX_DATA = join(process.cwd(), '..', 'shared', 'data', 'kpx');

/** A port nobody listens on now, so that a restarted exchange can take the same one again. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

export interface KpxSimProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>`, as the server printed it. */
  readonly base: string;
}

/**
 * Starts the simulated KPX with `env` (KPX_SIM_*) and resolves once it says it listens, or
 * rejects with its output if it exits first. Nothing is waited for by time.
 */
export const startKpxSim = (env: Readonly<Record<string, string>>): Promise<KpxSimProcess> => {
  if (!existsSync(KPX_SIM_MAIN))
    return Promise.reject(new Error(`${KPX_SIM_MAIN} is missing: npm run build first`));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KPX_SIM_MAIN], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match !== null) resolve({ child, base: match[1]! });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`kpx-sim exited with ${code}: ${output}`)));
  });
};

/** kill -9, resolved once the process has exited (at once if it already has). */
export const killKpxSim = (running: KpxSimProcess): Promise<void> =>
  new Promise((resolve) => {
    if (running.child.exitCode !== null || running.child.signalCode !== null) return resolve();
    running.child.once('exit', () => resolve());
    running.child.kill('SIGKILL');
  });
