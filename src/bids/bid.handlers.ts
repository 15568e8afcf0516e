import { bidDecider, bidStreamId, type BidAward, type DraftBid } from '../../domain/bids/index.js';
import { forDecider } from '../infrastructure/command-handling/decider-command-handler.factory.js';
import { forDeciderUsing } from '../infrastructure/command-handling/decider-command-handler-using.factory.js';
import { isoUtc } from '../market/day-ahead-calendar.js';
import { BidFacts } from './bid-facts.js';
import {
  AcknowledgeBidCommand,
  AmendBidCommand,
  ClearBidCommand,
  DraftBidCommand,
  RejectBidCommand,
  SubmitBidCommand,
  WithdrawBidCommand,
  type BidKeyRequest,
} from './bid.commands.js';

/*
 * One handler per bid command, each on stream `bid-{portfolioId}-{market}-{tradingDay}` with the
 * revision it read (handleCommand). Trader commands carry the clock reading and the configured
 * market rules, so the decider holds them to the configured gate; the exchange's answers carry
 * the exchange's own instants. Payload fields are passed on as they arrived: the decider checks
 * them, hence the casts from `unknown` to the domain command's declared types.
 */

const streamOf = ({ portfolioId, market, tradingDay }: BidKeyRequest): string =>
  bidStreamId(portfolioId, market, tradingDay);

export const DraftBidHandler = forDeciderUsing(bidDecider, BidFacts).handle(
  DraftBidCommand,
  async ({ key, draft }, now, facts) => {
    const streamId = streamOf(key);
    await facts.mustExist(key.portfolioId);
    const data = {
      ...key,
      ...draft,
      ruleOverrides: facts.ruleOverrides,
      at: isoUtc(now),
    } as DraftBid['data'];
    return { streamId, command: { type: 'DraftBid', data } };
  },
);

export const AmendBidHandler = forDeciderUsing(bidDecider, BidFacts).handle(
  AmendBidCommand,
  ({ key, intervals, reason, meta }, now, facts) => ({
    streamId: streamOf(key),
    command: {
      type: 'AmendBid',
      data: {
        ...key,
        intervals,
        reason,
        amendedBy: meta.actor,
        ruleOverrides: facts.ruleOverrides,
        at: isoUtc(now),
      },
    },
  }),
);

export const SubmitBidHandler = forDeciderUsing(bidDecider, BidFacts).handle(
  SubmitBidCommand,
  async ({ key, submissionId, meta }, now, facts) => {
    const streamId = streamOf(key);
    const capacity = await facts.capacity(key.portfolioId, key.market, key.tradingDay);
    return {
      streamId,
      command: {
        type: 'SubmitBid',
        data: {
          ...key,
          submissionId,
          submittedBy: meta.actor,
          ...capacity,
          ruleOverrides: facts.ruleOverrides,
          at: isoUtc(now),
        },
      },
    };
  },
);

export const AcknowledgeBidHandler = forDecider(bidDecider).handle(
  AcknowledgeBidCommand,
  ({ key, submissionId, exchangeBidId, at }) => ({
    streamId: streamOf(key),
    command: { type: 'AcknowledgeBid', data: { ...key, submissionId, exchangeBidId, at } },
  }),
);

export const RejectBidHandler = forDecider(bidDecider).handle(
  RejectBidCommand,
  ({ key, submissionId, code, reason, at }) => ({
    streamId: streamOf(key),
    command: { type: 'RejectBid', data: { ...key, submissionId, code, reason, at } },
  }),
);

export const WithdrawBidHandler = forDeciderUsing(bidDecider, BidFacts).handle(
  WithdrawBidCommand,
  ({ key, reason, meta }, now, facts) => ({
    streamId: streamOf(key),
    command: {
      type: 'WithdrawBid',
      data: {
        ...key,
        reason,
        withdrawnBy: meta.actor,
        ruleOverrides: facts.ruleOverrides,
        at: isoUtc(now),
      },
    },
  }),
);

export const ClearBidHandler = forDecider(bidDecider).handle(
  ClearBidCommand,
  ({ key, awards, at }) => ({
    streamId: streamOf(key),
    command: { type: 'ClearBid', data: { ...key, awards: awards as readonly BidAward[], at } },
  }),
);
