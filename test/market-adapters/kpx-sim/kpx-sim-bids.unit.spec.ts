import { afterEach, describe, expect, it } from '@jest/globals';
import {
  MarketAdapterError,
  type SubmitBidRequest,
} from '../../../market-adapters/market-adapter.port.js';
import { openKpxSim, type KpxSim } from '../../../market-adapters/kpx-sim/open-kpx-sim.js';
import {
  BAD_BIDS,
  BEFORE_GATE,
  DAY,
  GATE,
  bidRequest,
  openMemorySim,
  rampHistory,
  stepCurves,
} from './kpx-sim-fixtures.js';

describe('simulated KPX: bid submission', () => {
  let sim: KpxSim;
  afterEach(() => sim.close());

  it('accepts a valid bid and answers a retry with the same answer, storing one bid', async () => {
    sim = openMemorySim();
    const first = await sim.adapter.submitBid(bidRequest());
    expect(first).toEqual({
      status: 'accepted',
      submissionId: 'sub-1',
      exchangeBidId: expect.stringMatching(/^KPXSIM-MAINLAND-2024-06-03-\d{6}$/),
      acceptedAt: BEFORE_GATE,
    });
    await sim.exchange.advanceTo('2024-06-02T00:30:00.000Z');
    const retry = await sim.adapter.submitBid(bidRequest());
    expect(retry).toEqual(first);
    // Key order does not make a retry a new order.
    const reordered = Object.fromEntries(Object.entries(bidRequest()).reverse());
    expect(await sim.adapter.submitBid(reordered as unknown as SubmitBidRequest)).toEqual(first);
    expect(sim.exchange.submission('sub-1')?.status).toBe('accepted');
  });

  it('answers a retry the accepted answer even after the gate has closed', async () => {
    sim = openMemorySim();
    const first = await sim.adapter.submitBid(bidRequest());
    await sim.exchange.advanceTo(GATE);
    expect(await sim.adapter.submitBid(bidRequest())).toEqual(first);
  });

  it('refuses the same submission id with other content, without storing it', async () => {
    sim = openMemorySim();
    const first = await sim.adapter.submitBid(bidRequest());
    const other = await sim.adapter.submitBid(bidRequest({ intervals: stepCurves(3) }));
    expect(other).toMatchObject({ status: 'rejected', code: 'BID.SUBMISSION_ID_REUSED' });
    expect(await sim.adapter.submitBid(bidRequest())).toEqual(first);
  });

  it.each(BAD_BIDS)('rejects %s with a clear reason', async (_name, change, code, field) => {
    sim = openMemorySim();
    const answer = await sim.adapter.submitBid(bidRequest(change));
    expect(answer).toMatchObject({ status: 'rejected', submissionId: 'sub-1', code });
    if (answer.status !== 'rejected') throw new Error('unreachable');
    expect(answer.reason).toContain(field);
    expect(answer.violations.map((v) => v.field)).toContain(field);
    // The rejection is the answer for good: a retry gets it again.
    expect(await sim.adapter.submitBid(bidRequest(change))).toEqual(answer);
  });

  it('rejects a bid at the gate instant and after it with BID.GATE_CLOSED', async () => {
    sim = openMemorySim({ startAt: GATE });
    const atGate = await sim.adapter.submitBid(bidRequest());
    expect(atGate).toMatchObject({ status: 'rejected', code: 'BID.GATE_CLOSED' });
    if (atGate.status === 'rejected') expect(atGate.reason).toContain('2024-06-02T01:00:00.000Z');
    await sim.exchange.advanceTo('2024-06-02T03:00:00.000Z');
    expect(await sim.adapter.submitBid(bidRequest({ submissionId: 'sub-2' }))).toMatchObject({
      status: 'rejected',
      code: 'BID.GATE_CLOSED',
    });
  });

  it('accepts a bid one millisecond before the gate', async () => {
    sim = openMemorySim({ startAt: '2024-06-02T00:59:59.999Z' });
    expect(await sim.adapter.submitBid(bidRequest())).toMatchObject({ status: 'accepted' });
  });

  it('rejects malformed curves as BID.INVALID_REQUEST naming the field', async () => {
    sim = openMemorySim();
    const answer = await sim.adapter.submitBid(
      bidRequest({
        intervals: [{ interval: 0, sell: [{ priceKrwPerKwh: '9' }], buy: [] }] as never,
      }),
    );
    expect(answer).toMatchObject({
      status: 'rejected',
      code: 'BID.INVALID_REQUEST',
      reason: expect.stringContaining('intervals[0].sell[0].priceKrwPerKwh'),
    });
  });

  it('throws a protocol MarketAdapterError for a request without a submission id', async () => {
    sim = openMemorySim();
    const error = await sim.adapter
      .submitBid({ ...bidRequest(), submissionId: '' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarketAdapterError);
    expect(error).toMatchObject({ kind: 'protocol', code: 'KPXSIM.INVALID_REQUEST' });
  });

  it('is unavailable until its clock is set', async () => {
    sim = openKpxSim({ dbPath: ':memory:', history: rampHistory, seed: 's' });
    await expect(sim.adapter.submitBid(bidRequest())).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'KPXSIM.CLOCK_NOT_SET',
    });
    sim.exchange.advanceTo(BEFORE_GATE);
    expect(await sim.adapter.submitBid(bidRequest())).toMatchObject({ status: 'accepted' });
  });

  it('lets a new bid supersede the live one of the same portfolio, market and day', async () => {
    sim = openMemorySim();
    await sim.adapter.submitBid(bidRequest());
    await sim.adapter.submitBid(bidRequest({ submissionId: 'sub-2', intervals: stepCurves(2) }));
    await sim.adapter.submitBid(bidRequest({ submissionId: 'sub-3', portfolioId: 'portfolio-b' }));
    expect(sim.exchange.submission('sub-1')?.status).toBe('superseded');
    expect(sim.exchange.submission('sub-2')?.status).toBe('accepted');
    expect(sim.exchange.submission('sub-3')?.status).toBe('accepted');
  });

  it('withdraws before the gate, idempotently, and refuses after it', async () => {
    sim = openMemorySim();
    const accepted = await sim.adapter.submitBid(bidRequest());
    await sim.adapter.submitBid(bidRequest({ submissionId: 'sub-2', portfolioId: 'portfolio-b' }));
    const withdrawn = await sim.adapter.withdrawBid({
      submissionId: 'sub-1',
      portfolioId: 'portfolio-a',
      reason: 'forecast changed',
    });
    expect(withdrawn).toEqual({
      status: 'withdrawn',
      submissionId: 'sub-1',
      exchangeBidId: accepted.status === 'accepted' ? accepted.exchangeBidId : '',
      withdrawnAt: BEFORE_GATE,
    });
    await sim.exchange.advanceTo('2024-06-02T00:10:00.000Z');
    expect(
      await sim.adapter.withdrawBid({
        submissionId: 'sub-1',
        portfolioId: 'portfolio-a',
        reason: 'again',
      }),
    ).toEqual(withdrawn);
    expect(
      await sim.adapter.withdrawBid({
        submissionId: 'sub-1',
        portfolioId: 'portfolio-b',
        reason: 'x',
      }),
    ).toMatchObject({ status: 'rejected', code: 'BID.UNKNOWN_SUBMISSION' });
    await sim.exchange.advanceTo(GATE);
    expect(
      await sim.adapter.withdrawBid({
        submissionId: 'sub-2',
        portfolioId: 'portfolio-b',
        reason: 'late',
      }),
    ).toMatchObject({ status: 'rejected', code: 'BID.GATE_CLOSED' });
  });

  it('accepts renewable forecasts until each slot gate and rejects late or malformed ones', async () => {
    sim = openMemorySim({ startAt: GATE });
    const forecast = {
      submissionId: 'fc-1',
      portfolioId: 'portfolio-a',
      market: 'mainland' as const,
      tradingDay: DAY,
      slot: 'first' as const,
      hourlyEnergyKwh: Array.from({ length: 24 }, (_, h) => (h > 6 && h < 19 ? 500 : 0)) as never,
    };
    // On time at the gate instant itself (the scheme's convention).
    const accepted = await sim.adapter.submitRenewableForecast(forecast);
    expect(accepted).toMatchObject({ status: 'accepted', receiptId: expect.any(String) });
    expect(await sim.adapter.submitRenewableForecast(forecast)).toEqual(accepted);
    await sim.exchange.advanceTo('2024-06-02T01:00:00.001Z');
    expect(
      await sim.adapter.submitRenewableForecast({ ...forecast, submissionId: 'fc-2' }),
    ).toMatchObject({ status: 'rejected', code: 'FORECAST.GATE_CLOSED' });
    expect(
      await sim.adapter.submitRenewableForecast({
        ...forecast,
        submissionId: 'fc-3',
        slot: 'second',
      }),
    ).toMatchObject({ status: 'accepted' });
    expect(
      await sim.adapter.submitRenewableForecast({
        ...forecast,
        submissionId: 'fc-4',
        slot: 'second',
        hourlyEnergyKwh: [1, 2] as never,
      }),
    ).toMatchObject({ status: 'rejected', code: 'FORECAST.INVALID_REQUEST' });
  });

  it('describes each market: rules, grids and its clock', async () => {
    sim = openMemorySim();
    const jeju = await sim.adapter.calendar('jeju');
    expect(jeju.exchangeNow).toBe(BEFORE_GATE);
    expect(jeju.rules.realTime).toMatchObject({ intervalMinutes: 15, horizonMinutes: 120 });
    expect(jeju.rules.renewablePriceBids).toBe(true);
    expect((await sim.adapter.calendar('mainland')).rules.realTime).toBeUndefined();
  });
});
