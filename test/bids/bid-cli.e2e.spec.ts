import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGridfolio } from '../support/run-gridfolio.js';
import { draftPayload, point } from './bid-payloads.js';

const directory = mkdtempSync(join(tmpdir(), 'gridfolio-bid-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// The real CLI on the wall clock: each run is its own process, and the simulated KPX keeps its
// state in kpx-sim.db next to the event store, so the runs share one exchange. The steps build on
// each other (one process start is several seconds on a loaded machine, hence several tests).
const env = {
  EVENT_STORE_PATH: join(directory, 'events.db'),
  READ_MODEL_PATH: join(directory, 'read-models.db'),
};

describe('gridfolio bid on the demo fixture', () => {
  let day = '';
  let key: string[] = [];
  let exchangeBidId = '';

  beforeAll(async () => {
    const loaded = await runGridfolio(['fixtures', 'load', 'demo', '--json'], env);
    expect(loaded.code).toBe(0);
    // The first day whose gate is still open; the demo's memberships start on it.
    day = (JSON.parse(loaded.stdout) as { tree: { day: string } }).tree.day;
    key = ['--portfolio', 'kt-vpp', '--market', 'mainland', '--day', day];
    const draftFile = join(directory, 'draft.json');
    writeFileSync(draftFile, JSON.stringify(draftPayload()));
    const drafted = await runGridfolio(['bid', 'draft', ...key, '--file', draftFile], env);
    expect(drafted.stderr).toBe('');
    expect(JSON.parse(drafted.stdout)).toMatchObject({ bidId: 'draft-1', revision: '0' });
  });

  it('submits to the simulated KPX, and a retry under the same id changes nothing', async () => {
    const submitted = await runGridfolio(
      ['bid', 'submit', ...key, '--submission-id', 'cli-sub-1'],
      env,
    );
    expect(submitted.stderr).toBe('');
    expect(submitted.code).toBe(0);
    const answer = JSON.parse(submitted.stdout) as { status: string; exchangeBidId: string };
    expect(answer).toMatchObject({ submissionId: 'cli-sub-1', status: 'acknowledged' });
    expect(answer.exchangeBidId).toBe(`KPXSIM-MAINLAND-${day}-000001`);
    exchangeBidId = answer.exchangeBidId;

    const retried = await runGridfolio(
      ['bid', 'submit', ...key, '--submission-id', 'cli-sub-1'],
      env,
    );
    expect(retried.code).toBe(0);
    expect(JSON.parse(retried.stdout)).toMatchObject({ exchangeBidId, appended: [] });
  });

  it('shows the bid with its submission and history', async () => {
    const shown = await runGridfolio(['bid', 'show', ...key], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`kt-vpp in mainland on ${day}: acknowledged`);
    expect(shown.stdout).toContain(`submission cli-sub-1`);
    expect(shown.stdout).toContain(`acknowledged as ${exchangeBidId}`);
    expect(shown.stdout).toMatch(/^00:00 {2}1000\.0@100 1200\.0@130 \| -$/m);
    expect(shown.stdout).toMatch(/^ {2}2 BidAcknowledged at \S+ by cli$/m);
  });

  it('refuses to amend a live submission, and has no results before D-1 15:00', async () => {
    const curvesFile = join(directory, 'curves.json');
    writeFileSync(curvesFile, JSON.stringify([{ interval: 0, sell: [point(90, 1_000)], buy: [] }]));
    const amended = await runGridfolio(
      ['bid', 'amend', ...key, '--file', curvesFile, '--reason', 'cheaper night'],
      env,
    );
    expect(amended.code).toBe(2);
    expect(JSON.parse(amended.stderr)).toMatchObject({ error: { code: 'BID.ALREADY_SUBMITTED' } });

    const results = await runGridfolio(['bid', 'results', ...key], env);
    expect(results.code).toBe(0);
    expect(JSON.parse(results.stdout)).toMatchObject({ status: 'not_published_yet' });
  });

  it('answers a missing flag with usage and exit code 2', async () => {
    const usage = await runGridfolio(['bid', 'submit', '--portfolio', 'kt-vpp'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--market is required');
  });
});
