import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  STEPS,
  readRecording,
  recordAll,
  recordedNames,
  startLiveExchange,
  writeRecording,
  type LiveExchange,
  type Recording,
} from './kpx-contract-scenario.js';

// KPX_RECORD=1 rewrites recorded/*.json from the live exchange (after a deliberate change of the
// adapter or of kpx-sim); without it, the live traffic must equal the recordings.
const RECORD = process.env['KPX_RECORD'] === '1';

describe('KPX adapter against the live simulated exchange: the recorded contract still holds', () => {
  let live: LiveExchange;
  let recordings: Recording[];

  beforeAll(async () => {
    live = await startLiveExchange();
    recordings = await recordAll(live);
    if (RECORD) recordings.forEach(writeRecording);
  });
  afterAll(async () => {
    await live.close();
  });

  it('has one recording per step, and no other', () => {
    expect(recordedNames()).toEqual(STEPS.map((step) => step.name).sort());
  });

  it.each(STEPS.map((step) => step.name))('%s: the same requests, replies and outcome', (name) => {
    const recording = recordings.find((candidate) => candidate.name === name);
    expect(recording).toEqual(readRecording(name));
  });
});
