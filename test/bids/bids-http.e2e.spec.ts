import { afterEach, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import request from 'supertest';
import { MarketAdapterError } from '../../market-adapters/market-adapter.port.js';
import { startBidApp, type BidApp } from './bid-app.js';
import {
  AFTER_RESULTS,
  BID,
  DAY,
  GATE,
  START,
  STREAM,
  draftPayload,
  expectedAwards,
  point,
  sellCurves,
} from './bid-payloads.js';

describe('bids over HTTP, on the demo fixture and the simulated KPX', () => {
  let a: BidApp;
  afterEach(async () => {
    await a.close();
  });

  const post = (path: string, body?: object) => request(a.http).post(`${BID}${path}`).send(body);
  const types = async () => (await a.streamEvents(STREAM)).map((event) => event.type);

  it('drafts, submits, is acknowledged, and clears at the historical SMP', async () => {
    a = await startBidApp(START);
    const drafted = await post('/drafts', draftPayload()).expect(201);
    expect(drafted.body).toMatchObject({ bidId: 'draft-1', streamId: STREAM, revision: '0' });
    const shown = await request(a.http).get(BID).expect(200);
    expect(shown.body).toMatchObject({ status: 'drafted', gateAt: GATE, intervalMinutes: 60 });

    const submitted = await post('/submissions').expect(201);
    expect(submitted.body).toMatchObject({ status: 'acknowledged', streamId: STREAM });
    expect(submitted.body.exchangeBidId).toMatch(/^KPXSIM-MAINLAND-2024-06-03-/);
    expect(submitted.body.appended.map((e: { type: string }) => e.type)).toEqual([
      'BidSubmitted',
      'BidAcknowledged',
    ]);
    // The exchange got the recorded curves and the registered capacity the decider checked.
    expect(a.submitted).toHaveLength(1);
    expect(a.submitted[0]).toMatchObject({
      submissionId: submitted.body.submissionId,
      portfolioId: 'kt-vpp',
      market: 'mainland',
      tradingDay: DAY,
      intervals: sellCurves(),
    });
    const recorded = (await a.streamEvents(STREAM))[1]?.data as {
      limits: { sellCapacityKw: number; buyCapacityKw: number };
    };
    expect(a.submitted[0]?.sellCapacityKw).toBe(recorded.limits.sellCapacityKw);
    expect(recorded.limits.sellCapacityKw).toBeGreaterThanOrEqual(1_200);

    // Before D-1 15:00 KST the exchange has nothing to say, and nothing is recorded.
    const early = await post('/results/fetch').expect(200);
    expect(early.body).toMatchObject({
      status: 'not_published_yet',
      expectedAt: '2024-06-02T06:00:00.000Z',
    });
    expect(await types()).toEqual(['BidDrafted', 'BidSubmitted', 'BidAcknowledged']);

    // The simulated exchange's own clock, run past the results time: it clears the day.
    a.sim.exchange().advanceTo(AFTER_RESULTS);
    const results = await post('/results/fetch').expect(201);
    expect(results.body).toMatchObject({
      status: 'cleared',
      submissionId: submitted.body.submissionId,
      publishedAt: '2024-06-02T06:00:00.000Z',
    });
    const expected = expectedAwards();
    expect(expected.every((award) => Number.isFinite(award.clearingPriceKrwPerKwh))).toBe(true);
    // Both steps are struck somewhere in the day, so the test sees the curve at work.
    expect(new Set(expected.map((award) => award.awardedSellKw)).size).toBeGreaterThan(1);
    expect(results.body.awards).toEqual(expected);

    const cleared = await request(a.http).get(BID).expect(200);
    expect(cleared.body).toMatchObject({ status: 'cleared', awards: expected });
    expect(cleared.body.history.map((e: { type: string }) => e.type)).toEqual([
      'BidDrafted',
      'BidSubmitted',
      'BidAcknowledged',
      'BidCleared',
    ]);
    // Fetching again records nothing new.
    const again = await post('/results/fetch').expect(200);
    expect(again.body).toMatchObject({ status: 'cleared', appended: [] });
    expect(await types()).toHaveLength(4);
  });

  it('refuses a curve that breaks the market rules before asking the exchange', async () => {
    a = await startBidApp(START);
    const bad = sellCurves();
    bad[5] = { interval: 5, sell: [point(100, 1_050)], buy: [] }; // off the 100 kW step
    bad[6] = { interval: 6, sell: [point(120, 1_000), point(110, 1_200)], buy: [] }; // not monotone
    await post('/drafts', draftPayload({ intervals: bad })).expect(201);
    const refused = await post('/submissions', { submissionId: 'sub-bad' }).expect(400);
    expect(refused.body.error).toMatchObject({ code: 'BID.RULES_VIOLATED', field: 'intervals' });
    const codes = (refused.body.error.details.violations as { code: string }[]).map((v) => v.code);
    expect(codes).toEqual(expect.arrayContaining(['BID.QUANTITY_OFF_STEP', 'BID.NOT_MONOTONE']));
    expect(a.submitted).toHaveLength(0);
    expect(await types()).toEqual(['BidDrafted']);

    // The trader fixes it, saying why; then it goes through.
    await post('/amendments', { intervals: sellCurves(), reason: 'fix steps 05:00-07:00' })
      .set('X-Actor', 'user:trader')
      .expect(201);
    await post('/submissions', { submissionId: 'sub-good' }).expect(201);
    expect(a.submitted.map((r) => r.submissionId)).toEqual(['sub-good']);
    const amended = (await a.streamEvents(STREAM))[1];
    expect(amended?.data).toMatchObject({
      reason: 'fix steps 05:00-07:00',
      amendedBy: 'user:trader',
    });
  });

  it("records the exchange's refusal with its code and reason", async () => {
    a = await startBidApp(START, {
      wrap: (sim) => ({
        ...bind(sim),
        submitBid: (request) =>
          Promise.resolve({
            status: 'rejected',
            submissionId: request.submissionId,
            code: 'BID.PARTICIPANT_SUSPENDED',
            reason: 'participant KPX-SPB-DEMO-0001 is suspended until 2024-06-10',
            violations: [],
            rejectedAt: '2024-06-01T00:00:05.000Z',
          }),
      }),
    });
    await post('/drafts', draftPayload()).expect(201);
    const answered = await post('/submissions', { submissionId: 'sub-1' }).expect(201);
    expect(answered.body).toMatchObject({
      submissionId: 'sub-1',
      status: 'rejected',
      code: 'BID.PARTICIPANT_SUSPENDED',
      reason: 'participant KPX-SPB-DEMO-0001 is suspended until 2024-06-10',
    });
    const events = await a.streamEvents(STREAM);
    expect(events.map((e) => e.type)).toEqual(['BidDrafted', 'BidSubmitted', 'BidRejected']);
    expect(events[2]?.data).toEqual({
      submissionId: 'sub-1',
      code: 'BID.PARTICIPANT_SUSPENDED',
      reason: 'participant KPX-SPB-DEMO-0001 is suspended until 2024-06-10',
      rejectedAt: '2024-06-01T00:00:05.000Z',
    });
    // Asking again gives the recorded answer without another exchange call.
    const again = await post('/submissions', { submissionId: 'sub-1' }).expect(200);
    expect(again.body).toMatchObject({ status: 'rejected', appended: [] });
    expect(a.submitted).toHaveLength(1);
    const shown = await request(a.http).get(BID).expect(200);
    expect(shown.body.status).toBe('rejected');
  });

  it('resumes a submission whose answer was lost: one exchange bid, one BidSubmitted', async () => {
    let lose = true;
    a = await startBidApp(START, {
      wrap: (sim) => ({
        ...bind(sim),
        // The exchange takes the first request, but its answer never arrives (a crash or timeout).
        submitBid: async (request) => {
          const answer = await sim.submitBid(request);
          if (!lose) return answer;
          lose = false;
          throw new MarketAdapterError('timeout', 'no answer within 10 s');
        },
      }),
    });
    await post('/drafts', draftPayload()).expect(201);
    const lost = await post('/submissions', { submissionId: 'sub-1' }).expect(504);
    expect(lost.body.error.code).toBe('MARKET.TIMEOUT');
    expect(await types()).toEqual(['BidDrafted', 'BidSubmitted']);
    expect((await request(a.http).get(BID).expect(200)).body.status).toBe('submitted');

    // A retry without an id resumes the waiting submission under its id.
    const resumed = await post('/submissions').expect(201);
    expect(resumed.body).toMatchObject({ submissionId: 'sub-1', status: 'acknowledged' });
    expect(resumed.body.appended.map((e: { type: string }) => e.type)).toEqual(['BidAcknowledged']);
    const again = await post('/submissions', { submissionId: 'sub-1' }).expect(200);
    expect(again.body).toMatchObject({ exchangeBidId: resumed.body.exchangeBidId, appended: [] });

    expect(a.submitted.map((r) => r.submissionId)).toEqual(['sub-1', 'sub-1']);
    expect(a.sim.exchange().submission('sub-1')).toMatchObject({
      status: 'accepted',
      exchangeBidId: resumed.body.exchangeBidId,
    });
    expect(resumed.body.exchangeBidId).toBe('KPXSIM-MAINLAND-2024-06-03-000001');
    expect(await types()).toEqual(['BidDrafted', 'BidSubmitted', 'BidAcknowledged']);
  });

  it('refuses everything from the gate on and appends nothing', async () => {
    a = await startBidApp(START);
    await post('/drafts', draftPayload()).expect(201);
    a.clock.advanceTo(DateTime.fromISO(GATE)); // the gate instant itself is closed
    const late = await post('/submissions', { submissionId: 'sub-late' }).expect(400);
    expect(late.body.error).toMatchObject({ code: 'BID.GATE_CLOSED', field: 'at' });
    const amend = await post('/amendments', { intervals: sellCurves(3), reason: 'late' });
    expect(amend.status).toBe(400);
    expect(amend.body.error.code).toBe('BID.GATE_CLOSED');
    expect(await types()).toEqual(['BidDrafted']);
    expect(a.submitted).toHaveLength(0);
  });

  it('withdraws an acknowledged bid; the exchange then clears nothing for it', async () => {
    a = await startBidApp(START);
    await post('/drafts', draftPayload()).expect(201);
    await post('/submissions', { submissionId: 'sub-1' }).expect(201);
    const withdrawn = await post('/withdrawal', { reason: 'forecast changed' }).expect(201);
    expect(withdrawn.body).toMatchObject({
      submissionId: 'sub-1',
      exchange: { status: 'withdrawn', submissionId: 'sub-1' },
    });
    expect(
      (await post('/withdrawal', { reason: 'forecast changed' }).expect(200)).body,
    ).toMatchObject({ exchange: { status: 'withdrawn' }, appended: [] });
    a.clock.advanceTo(a.clock.now().plus({ days: 1, hours: 6, seconds: 1 }));
    const results = await post('/results/fetch').expect(200);
    expect(results.body).toMatchObject({
      status: 'no_result_for_this_bid',
      exchangeSubmissionId: null,
    });
    expect(await types()).toEqual([
      'BidDrafted',
      'BidSubmitted',
      'BidAcknowledged',
      'BidWithdrawn',
    ]);
  });

  it('answers 404 for an unknown portfolio or bid, 400 for an unknown market', async () => {
    a = await startBidApp(START);
    const nobody = await request(a.http)
      .post(`/portfolios/nobody/bids/mainland/${DAY}/drafts`)
      .send(draftPayload())
      .expect(404);
    expect(nobody.body.error.code).toBe('PORTFOLIO.NOT_FOUND');
    expect((await request(a.http).get(BID).expect(404)).body.error.code).toBe('BID.NOT_FOUND');
    const market = await request(a.http).get(`/portfolios/kt-vpp/bids/moon/${DAY}`).expect(400);
    expect(market.body.error).toMatchObject({ code: 'BID.UNKNOWN_MARKET', field: 'market' });
    const fetch = await post('/results/fetch').expect(404);
    expect(fetch.body.error.code).toBe('BID.NOT_FOUND');
  });
});

/** The simulated exchange's methods, bound, to spread into a fake that replaces some of them. */
const bind = (sim: BidApp['sim']) => ({
  calendar: sim.calendar.bind(sim),
  submitBid: sim.submitBid.bind(sim),
  withdrawBid: sim.withdrawBid.bind(sim),
  fetchResults: sim.fetchResults.bind(sim),
  fetchPrices: sim.fetchPrices.bind(sim),
  submitRenewableForecast: sim.submitRenewableForecast.bind(sim),
  dispatchInstructions: sim.dispatchInstructions.bind(sim),
});
