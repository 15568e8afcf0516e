import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KpxHttpAdapter } from '../../../market-adapters/kpx/http/kpx-http-adapter.js';
import { BEFORE_GATE, DAY, bid } from './kpx-contract-scenario.js';

// The real server as `npm run kpx-sim` runs it (dist/, which `npm test` builds first).
const MAIN = join(process.cwd(), 'dist', 'market-adapters', 'kpx-sim', 'main.js');
const AFTER_RESULTS = '2024-06-02T06:05:00.000Z'; // D-1 15:05 KST

interface Running {
  readonly child: ChildProcess;
}

/** A port nobody listens on now, so that a restarted server can take the same one. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

const start = (env: Record<string, string>): Promise<Running> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) resolve({ child });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`kpx-sim exited with ${code}: ${output}`)));
  });

const killHard = (running: Running): Promise<void> =>
  new Promise((resolve) => {
    if (running.child.exitCode !== null || running.child.signalCode !== null) return resolve();
    running.child.once('exit', () => resolve());
    running.child.kill('SIGKILL');
  });

describe('KPX HTTP adapter against the kpx-sim process, killed -9 between submission and clearing', () => {
  let folder: string;
  let running: Running | undefined;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'kpx-adapter-process-'));
  });
  afterEach(async () => {
    if (running !== undefined) await killHard(running);
    rmSync(folder, { recursive: true, force: true });
  });

  it('retries the same submission into the restarted exchange: one bid, awards exactly once', async () => {
    expect(existsSync(MAIN)).toBe(true); // build first: npx tsc -p tsconfig.build.json
    const port = await freePort();
    const env = {
      KPX_SIM_PORT: String(port),
      KPX_SIM_DB: join(folder, 'kpx-sim.db'),
      KPX_SIM_DATA: join(process.cwd(), '..', 'shared', 'data', 'kpx'),
      KPX_SIM_SEED: 'adapter-process-seed',
      KPX_SIM_START: BEFORE_GATE,
    };
    const base = `http://127.0.0.1:${port}`;
    // Between attempts the adapter "waits": here that is the moment the exchange comes back.
    let restarts = 0;
    const adapter = new KpxHttpAdapter({
      baseUrl: base,
      timeoutMs: 10_000,
      retry: { maxAttempts: 3 },
      random: () => 0,
      sleep: async () => {
        restarts++;
        running = await start(env);
      },
    });
    const request = bid({
      submissionId: 'sub-e2e',
      intervals: Array.from({ length: 24 }, (_, interval) => ({
        interval,
        sell: bid().intervals[0]!.sell,
        buy: bid().intervals[0]!.buy,
      })),
    });

    running = await start(env);
    const first = await adapter.submitBid(request);
    expect(first).toMatchObject({ status: 'accepted', submissionId: 'sub-e2e' });
    await killHard(running); // as if the answer had been lost with the exchange

    const retried = await adapter.submitBid(request);
    expect(restarts).toBe(1); // the first attempt found no exchange
    expect(retried).toEqual(first); // the stored answer: same exchange bid id, nothing new created

    const clock = await fetch(`${base}/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: AFTER_RESULTS }),
    }).then((response) => response.json());
    expect(clock).toMatchObject({
      dayAheadClearings: [{ market: 'mainland', tradingDay: DAY, bids: 1 }, expect.anything()],
    });

    const results = await adapter.fetchResults('portfolio-a', 'mainland', DAY);
    expect(results).toMatchObject({
      status: 'published',
      bid: {
        submissionId: 'sub-e2e',
        exchangeBidId: (first as { exchangeBidId: string }).exchangeBidId,
      },
    });
    const awards = results.status === 'published' ? results.awards : [];
    expect(awards.map((award) => award.interval)).toEqual(Array.from({ length: 24 }, (_, k) => k));

    const instructions = await adapter.dispatchInstructions('portfolio-a', 'mainland', BEFORE_GATE);
    expect(instructions).toHaveLength(24);
    expect(new Set(instructions.map((instruction) => instruction.instructionId)).size).toBe(24);

    // After clearing, the same submission still gets its first answer and changes nothing.
    expect(await adapter.submitBid(request)).toEqual(first);
    expect(await adapter.fetchResults('portfolio-a', 'mainland', DAY)).toEqual(results);
  });
});
