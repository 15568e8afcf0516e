import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Inject,
  Param,
  Post,
  Res,
  UseFilters,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { bidStreamId } from '../../domain/bids/index.js';
import type { IntervalBid } from '../../domain/market/bid-curve.js';
import type { MarketId } from '../../domain/market/market-rules.js';
import { ID_GENERATOR, type IdGenerator } from '../../domain/shared/id-generator.port.js';
import type { CommandMeta } from '../infrastructure/command-handling/decider-command.js';
import { jsonBody, optionalJsonBody, RequestMeta } from '../infrastructure/http/command-request.js';
import { createdOrOk } from '../infrastructure/http/command-response.js';
import { BidSubmissionService } from './bid-submission.service.js';
import { AmendBidCommand, DraftBidCommand, type BidKeyRequest } from './bid.commands.js';
import { GetBidQuery } from './get-bid/get-bid.query.js';
import { MarketAdapterErrorFilter } from './market-adapter/market-adapter-error.js';

const BID = ':portfolioId/bids/:market/:tradingDay';

/**
 * A portfolio's day-ahead bid in one market for one trading day ('YYYY-MM-DD', KST). Commands
 * answer 201 when they appended something and 200 when a retry found it done. Errors: the bid
 * decider's codes as 400 (`BID.GATE_CLOSED`, `BID.RULES_VIOLATED`, ...), an unknown portfolio or
 * bid 404, a lost race 409, no answer from the exchange 502/503/504 (`MARKET.*`).
 */
@Controller('portfolios')
@UseFilters(MarketAdapterErrorFilter)
export class BidsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly submissions: BidSubmissionService,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /**
   * Body: the DraftBid payload `{ bidId?, intervalMinutes, intervals, provenance,
   * scenarioSchedules, shortfall, measurements }`; `bidId` is generated when absent (send it to
   * retry safely). Replaces the draft in force unless a submission is live.
   */
  @Post(`${BID}/drafts`)
  async draft(
    @Param() params: Record<string, string>,
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const key = keyOf(params);
    const body = jsonBody(raw);
    const bidId = (body['bidId'] as string | undefined) ?? this.ids.next();
    const outcome = await this.commands.execute(
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
        meta,
      ),
    );
    return createdOrOk(response, outcome, { ...idsOf(key), bidId });
  }

  /** Body `{ intervals, reason }`: a trader replaces the curves, saying why. */
  @Post(`${BID}/amendments`)
  async amend(
    @Param() params: Record<string, string>,
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const key = keyOf(params);
    const body = jsonBody(raw);
    const outcome = await this.commands.execute(
      new AmendBidCommand(
        key,
        body['intervals'] as readonly IntervalBid[],
        body['reason'] as string,
        meta,
      ),
    );
    return createdOrOk(response, outcome, idsOf(key));
  }

  /**
   * Body `{ submissionId? }` (optional): records the submission, sends it to the exchange and
   * records its answer. Without an id, one still waiting for its answer is resumed, else one is
   * generated; it is returned, and the same id again is a safe retry. A refusal by the exchange
   * is an answer (`status: 'rejected'` with its code and reason), not an error.
   */
  @Post(`${BID}/submissions`)
  async submit(
    @Param() params: Record<string, string>,
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const key = keyOf(params);
    const submissionId = optionalJsonBody(raw)['submissionId'] as string | undefined;
    const submitted = await this.submissions.submit(key, submissionId, meta);
    return createdOrOk(response, submitted.outcome, {
      ...idsOf(key),
      submissionId: submitted.submissionId,
      ...submitted.answer,
    });
  }

  /** Body `{ reason }`: withdraws the acknowledged bid before the gate, then tells the exchange. */
  @Post(`${BID}/withdrawal`)
  async withdraw(
    @Param() params: Record<string, string>,
    @Body() raw: unknown,
    @RequestMeta() meta: CommandMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const key = keyOf(params);
    const reason = jsonBody(raw)['reason'] as string;
    const withdrawn = await this.submissions.withdraw(key, reason, meta);
    return createdOrOk(response, withdrawn.outcome, {
      ...idsOf(key),
      submissionId: withdrawn.submissionId,
      exchange: withdrawn.exchange,
    });
  }

  /**
   * Asks the exchange for the day-ahead result and records the awards once published
   * (`status: 'cleared'`, 201 the first time); `not_published_yet` (with `expectedAt`),
   * `not_available` and `no_result_for_this_bid` record nothing (200).
   */
  @Post(`${BID}/results/fetch`)
  async fetchResults(
    @Param() params: Record<string, string>,
    @RequestMeta() meta: CommandMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const key = keyOf(params);
    const results = await this.submissions.fetchAndRecordResults(key, meta);
    if (results.status !== 'cleared') {
      response.status(HttpStatus.OK);
      return { ...idsOf(key), ...results };
    }
    const { outcome, ...cleared } = results;
    return createdOrOk(response, outcome, { ...idsOf(key), ...cleared });
  }

  /** The bid as it stands (status, curves, submissions, awards) and its stream's history. */
  @Get(BID)
  show(@Param() params: Record<string, string>) {
    const key = keyOf(params);
    return this.queries.execute(new GetBidQuery(key.portfolioId, key.market, key.tradingDay));
  }
}

const keyOf = (params: Record<string, string>): BidKeyRequest => ({
  portfolioId: params['portfolioId'] ?? '',
  // The decider checks the market and the day, and names the field when they are wrong.
  market: (params['market'] ?? '') as MarketId,
  tradingDay: params['tradingDay'] ?? '',
});

const idsOf = (key: BidKeyRequest) => ({
  ...key,
  streamId: bidStreamId(key.portfolioId, key.market, key.tradingDay),
});
