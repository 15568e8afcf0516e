import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKpxSim } from '../../../market-adapters/kpx-sim/open-kpx-sim.js';
import {
  BEFORE_GATE,
  DAY,
  FINAL_RT,
  RESULTS,
  bidRequest,
  rampHistory,
} from './kpx-sim-fixtures.js';

const count = (dbPath: string, table: string): number => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('simulated KPX: restart between submission and clearing', () => {
  let folder: string;
  let dbPath: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'kpx-sim-'));
    dbPath = join(folder, 'nested', 'kpx-sim.db');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const open = (seed = 'restart-seed') =>
    openKpxSim({ dbPath, history: rampHistory, seed, startAt: BEFORE_GATE });

  it('loses nothing and duplicates nothing when the store is closed and reopened', async () => {
    let sim = open();
    const accepted = await sim.adapter.submitBid(bidRequest());
    await sim.adapter.submitBid(bidRequest({ submissionId: 'sub-j', market: 'jeju' }));
    sim.exchange.advanceTo('2024-06-02T00:30:00.000Z');
    sim.close();

    // The clock, both bids and the answers survive; the retry after the restart creates nothing.
    sim = open('restart-seed');
    expect(sim.exchange.nowMs()).toBe(Date.parse('2024-06-02T00:30:00.000Z'));
    expect(await sim.adapter.submitBid(bidRequest())).toEqual(accepted);
    expect(count(dbPath, 'submissions')).toBe(2);
    sim.exchange.advanceTo(RESULTS);
    const before = await sim.adapter.fetchResults('portfolio-a', 'mainland', DAY);
    const instructions = await sim.adapter.dispatchInstructions('portfolio-a', 'mainland', RESULTS);
    sim.close();

    // A second restart after clearing: the same results, no second clearing, no new instructions.
    sim = open();
    expect(await sim.adapter.fetchResults('portfolio-a', 'mainland', DAY)).toEqual(before);
    expect(sim.exchange.advanceTo(RESULTS).dayAheadClearings).toEqual([]);
    expect(await sim.adapter.dispatchInstructions('portfolio-a', 'mainland', RESULTS)).toEqual(
      instructions,
    );
    expect(before).toMatchObject({ status: 'published', bid: { submissionId: 'sub-1' } });
    expect(count(dbPath, 'day_ahead_clearings')).toBe(2); // mainland and jeju, once each
    expect(count(dbPath, 'awards')).toBe(2);
    sim.close();
  });

  it('continues real-time prices across a restart exactly as without one', async () => {
    const reference = openKpxSim({
      dbPath: ':memory:',
      history: rampHistory,
      seed: 'restart-seed',
      startAt: BEFORE_GATE,
    });
    reference.exchange.advanceTo(FINAL_RT);
    const expected = await reference.adapter.fetchPrices('jeju', DAY, 'real_time');
    reference.close();

    let sim = open();
    sim.exchange.advanceTo('2024-06-03T03:07:00.000Z');
    sim.close();
    sim = open();
    sim.exchange.advanceTo(FINAL_RT);
    expect(await sim.adapter.fetchPrices('jeju', DAY, 'real_time')).toEqual(expected);
    sim.close();
  });

  it('refuses to reopen a database with another seed', () => {
    open().close();
    expect(() => open('other-seed')).toThrow(/seed/);
  });
});
