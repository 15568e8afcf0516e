import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { IntervalBid } from '../../../domain/market/bid-curve.js';
import type { MarketId } from '../../../domain/market/market-rules.js';
import type { KrwPerKwh, Kw, Kwh } from '../../../domain/shared/units.js';
import {
  KpxHttpAdapter,
  type FetchLike,
} from '../../../market-adapters/kpx/http/kpx-http-adapter.js';
import { createKpxSimHttpServer } from '../../../market-adapters/kpx-sim/http-server.js';
import type { KpxSimExchange } from '../../../market-adapters/kpx-sim/kpx-sim-exchange.js';
import { openKpxSim, type KpxSim } from '../../../market-adapters/kpx-sim/open-kpx-sim.js';
import type { SmpHistory } from '../../../market-adapters/kpx-sim/smp-history.js';
import {
  isMarketAdapterError,
  type MarketAdapter,
  type SubmitBidRequest,
} from '../../../market-adapters/market-adapter.port.js';

/**
 * The contract between the KPX HTTP adapter and the simulated exchange, as recorded traffic:
 * each step is one port call; its file in recorded/ holds the HTTP requests the adapter sent, the
 * exchange's replies, and what the adapter made of them. `kpx-contract-live.e2e.spec.ts` replays
 * the steps against the real kpx-sim server and compares (KPX_RECORD=1 rewrites the files);
 * `kpx-contract-replay.unit.spec.ts` serves the recorded replies to the adapter and checks the
 * requests. A change on either side breaks one of the two.
 */
export const RECORDED_DIR = join(process.cwd(), 'test', 'market-adapters', 'kpx', 'recorded');

export const DAY = '2024-06-03';
export const BEFORE_GATE = '2024-06-02T00:00:00.000Z'; // D-1 09:00 KST
export const DAY_STARTED = '2024-06-02T16:00:00.000Z'; // D 01:00 KST: D-1 15:00 results are out

/** Mainland SMP 100 + hour-ending with no price for hour 6; Jeju 150 + hour-ending. */
export const contractHistory: SmpHistory = {
  smpKrwPerKwh: (market, _day, hourEnding) =>
    market === 'jeju' ? 150 + hourEnding : hourEnding === 6 ? undefined : 100 + hourEnding,
};

const point = (price: number, quantity: number) => ({
  priceKrwPerKwh: price as KrwPerKwh,
  quantityKw: quantity as Kw,
});

const curves = (intervals: readonly number[]): IntervalBid[] =>
  intervals.map((interval) => ({
    interval,
    sell: [point(90, 1_000), point(110, 2_000), point(120, 3_000)],
    buy: [point(50, 1_500), point(105, 1_000)],
  }));

export const bid = (overrides: Partial<SubmitBidRequest> = {}): SubmitBidRequest => ({
  submissionId: 'sub-1',
  portfolioId: 'portfolio-a',
  market: 'mainland',
  tradingDay: DAY,
  intervals: curves([0, 1, 5, 12, 23]),
  sellCapacityKw: 5_000 as Kw,
  buyCapacityKw: 5_000 as Kw,
  ...overrides,
});

type Operation = keyof MarketAdapter;

export interface Step {
  readonly name: string;
  /** Moves the exchange before the call (not part of the port). */
  readonly before?: (exchange: KpxSimExchange) => void;
  readonly operation: Operation;
  readonly args: readonly unknown[];
}

export const STEPS: readonly Step[] = [
  {
    name: 'results-clock-not-set',
    operation: 'fetchResults',
    args: ['portfolio-a', 'mainland', DAY],
  },
  {
    name: 'calendar-mainland',
    before: (exchange) => void exchange.advanceTo(BEFORE_GATE),
    operation: 'calendar',
    args: ['mainland'],
  },
  { name: 'submit-bid-accepted', operation: 'submitBid', args: [bid()] },
  { name: 'submit-bid-repeated', operation: 'submitBid', args: [bid()] },
  {
    name: 'submit-bid-rejected',
    operation: 'submitBid',
    args: [
      bid({
        submissionId: 'sub-2',
        portfolioId: 'portfolio-c',
        intervals: [{ interval: 3, sell: [point(110, 1_000), point(90, 2_000)], buy: [] }],
      }),
    ],
  },
  {
    name: 'submit-bid-id-reused',
    operation: 'submitBid',
    args: [bid({ intervals: curves([0]) })],
  },
  {
    name: 'submit-bid-jeju',
    operation: 'submitBid',
    args: [bid({ submissionId: 'sub-j1', market: 'jeju' })],
  },
  {
    name: 'submit-bid-to-withdraw',
    operation: 'submitBid',
    args: [bid({ submissionId: 'sub-b1', portfolioId: 'portfolio-b' })],
  },
  {
    name: 'withdraw-bid',
    operation: 'withdrawBid',
    args: [{ submissionId: 'sub-b1', portfolioId: 'portfolio-b', reason: 'asset outage' }],
  },
  {
    name: 'withdraw-bid-unknown',
    operation: 'withdrawBid',
    args: [{ submissionId: 'sub-404', portfolioId: 'portfolio-b', reason: 'asset outage' }],
  },
  {
    name: 'forecast-accepted',
    operation: 'submitRenewableForecast',
    args: [
      {
        submissionId: 'fc-1',
        portfolioId: 'portfolio-a',
        market: 'mainland',
        tradingDay: DAY,
        slot: 'first',
        hourlyEnergyKwh: Array.from(
          { length: 24 },
          (_, h) => Math.max(0, 1_000 - (h - 12) ** 2 * 25) as Kwh,
        ),
      },
    ],
  },
  {
    name: 'results-not-published-yet',
    operation: 'fetchResults',
    args: ['portfolio-a', 'mainland', DAY],
  },
  {
    name: 'results-published',
    before: (exchange) => void exchange.advanceTo(DAY_STARTED),
    operation: 'fetchResults',
    args: ['portfolio-a', 'mainland', DAY],
  },
  { name: 'prices-day-ahead', operation: 'fetchPrices', args: ['mainland', DAY, 'day_ahead'] },
  { name: 'prices-real-time-jeju', operation: 'fetchPrices', args: ['jeju', DAY, 'real_time'] },
  {
    name: 'prices-real-time-mainland',
    operation: 'fetchPrices',
    args: ['mainland', DAY, 'real_time'],
  },
  {
    name: 'dispatch-instructions',
    operation: 'dispatchInstructions',
    args: ['portfolio-a', 'mainland', BEFORE_GATE],
  },
  {
    name: 'results-unknown-market',
    operation: 'fetchResults',
    args: ['portfolio-a', 'atlantis' as MarketId, DAY],
  },
];

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, after the base URL. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface RecordedResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: unknown;
}

