import { describe, expect, it } from '@jest/globals';
import type { FetchLike } from '../../../market-adapters/kpx/http/kpx-http-adapter.js';
import {
  decodeBidFile,
  decodeForecastFile,
  decodePricesFile,
  decodeResultsFile,
  encodeBidFile,
  encodeForecastFile,
  encodePricesFile,
  encodeResultsFile,
} from '../../../market-adapters/kpx/wire/index.js';
import type {
  DayAheadResults,
  PublishedPrices,
  SubmitBidRequest,
  SubmitRenewableForecastRequest,
} from '../../../market-adapters/market-adapter.port.js';
import {
  callStep,
  contractAdapter,
  readRecording,
  recordedNames,
  type RecordedRequest,
} from './kpx-contract-scenario.js';

const BASE = 'http://kpx-sim.recorded';

describe('KPX adapter on recorded kpx-sim traffic', () => {
  it('has recordings', () => {
    expect(recordedNames().length).toBeGreaterThanOrEqual(15);
  });

  it.each(recordedNames())(
    '%s: sends exactly the recorded requests and reads the replies',
    async (name) => {
      const recording = readRecording(name);
      const sent: RecordedRequest[] = [];
      let next = 0;
      const replay: FetchLike = async (url, init) => {
        const exchange = recording.exchanges[next++];
        sent.push({
          method: init.method ?? 'GET',
          path: url.slice(BASE.length),
          headers: Object.fromEntries([...new Headers(init.headers).entries()].sort()),
          ...(typeof init.body === 'string' ? { body: JSON.parse(init.body) as unknown } : {}),
        });
        if (exchange === undefined) throw new Error(`${name}: more requests than recorded`);
        return new Response(JSON.stringify(exchange.response.body), {
          status: exchange.response.status,
          headers:
            exchange.response.contentType === null
              ? {}
              : { 'content-type': exchange.response.contentType },
        });
      };
      const outcome = await callStep(contractAdapter(BASE, replay), recording.call);
      expect(sent).toEqual(recording.exchanges.map((exchange) => exchange.request));
      expect(outcome).toEqual(recording.outcome);
    },
  );
});

describe('recorded kpx-sim payloads as KPX files', () => {
  const resultOf = (name: string) => (readRecording(name).outcome as { result: never }).result;

  it('the recorded bid, results and prices survive a CP949 file round trip', () => {
    const request = readRecording('submit-bid-accepted').call.args[0] as SubmitBidRequest;
    expect(decodeBidFile(encodeBidFile(request), request)).toEqual({
      ...request,
      product: 'day_ahead',
    });

    const results = resultOf('results-published') as DayAheadResults;
    expect(decodeResultsFile(encodeResultsFile(results), results)).toEqual(results);

    for (const name of ['prices-day-ahead', 'prices-real-time-jeju']) {
      const prices = resultOf(name) as PublishedPrices;
      expect(decodePricesFile(encodePricesFile(prices), prices)).toEqual(prices);
    }

    const forecast = readRecording('forecast-accepted').call
      .args[0] as SubmitRenewableForecastRequest;
    expect(decodeForecastFile(encodeForecastFile(forecast), forecast)).toEqual(forecast);
  });
});
