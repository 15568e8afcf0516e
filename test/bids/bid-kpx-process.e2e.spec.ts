import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Kw } from '../../domain/shared/units.js';
import { KpxHttpAdapter } from '../../market-adapters/kpx/http/kpx-http-adapter.js';
import type { SubmitBidRequest } from '../../market-adapters/market-adapter.port.js';
import {
  SHARED_KPX_DATA,
  freePort,
  killKpxSim,
  startKpxSim,
  type KpxSimProcess,
} from '../support/kpx-sim-process.js';
import { startBidApp, type BidApp } from './bid-app.js';
import { BAD_BIDS, bidRequest } from '../market-adapters/kpx-sim/kpx-sim-fixtures.js';
import {
  AFTER_RESULTS,
  BID,
  DAY,
  GATE,
  RESULTS_AT,
  START,
  STREAM,
  draftPayload,
  expectedAwards,
  sellCurves,
} from './bid-payloads.js';

// The application (in process, SQLite event store, demo fixture) trades through the KPX HTTP
// adapter (KPX_URL) with the simulated KPX as its own process (`npm run kpx-sim`, dist/), which
// keeps its books in its own SQLite file.

/**
 * Between the application and the exchange: passes every request on, except that once `armed`,
 * the next POST /bids reaches the exchange, which is then killed -9 after it has answered and
 * before its answer is sent on: the submission is stored, the answer lost. An exchange that does
 * not answer at all is a 502.
 */
