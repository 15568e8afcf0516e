import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BEFORE_GATE, DAY, RESULTS, bidRequest } from './kpx-sim-fixtures.js';

// The real server (dist/, which `npm test` builds first): `npm run kpx-sim` runs the same file.
const MAIN = join(process.cwd(), 'dist', 'market-adapters', 'kpx-sim', 'main.js');

interface Running {
  readonly child: ChildProcess;
  readonly base: string;
}

const start = (env: Record<string, string>): Promise<Running> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env['PATH'] ?? '', KPX_SIM_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match !== null) resolve({ child, base: match[1]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`kpx-sim exited with ${code}: ${output}`)));
  });

const killHard = (running: Running): Promise<void> =>
  new Promise((resolve) => {
    running.child.once('exit', () => resolve());
    running.child.kill('SIGKILL');
  });

describe('simulated KPX process: kill -9 between submission and clearing', () => {
  let folder: string;
  let running: Running | undefined;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'kpx-sim-process-'));
  });
  afterEach(async () => {
    if (running !== undefined && running.child.exitCode === null) await killHard(running);
    rmSync(folder, { recursive: true, force: true });
  });

  it('loses nothing and duplicates nothing', async () => {
    const env = {
      KPX_SIM_DB: join(folder, 'kpx-sim.db'),
      KPX_SIM_DATA: join(process.cwd(), '..', 'shared', 'data', 'kpx'),
      KPX_SIM_SEED: 'process-seed',
      KPX_SIM_START: BEFORE_GATE,
    };
    const post = async (path: string, body: unknown) =>
      (await fetch(`${running!.base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json())) as Record<string, unknown>;
    const get = async (path: string) =>
      (await fetch(`${running!.base}${path}`).then((r) => r.json())) as Record<string, unknown>;

    running = await start(env);
    const accepted = await post('/bids', bidRequest());
    expect(accepted).toMatchObject({ status: 'accepted' });
    await killHard(running);

    running = await start(env);
    expect(await get('/health')).toMatchObject({ now: BEFORE_GATE });
    expect(await post('/bids', bidRequest())).toEqual(accepted);
    expect(await post('/clock', { now: RESULTS })).toMatchObject({
      dayAheadClearings: [{ market: 'mainland', tradingDay: DAY, bids: 1 }, expect.anything()],
    });
    const results = await get(`/results?portfolioId=portfolio-a&market=mainland&tradingDay=${DAY}`);
    expect(results).toMatchObject({
      status: 'published',
      bid: { submissionId: 'sub-1', exchangeBidId: accepted.exchangeBidId },
    });
    expect(results.awards).toHaveLength(24);
    await killHard(running);

    running = await start(env);
    expect(await get(`/results?portfolioId=portfolio-a&market=mainland&tradingDay=${DAY}`)).toEqual(
      results,
    );
    expect(await post('/clock', { now: RESULTS })).toMatchObject({ dayAheadClearings: [] });
  });
});
