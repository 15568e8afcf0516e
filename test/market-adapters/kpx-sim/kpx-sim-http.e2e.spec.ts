import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createKpxSimHttpServer } from '../../../market-adapters/kpx-sim/http-server.js';
import type { KpxSim } from '../../../market-adapters/kpx-sim/open-kpx-sim.js';
import { BEFORE_GATE, DAY, RESULTS, bidRequest, openMemorySim } from './kpx-sim-fixtures.js';

describe('simulated KPX over HTTP (in-process server on port 0)', () => {
  let sim: KpxSim;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    sim = openMemorySim();
    server = createKpxSimHttpServer(sim.exchange, { formation: sim.formation });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    sim.close();
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('submits, advances the clock, and fetches results, prices and instructions', async () => {
    expect(await call('GET', '/health')).toEqual({
      status: 200,
      body: { status: 'ok', now: BEFORE_GATE, formation: 'historical' },
    });
    const submitted = await call('POST', '/bids', bidRequest());
    expect(submitted).toMatchObject({ status: 200, body: { status: 'accepted' } });
    expect(await call('POST', '/bids', bidRequest())).toEqual(submitted);
    expect(await call('GET', '/bids/sub-1')).toMatchObject({
      status: 200,
      body: { status: 'accepted', exchangeBidId: submitted.body.exchangeBidId },
    });

    const query = `portfolioId=portfolio-a&market=mainland&tradingDay=${DAY}`;
    expect((await call('GET', `/results?${query}`)).body).toEqual({
      status: 'not_published_yet',
      expectedAt: RESULTS,
    });
    const advanced = await call('POST', '/clock', { now: '2024-06-02T15:00:00+09:00' });
    expect(advanced).toMatchObject({
      status: 200,
      body: {
        now: RESULTS,
        dayAheadClearings: [
          { market: 'mainland', tradingDay: DAY, bids: 1 },
          { market: 'jeju', tradingDay: DAY, bids: 0 },
        ],
      },
    });
    const results = await call('GET', `/results?${query}`);
    expect(results.body).toMatchObject({ status: 'published', publishedAt: RESULTS });
    expect(results.body.awards).toHaveLength(24);
    // Ramp fixture: SMP of hour-ending 12 is 112, the sell curve's 110 step offers 2,000 kW.
    expect((results.body.awards as unknown[])[11]).toEqual({
      interval: 11,
      clearingPriceKrwPerKwh: 112,
      awardedSellKw: 2_000,
      awardedBuyKw: 0,
    });
    const prices = await call('GET', `/prices?market=mainland&tradingDay=${DAY}&kind=day_ahead`);
    expect(prices.body).toMatchObject({ status: 'published', final: true });
    const instructions = await call(
      'GET',
      `/dispatch-instructions?portfolioId=portfolio-a&market=mainland&since=${encodeURIComponent(RESULTS)}`,
    );
    expect(instructions.body.instructions).toHaveLength(24);
    expect((await call('GET', '/markets/jeju/calendar')).body).toMatchObject({
      market: 'jeju',
      exchangeNow: RESULTS,
    });
  });

  it('answers rejections as 200 answers and unreadable requests as errors', async () => {
    expect(await call('POST', '/bids', bidRequest({ submissionId: 'late' }))).toMatchObject({
      status: 200,
      body: { status: 'rejected', code: 'BID.GATE_CLOSED' },
    });
    expect(
      await call('POST', '/bids/late/withdraw', { portfolioId: 'portfolio-a', reason: 'x' }),
    ).toMatchObject({ status: 200, body: { status: 'rejected', code: 'BID.NOT_WITHDRAWABLE' } });
    expect(await call('POST', '/bids', '{not json')).toMatchObject({
      status: 400,
      body: { error: { code: 'HTTP.INVALID_JSON' } },
    });
    expect(await call('POST', '/clock', { now: '2024-06-01T00:00:00Z' })).toMatchObject({
      status: 409,
      body: { error: { code: 'KPXSIM.CLOCK_BACKWARDS' } },
    });
    expect(
      await call('GET', '/prices?market=atlantis&tradingDay=2024-06-03&kind=day_ahead'),
    ).toMatchObject({
      status: 400,
      body: { error: { code: 'KPXSIM.INVALID_REQUEST', field: 'market' } },
    });
    expect(await call('GET', '/bids/unknown')).toMatchObject({ status: 404 });
    expect(await call('DELETE', '/clock')).toMatchObject({ status: 405 });
    expect(await call('GET', '/nowhere')).toMatchObject({ status: 404 });
  });
});