export type Outcome =
  | { readonly result: unknown }
  | {
      readonly error: {
        readonly kind: string;
        readonly code: string | null;
        readonly message: string;
      };
    };

export interface Recording {
  readonly name: string;
  readonly call: { readonly operation: Operation; readonly args: readonly unknown[] };
  readonly exchanges: readonly { request: RecordedRequest; response: RecordedResponse }[];
  readonly outcome: Outcome;
}

/** How the contract's adapter is configured: three attempts, no real waiting. */
export const contractAdapter = (baseUrl: string, fetch: FetchLike): KpxHttpAdapter =>
  new KpxHttpAdapter({
    baseUrl,
    fetch,
    timeoutMs: 10_000,
    retry: { maxAttempts: 3 },
    random: () => 0.5,
    sleep: async () => undefined,
  });

export const callStep = async (
  adapter: MarketAdapter,
  step: Pick<Step, 'operation' | 'args'>,
): Promise<Outcome> => {
  try {
    const method = adapter[step.operation] as (...args: unknown[]) => Promise<unknown>;
    // JSON round trip: the recorded result is what JSON can hold, as the port promises.
    return {
      result: JSON.parse(JSON.stringify(await method.apply(adapter, [...step.args]))) as unknown,
    };
  } catch (error) {
    if (!isMarketAdapterError(error)) throw error;
    return { error: { kind: error.kind, code: error.code ?? null, message: error.message } };
  }
};

const requestOf = (base: string, url: string, init: RequestInit): RecordedRequest => ({
  method: init.method ?? 'GET',
  path: url.slice(base.length),
  headers: Object.fromEntries([...new Headers(init.headers).entries()].sort()),
  ...(typeof init.body === 'string' ? { body: JSON.parse(init.body) as unknown } : {}),
});

export interface LiveExchange {
  readonly sim: KpxSim;
  readonly base: string;
  close(): Promise<void>;
}

/** The real kpx-sim HTTP server in this process, on a free port, over an in-memory database. */
export const startLiveExchange = async (): Promise<LiveExchange> => {
  const sim = openKpxSim({ dbPath: ':memory:', history: contractHistory, seed: 'contract-seed' });
  const server: Server = createKpxSimHttpServer(sim.exchange, { formation: sim.formation });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    sim,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      sim.close();
    },
  };
};

/** Runs every step against a live exchange, recording the traffic of each. */
export const recordAll = async (live: LiveExchange): Promise<Recording[]> => {
  const recordings: Recording[] = [];
  for (const step of STEPS) {
    step.before?.(live.sim.exchange);
    const exchanges: { request: RecordedRequest; response: RecordedResponse }[] = [];
    const recordingFetch: FetchLike = async (url, init) => {
      const response = await fetch(url, init);
      const text = await response.text();
      exchanges.push({
        request: requestOf(live.base, url, init),
        response: {
          status: response.status,
          contentType: response.headers.get('content-type'),
          body: JSON.parse(text) as unknown,
        },
      });
      return new Response(text, { status: response.status, headers: response.headers });
    };
    const outcome = await callStep(contractAdapter(live.base, recordingFetch), step);
    recordings.push({
      name: step.name,
      call: { operation: step.operation, args: step.args },
      exchanges,
      outcome,
    });
  }
  return recordings;
};

const fileOf = (name: string): string => join(RECORDED_DIR, `${name}.json`);

export const writeRecording = (recording: Recording): void =>
  writeFileSync(fileOf(recording.name), `${JSON.stringify(recording, null, 2)}\n`);

export const readRecording = (name: string): Recording =>
  JSON.parse(readFileSync(fileOf(name), 'utf8')) as Recording;

export const recordedNames = (): string[] =>
  readdirSync(RECORDED_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
