import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SHARED_KPX_DATA,
  killKpxSim as killHard,
  startKpxSim as start,
  type KpxSimProcess as Running,
} from '../../support/kpx-sim-process.js';
import { BEFORE_GATE, DAY, RESULTS, bidRequest } from './kpx-sim-fixtures.js';

describe('simulated KPX process: kill -9 between submission and clearing', () => {
  let folder: string;
  let running: Running | undefined;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'kpx-sim-process-'));
  });
  afterEach(async () => {
    if (running !== undefined) await killHard(running);
    rmSync(folder, { recursive: true, force: true });
  });

  it('loses nothing and duplicates nothing', async () => {
    const env = {
      KPX_SIM_PORT: '0',
      KPX_SIM_DB: join(folder, 'kpx-sim.db'),
      KPX_SIM_DATA: SHARED_KPX_DATA,
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
