import { readFileSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { IntervalBid } from '../../domain/market/bid-curve.js';
import type { MarketId } from '../../domain/market/market-rules.js';
import { ID_GENERATOR, type IdGenerator } from '../../domain/shared/id-generator.port.js';
import { isMarketAdapterError } from '../../market-adapters/market-adapter.port.js';
import { cliMeta, withApplication } from '../cli/application-context.js';
import { CliUsageError, parseCliArgs, toJson } from '../cli/cli-args.js';
import { EXIT, type CliCommand, type CliIo } from '../cli/cli-command.js';
import { readJsonObjectFile } from '../cli/read-json-file.js';
import type { AppConfig } from '../config/app-config.js';
import { toCommandResponse } from '../infrastructure/http/command-response.js';
import { BidSubmissionService } from './bid-submission.service.js';
import { bidLines } from './bid.text.js';
import { AmendBidCommand, DraftBidCommand, type BidKeyRequest } from './bid.commands.js';
import { GetBidQuery } from './get-bid/get-bid.query.js';
import { marketAdapterErrorBody } from './market-adapter/market-adapter-error.js';

const KEY_OPTIONS = {
  portfolio: { type: 'string' },
  market: { type: 'string' },
  day: { type: 'string' },
} as const;

const KEY_USAGE = `--portfolio  the portfolio the bid is for (the wholesale VPP)
--market     mainland or jeju
--day        the trading day, YYYY-MM-DD (KST)`;

const required = (value: string | undefined, flag: string): string => {
  if (value === undefined || value === '') throw new CliUsageError(`${flag} is required`);
  return value;
};

const keyOf = (
  values: { portfolio?: string; market?: string; day?: string },
  positionals: readonly string[],
): BidKeyRequest => {
  if (positionals.length > 0) throw new CliUsageError('no positional arguments expected');
  return {
    portfolioId: required(values.portfolio, '--portfolio'),
    // The decider names an unknown market (BID.UNKNOWN_MARKET).
    market: required(values.market, '--market') as MarketId,
    tradingDay: required(values.day, '--day'),
  };
};

/**
 * `withApplication`, plus the exchange's silence: a MarketAdapterError is printed as the API's
 * error body (`MARKET.UNAVAILABLE`, ...) with exit code 1, since retrying may succeed.
 */
const withExchange = (
  config: AppConfig,
  io: CliIo,
  work: (app: INestApplicationContext) => Promise<number>,
): Promise<number> =>
  withApplication(config, io, async (app) => {
    try {
      return await work(app);
    } catch (error) {
      if (!isMarketAdapterError(error)) throw error;
      io.err(JSON.stringify(marketAdapterErrorBody(error).body));
      return EXIT.failed;
    }
  });

/** A curves file: `[IntervalBid, ...]` or `{ "intervals": [...] }`. */
const readCurves = (path: string | undefined): unknown => {
  if (path === undefined) throw new CliUsageError('--file <path> is required');
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliUsageError(`cannot read ${path} as JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object' && 'intervals' in value)
    return (value as { intervals: unknown }).intervals;
  throw new CliUsageError(
    `${path} must hold an array of interval curves or { "intervals": [...] }`,
  );
};

const bidShowCommand: CliCommand = {
  path: ['bid', 'show'],
  summary: "print a portfolio's day-ahead bid: status, submissions, curves, awards, history",
  usage: `usage: gridfolio bid show --portfolio <id> --market <market> --day YYYY-MM-DD [--json]

${KEY_USAGE}
--json       the bid with its stream's history as JSON`,
  async run(args, io, config) {
    const { values, positionals } = parseCliArgs(args, {
      ...KEY_OPTIONS,
      json: { type: 'boolean' },
    });
    const key = keyOf(values, positionals);
    return withApplication(config, io, async (app) => {
      const bid = await app
        .get(QueryBus)
        .execute(new GetBidQuery(key.portfolioId, key.market, key.tradingDay));
      io.out(values.json === true ? toJson(bid) : bidLines(bid).join('\n'));
      return EXIT.ok;
    });
  },
};

const bidDraftCommand: CliCommand = {
  path: ['bid', 'draft'],
  summary: 'record a draft bid from a JSON file (the DraftBid payload)',
  usage: `usage: gridfolio bid draft --portfolio <id> --market <market> --day YYYY-MM-DD --file draft.json

${KEY_USAGE}
--file       { bidId?, intervalMinutes, intervals, provenance, scenarioSchedules, shortfall,
             measurements }; bidId is generated when absent (give it to retry safely)`,
  async run(args, io, config) {
    const { values, positionals } = parseCliArgs(args, {
      ...KEY_OPTIONS,
      file: { type: 'string' },
    });
    const key = keyOf(values, positionals);
    const body = readJsonObjectFile(values.file);
    return withApplication(config, io, async (app) => {
      const bidId =
        typeof body['bidId'] === 'string'
          ? body['bidId']
          : app.get<IdGenerator>(ID_GENERATOR).next();
      const outcome = await app.get(CommandBus).execute(
        new DraftBidCommand(
          key,
          {
            bidId,
            intervalMinutes: body['intervalMinutes'],
            intervals: body['intervals'],
            provenance: body['provenance'],
            scenarioSchedules: body['scenarioSchedules'],
            shortfall: body['shortfall'],
            measurements: body['measurements'],
          },
          cliMeta(io),
        ),
      );
      io.out(toJson({ ...key, bidId, ...toCommandResponse(outcome) }));
      return EXIT.ok;
    });
  },
};

const bidAmendCommand: CliCommand = {
  path: ['bid', 'amend'],
  summary: "replace a bid's curves from a JSON file, with a reason",
  usage: `usage: gridfolio bid amend --portfolio <id> --market <market> --day YYYY-MM-DD --file curves.json --reason "..."

${KEY_USAGE}
--file       the new curves: [{ interval, sell: [{ priceKrwPerKwh, quantityKw }], buy: [...] }]
             or { "intervals": [...] }
--reason     why the curves change (required, kept with the amendment)`,
  async run(args, io, config) {
    const { values, positionals } = parseCliArgs(args, {
      ...KEY_OPTIONS,
      file: { type: 'string' },
      reason: { type: 'string' },
    });
    const key = keyOf(values, positionals);
    const intervals = readCurves(values.file);
    const reason = required(values.reason, '--reason');
    return withApplication(config, io, async (app) => {
      const outcome = await app
        .get(CommandBus)
        // The file's curves go to the decider as they are; it checks them and names the field.
        .execute(new AmendBidCommand(key, intervals as IntervalBid[], reason, cliMeta(io)));
      io.out(toJson({ ...key, amended: outcome.events.length > 0, ...toCommandResponse(outcome) }));
      return EXIT.ok;
    });
  },
};

const bidSubmitCommand: CliCommand = {
  path: ['bid', 'submit'],
  summary: "submit a bid's current curves to the exchange and record its answer",
  usage: `usage: gridfolio bid submit --portfolio <id> --market <market> --day YYYY-MM-DD [--submission-id ID]

${KEY_USAGE}
--submission-id  the exchange's idempotency key; default: the submission still waiting for an
                 answer, else a new id. The same id again is a safe retry.

Prints the submission id and the exchange's answer (acknowledged with its bid id, or rejected
with its code and reason). Exit code 1 when the exchange gave no answer: retry with the same id.`,
  async run(args, io, config) {
    const { values, positionals } = parseCliArgs(args, {
      ...KEY_OPTIONS,
      'submission-id': { type: 'string' },
    });
    const key = keyOf(values, positionals);
    return withExchange(config, io, async (app) => {
      const submitted = await app
        .get(BidSubmissionService)
        .submit(key, values['submission-id'], cliMeta(io));
      io.out(
        toJson({
          ...key,
          streamId: submitted.streamId,
          submissionId: submitted.submissionId,
          ...submitted.answer,
          ...toCommandResponse(submitted.outcome),
        }),
      );
      return EXIT.ok;
    });
  },
};

const bidWithdrawCommand: CliCommand = {
  path: ['bid', 'withdraw'],
  summary: 'withdraw an acknowledged bid before the gate, with a reason',
  usage: `usage: gridfolio bid withdraw --portfolio <id> --market <market> --day YYYY-MM-DD --reason "..."

${KEY_USAGE}
--reason     why (required)`,
  async run(args, io, config) {
    const { values, positionals } = parseCliArgs(args, {
      ...KEY_OPTIONS,
      reason: { type: 'string' },
    });
    const key = keyOf(values, positionals);
    const reason = required(values.reason, '--reason');
    return withExchange(config, io, async (app) => {
      const withdrawn = await app.get(BidSubmissionService).withdraw(key, reason, cliMeta(io));
      const { outcome, ...rest } = withdrawn;
      io.out(toJson({ ...key, ...rest, ...toCommandResponse(outcome) }));
      return EXIT.ok;
    });
  },
};

const bidResultsCommand: CliCommand = {
  path: ['bid', 'results'],
  summary: "fetch the exchange's day-ahead result for a bid and record the awards once published",
  usage: `usage: gridfolio bid results --portfolio <id> --market <market> --day YYYY-MM-DD

${KEY_USAGE}

Prints { status: cleared | not_published_yet | not_available | no_result_for_this_bid, ... }.`,
  async run(args, io, config) {
    const { values, positionals } = parseCliArgs(args, KEY_OPTIONS);
    const key = keyOf(values, positionals);
    return withExchange(config, io, async (app) => {
      const results = await app.get(BidSubmissionService).fetchAndRecordResults(key, cliMeta(io));
      if (results.status !== 'cleared') {
        io.out(toJson({ ...key, ...results }));
        return EXIT.ok;
      }
      const { outcome, ...cleared } = results;
      io.out(toJson({ ...key, ...cleared, ...toCommandResponse(outcome) }));
      return EXIT.ok;
    });
  },
};

/** Every `gridfolio bid ...` command. */
export const bidCommands: readonly CliCommand[] = [
  bidShowCommand,
  bidDraftCommand,
  bidAmendCommand,
  bidSubmitCommand,
  bidWithdrawCommand,
  bidResultsCommand,
];
