import type {
  DispatchInstruction,
  FetchPricesResult,
  FetchResultsResult,
  MarketCalendarInfo,
  SubmitBidResult,
  SubmitRenewableForecastResult,
  WithdrawBidResult,
} from '../../market-adapter.port.js';

/**
 * Checks of the simulated exchange's JSON answers against the port's types. A reply that does not
 * have the shape the port promises is no answer at all: the adapter reports it as a `protocol`
 * MarketAdapterError instead of handing a half-read object to the bid service.
 */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

type Json = Record<string, unknown>;

const fail = (path: string, expected: string, value: unknown): never => {
  throw new ShapeError(`${path}: expected ${expected}, got ${JSON.stringify(value) ?? 'nothing'}`);
};

const object = (value: unknown, path: string): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : fail(path, 'an object', value);

const array = (value: unknown, path: string): unknown[] =>
  Array.isArray(value) ? value : fail(path, 'an array', value);

const text = (o: Json, key: string, path: string): string =>
  typeof o[key] === 'string' ? o[key] : fail(`${path}.${key}`, 'a string', o[key]);

const finite = (o: Json, key: string, path: string): number =>
  typeof o[key] === 'number' && Number.isFinite(o[key])
    ? o[key]
    : fail(`${path}.${key}`, 'a finite number', o[key]);

const index = (o: Json, key: string, path: string): number =>
  Number.isSafeInteger(o[key]) && (o[key] as number) >= 0
    ? (o[key] as number)
    : fail(`${path}.${key}`, 'a whole number >= 0', o[key]);

const status = <S extends string>(o: Json, allowed: readonly S[], path: string): S =>
  allowed.includes(o.status as S)
    ? (o.status as S)
    : fail(`${path}.status`, allowed.join(' | '), o.status);

/** The answer must be about the submission we sent, or it answers someone else's question. */
const sameSubmission = (o: Json, submissionId: string, path: string): void => {
  if (text(o, 'submissionId', path) !== submissionId)
    fail(`${path}.submissionId`, `"${submissionId}" (the submission sent)`, o.submissionId);
};

const notPublishedOrAvailable = (o: Json, kind: string, path: string): void => {
  if (kind === 'not_published_yet') text(o, 'expectedAt', path);
  else text(o, 'reason', path);
};

export const readCalendar = (body: unknown, market: string): MarketCalendarInfo => {
  const o = object(body, '$');
  if (text(o, 'market', '$') !== market) fail('$.market', `"${market}"`, o.market);
  const rules = object(o.rules, '$.rules');
  const dayAhead = object(rules.dayAhead, '$.rules.dayAhead');
  index(dayAhead, 'intervalMinutes', '$.rules.dayAhead');
  text(dayAhead, 'gateKst', '$.rules.dayAhead');
  text(dayAhead, 'resultsKst', '$.rules.dayAhead');
  const curve = object(rules.curve, '$.rules.curve');
  for (const key of [
    'maxSegments',
    'priceFloorKrwPerKwh',
    'priceCapKrwPerKwh',
    'minQuantityKw',
    'quantityStepKw',
  ])
    finite(curve, key, '$.rules.curve');
  if (o.exchangeNow !== null) text(o, 'exchangeNow', '$');
  return o as unknown as MarketCalendarInfo;
};

export const readSubmitBidResult = (body: unknown, submissionId: string): SubmitBidResult => {
  const o = object(body, '$');
  const kind = status(o, ['accepted', 'rejected'], '$');
  sameSubmission(o, submissionId, '$');
  if (kind === 'accepted') {
    text(o, 'exchangeBidId', '$');
    text(o, 'acceptedAt', '$');
  } else {
    text(o, 'code', '$');
    text(o, 'reason', '$');
    text(o, 'rejectedAt', '$');
    array(o.violations, '$.violations').forEach((item, at) => {
      const violation = object(item, `$.violations[${at}]`);
      for (const key of ['code', 'field', 'message']) text(violation, key, `$.violations[${at}]`);
    });
  }
  return o as unknown as SubmitBidResult;
};