const answerDroppingProxy = (target: () => string, killExchange: () => Promise<void>) => {
  let armed = false;
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const headers: Record<string, string> = {};
      for (const name of ['accept', 'content-type', 'idempotency-key']) {
        const value = incoming.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const body = chunks.length === 0 ? undefined : Buffer.concat(chunks);
      fetch(`${target()}${incoming.url ?? '/'}`, { method: incoming.method, headers, body })
        .then(async (answer) => {
          const text = await answer.text();
          if (armed && incoming.method === 'POST' && incoming.url === '/bids') {
            armed = false;
            await killExchange();
            outgoing.destroy();
            return;
          }
          outgoing.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
        })
        .catch((error: unknown) => {
          const message = `the exchange did not answer: ${String(error)}`;
          outgoing
            .writeHead(502, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { code: 'PROXY.NO_UPSTREAM', message } }));
        });
    });
  });
  return {
    arm: () => void (armed = true),
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

describe('a bid through the KPX HTTP adapter to the simulated KPX process', () => {
  let folder: string;
  let env: Record<string, string>;
  let exchange: KpxSimProcess | undefined;
  let a: BidApp | undefined;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'gridfolio-bid-kpx-process-'));
    env = {
      KPX_SIM_PORT: String(await freePort()),
      KPX_SIM_DB: join(folder, 'kpx-sim.db'),
      KPX_SIM_DATA: SHARED_KPX_DATA,
      KPX_SIM_SEED: 'bid-kpx-process',
      KPX_SIM_START: START,
    };
    exchange = await startKpxSim(env);
  });
  afterEach(async () => {
    await a?.close();
    a = undefined;
    if (exchange !== undefined) await killKpxSim(exchange);
    rmSync(folder, { recursive: true, force: true });
  });

  /** The application with KPX_URL pointing at the exchange process (or at `url`). */
  const startApp = async (url = exchange!.base) => {
    a = await startBidApp(START, { kpxUrl: url });
  };
  const app = (): BidApp => a!;
  const post = (path: string, body?: object) =>
    request(app().http).post(`${BID}${path}`).send(body);
  const events = () => app().streamEvents(STREAM);
  const types = async () => (await events()).map((event) => event.type);
  /** The exchange's own API, as a test harness drives it: its simulated clock. */
  const advanceExchange = async (now: string) => {
    const response = await fetch(`${exchange!.base}/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as {
      dayAheadClearings: { market: string; tradingDay: string; bids: number }[];
    };
  };
  const restartExchange = async () => {
    await killKpxSim(exchange!);
    exchange = await startKpxSim(env); // same port, same SQLite file
  };

  it('clears and records the awards once; kill -9 between submission and clearing loses nothing', async () => {
    await startApp();
    await post('/drafts', draftPayload()).expect(201);
    const submitted = await post('/submissions', { submissionId: 'sub-e2e' }).expect(201);
    expect(submitted.body).toMatchObject({ submissionId: 'sub-e2e', status: 'acknowledged' });
    const exchangeBidId = submitted.body.exchangeBidId as string;
    expect(exchangeBidId).toBe(`KPXSIM-MAINLAND-${DAY}-000001`);
    expect(await types()).toEqual(['BidDrafted', 'BidSubmitted', 'BidAcknowledged']);

    await restartExchange();

    // The same submission again, exactly as the application sent it (BidSubmitted records the
    // capacities): the restarted exchange answers what it answered before and stores nothing new.
    const recorded = (await events())[1]?.data as {
      limits: { sellCapacityKw: Kw; buyCapacityKw: Kw };
    };
    const sameRequest: SubmitBidRequest = {
      submissionId: 'sub-e2e',
      portfolioId: 'kt-vpp',
      market: 'mainland',
      product: 'day_ahead',
      tradingDay: DAY,
      intervals: sellCurves(),
      sellCapacityKw: recorded.limits.sellCapacityKw,
      buyCapacityKw: recorded.limits.buyCapacityKw,
    };
    const adapter = new KpxHttpAdapter({ baseUrl: exchange!.base, timeoutMs: 10_000 });
    expect(await adapter.submitBid(sameRequest)).toMatchObject({
      status: 'accepted',
      submissionId: 'sub-e2e',
      exchangeBidId,
    });
    // Through the application the retry is answered from the stream without a call.
    const retried = await post('/submissions', { submissionId: 'sub-e2e' }).expect(200);
    expect(retried.body).toMatchObject({ exchangeBidId, appended: [] });

    // Nothing is published before D-1 15:00 KST on the exchange's clock, and nothing recorded.
    const early = await post('/results/fetch').expect(200);
    expect(early.body).toMatchObject({ status: 'not_published_yet', expectedAt: RESULTS_AT });

    // The exchange clears the day at its results time: one bid in the book, not two.
    const cleared = await advanceExchange(AFTER_RESULTS);
    expect(cleared.dayAheadClearings.filter(({ tradingDay }) => tradingDay === DAY)).toEqual([
      { market: 'mainland', tradingDay: DAY, bids: 1 },
      { market: 'jeju', tradingDay: DAY, bids: 0 },
    ]);
    app().clock.advanceTo(DateTime.fromISO(AFTER_RESULTS));

    const fetched = await post('/results/fetch').expect(201);
    const awards = expectedAwards();
    expect(new Set(awards.map((award) => award.awardedSellKw)).size).toBeGreaterThan(1);
    expect(fetched.body).toMatchObject({
      status: 'cleared',
      submissionId: 'sub-e2e',
      publishedAt: RESULTS_AT,
      awards,
      uncleared: [],
    });
    expect(fetched.body.appended.map((event: { type: string }) => event.type)).toEqual([
      'BidCleared',
    ]);

    // Killed again after clearing: the published results are the same, and recorded once.
    await restartExchange();
    const again = await post('/results/fetch').expect(200);
    expect(again.body).toMatchObject({ status: 'cleared', awards, appended: [] });
    const stream = await events();
    expect(stream.map((event) => event.type)).toEqual([
      'BidDrafted',
      'BidSubmitted',
      'BidAcknowledged',
      'BidCleared',
    ]);
    expect(stream[3]?.data).toEqual({
      submissionId: 'sub-e2e',
      awards,
      clearedAt: RESULTS_AT,
    });
    const shown = await request(app().http).get(BID).expect(200);
    expect(shown.body).toMatchObject({ status: 'cleared', awards });
    expect(await advanceExchange(AFTER_RESULTS)).toMatchObject({ dayAheadClearings: [] });
  });

  it('resumes a submission whose answer died with the exchange: one exchange bid, cleared once', async () => {
    const proxy = answerDroppingProxy(
      () => exchange!.base,
      () => killKpxSim(exchange!),
    );
    try {
      await startApp(await proxy.listen());
      await post('/drafts', draftPayload()).expect(201);
      proxy.arm();
      // The exchange stored the bid and died before its answer left; the adapter's retries find
      // no exchange, so the application answers 503 and keeps the submission waiting.
      const lost = await post('/submissions', { submissionId: 'sub-lost' }).expect(503);
      expect(lost.body.error.code).toBe('MARKET.UNAVAILABLE');
      expect(await types()).toEqual(['BidDrafted', 'BidSubmitted']);

      exchange = await startKpxSim(env); // same port, same SQLite file
      // A retry without an id resumes the waiting submission; the exchange answers it from its
      // store under the same id instead of taking a second bid.
      const resumed = await post('/submissions').expect(201);
      expect(resumed.body).toMatchObject({
        submissionId: 'sub-lost',
        status: 'acknowledged',
        exchangeBidId: `KPXSIM-MAINLAND-${DAY}-000001`,
      });
      expect(resumed.body.appended.map((event: { type: string }) => event.type)).toEqual([
        'BidAcknowledged',
      ]);

      const cleared = await advanceExchange(AFTER_RESULTS);
      expect(cleared.dayAheadClearings).toContainEqual({
        market: 'mainland',
        tradingDay: DAY,
        bids: 1,
      });
      app().clock.advanceTo(DateTime.fromISO(AFTER_RESULTS));
      const fetched = await post('/results/fetch').expect(201);
      expect(fetched.body).toMatchObject({
        status: 'cleared',
        submissionId: 'sub-lost',
        awards: expectedAwards(),
      });
      expect(await types()).toEqual([
        'BidDrafted',
        'BidSubmitted',
        'BidAcknowledged',
        'BidCleared',
      ]);
    } finally {
      await a?.close();
      a = undefined;
      await proxy.close();
    }
  });

  it("records the exchange's refusal of a bid after its gate as BidRejected, with its reason", async () => {
    await startApp();
    await post('/drafts', draftPayload()).expect(201);
    // The application's clock is before the gate; the exchange's, which decides, is at it.
    await advanceExchange(GATE);
    const refused = await post('/submissions', { submissionId: 'sub-late' }).expect(201);
    expect(refused.body).toMatchObject({
      submissionId: 'sub-late',
      status: 'rejected',
      code: 'BID.GATE_CLOSED',
      at: GATE,
    });
    expect(refused.body.reason).toContain(GATE);
    const stream = await events();
    expect(stream.map((event) => event.type)).toEqual([
      'BidDrafted',
      'BidSubmitted',
      'BidRejected',
    ]);
    expect(stream[2]?.data).toEqual({
      submissionId: 'sub-late',
      code: 'BID.GATE_CLOSED',
      reason: refused.body.reason,
      rejectedAt: GATE,
    });
    // The refusal is the exchange's answer for good: asked again, the stream already has it.
    const again = await post('/submissions', { submissionId: 'sub-late' }).expect(200);
    expect(again.body).toMatchObject({ status: 'rejected', appended: [] });
  });

  // The application's bid decider applies the same market rules before it asks the exchange
  // (bids-http.e2e.spec.ts), so these reach the exchange only from a client that skips them:
  // the adapter returns each refusal as an answer, which BidSubmissionService records as BidRejected.
  it.each(BAD_BIDS)(
    'is refused %s over HTTP, with the code and the field',
    async (_name, change, code, field) => {
      const adapter = new KpxHttpAdapter({ baseUrl: exchange!.base, timeoutMs: 10_000 });
      const answer = await adapter.submitBid(bidRequest(change));
      expect(answer).toMatchObject({ status: 'rejected', submissionId: 'sub-1', code });
      if (answer.status !== 'rejected') throw new Error('unreachable');
      expect(answer.reason).toContain(field);
      expect(answer.violations.map((violation) => violation.field)).toContain(field);
    },
  );
});
