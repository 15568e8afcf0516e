import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KpxHttpAdapter } from '../../../market-adapters/kpx/http/kpx-http-adapter.js';
import {
  SHARED_KPX_DATA,
  freePort,
  killKpxSim as killHard,
  startKpxSim as start,
  type KpxSimProcess as Running,
} from '../../support/kpx-sim-process.js';
import { BEFORE_GATE, DAY, bid } from './kpx-contract-scenario.js';

const AFTER_RESULTS = '2024-06-02T06:05:00.000Z'; // D-1 15:05 KST

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
    const port = await freePort();
    const env = {
      KPX_SIM_PORT: String(port),
      KPX_SIM_DB: join(folder, 'kpx-sim.db'),
      KPX_SIM_DATA: SHARED_KPX_DATA,
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