export const readWithdrawResult = (body: unknown, submissionId: string): WithdrawBidResult => {
  const o = object(body, '$');
  const kind = status(o, ['withdrawn', 'rejected'], '$');
  sameSubmission(o, submissionId, '$');
  if (kind === 'withdrawn') {
    text(o, 'exchangeBidId', '$');
    text(o, 'withdrawnAt', '$');
  } else {
    text(o, 'code', '$');
    text(o, 'reason', '$');
  }
  return o as unknown as WithdrawBidResult;
};

export const readResults = (body: unknown): FetchResultsResult => {
  const o = object(body, '$');
  const kind = status(o, ['published', 'not_published_yet', 'not_available'], '$');
  if (kind !== 'published') {
    notPublishedOrAvailable(o, kind, '$');
    return o as unknown as FetchResultsResult;
  }
  for (const key of ['portfolioId', 'market', 'tradingDay', 'publishedAt']) text(o, key, '$');
  index(o, 'intervalMinutes', '$');
  if (o.bid !== null) {
    const bid = object(o.bid, '$.bid');
    text(bid, 'submissionId', '$.bid');
    text(bid, 'exchangeBidId', '$.bid');
  }
  array(o.awards, '$.awards').forEach((item, at) => {
    const path = `$.awards[${at}]`;
    const award = object(item, path);
    index(award, 'interval', path);
    for (const key of ['clearingPriceKrwPerKwh', 'awardedSellKw', 'awardedBuyKw'])
      finite(award, key, path);
  });
  array(o.uncleared, '$.uncleared').forEach((item, at) => {
    const path = `$.uncleared[${at}]`;
    const entry = object(item, path);
    index(entry, 'interval', path);
    text(entry, 'code', path);
    text(entry, 'reason', path);
  });
  return o as unknown as FetchResultsResult;
};

export const readPrices = (body: unknown): FetchPricesResult => {
  const o = object(body, '$');
  const kind = status(o, ['published', 'not_published_yet', 'not_available'], '$');
  if (kind !== 'published') {
    notPublishedOrAvailable(o, kind, '$');
    return o as unknown as FetchPricesResult;
  }
  for (const key of ['market', 'tradingDay', 'kind', 'publishedAt']) text(o, key, '$');
  index(o, 'intervalMinutes', '$');
  if (typeof o.final !== 'boolean') fail('$.final', 'true or false', o.final);
  array(o.prices, '$.prices').forEach((item, at) => {
    const path = `$.prices[${at}]`;
    const price = object(item, path);
    index(price, 'interval', path);
    text(price, 'startsAt', path);
    text(price, 'endsAt', path);
    if (price.priceKrwPerKwh !== null) finite(price, 'priceKrwPerKwh', path);
    if (price.reason !== undefined) text(price, 'reason', path);
  });
  return o as unknown as FetchPricesResult;
};

export const readForecastResult = (
  body: unknown,
  submissionId: string,
): SubmitRenewableForecastResult => {
  const o = object(body, '$');
  const kind = status(o, ['accepted', 'rejected'], '$');
  sameSubmission(o, submissionId, '$');
  if (kind === 'accepted') {
    text(o, 'receiptId', '$');
    text(o, 'acceptedAt', '$');
  } else {
    for (const key of ['code', 'reason', 'rejectedAt']) text(o, key, '$');
  }
  return o as unknown as SubmitRenewableForecastResult;
};

export const readDispatchInstructions = (body: unknown): readonly DispatchInstruction[] =>
  array(object(body, '$').instructions, '$.instructions').map((item, at) => {
    const path = `$.instructions[${at}]`;
    const o = object(item, path);
    const kind =
      o.kind === 'schedule' || o.kind === 'curtailment'
        ? o.kind
        : fail(`${path}.kind`, 'schedule | curtailment', o.kind);
    for (const key of [
      'instructionId',
      'portfolioId',
      'market',
      'exchangeBidId',
      'tradingDay',
      'startsAt',
      'endsAt',
      'issuedAt',
    ])
      text(o, key, path);
    index(o, 'intervalMinutes', path);
    index(o, 'interval', path);
    if (kind === 'schedule') {
      finite(o, 'sellKw', path);
      finite(o, 'buyKw', path);
    } else {
      finite(o, 'maxSellKw', path);
      finite(o, 'realTimePriceKrwPerKwh', path);
      text(o, 'reason', path);
    }
    return o as unknown as DispatchInstruction;
  });
