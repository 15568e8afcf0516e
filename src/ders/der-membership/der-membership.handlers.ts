import { derDecider, toDerStreamId } from '../../../domain/ders/index.js';
import { forDeciderUsing } from '../../infrastructure/command-handling/decider-command-handler-using.factory.js';
import { isoUtc } from '../../market/day-ahead-calendar.js';
import { PortfolioFacts } from '../../portfolios/portfolio-facts.js';
import {
  AssignDerToPortfolioCommand,
  RemoveDerFromPortfolioCommand,
} from './der-membership.commands.js';

// The target's tier and status come from its own stream, read first; the rule that a DER is in
// one micro-VPP per day is then enforced by the DER stream's expected revision alone.
export const AssignDerToPortfolioHandler = forDeciderUsing(derDecider, PortfolioFacts).handle(
  AssignDerToPortfolioCommand,
  async ({ derId, microPortfolioId, fromDay }, now, facts) => {
    const streamId = toDerStreamId(derId);
    const target = await facts.existing(microPortfolioId, 'microPortfolioId');
    const firstOpenDay = facts.firstOpenDay(now);
    return {
      streamId,
      command: {
        type: 'AssignDerToPortfolio',
        data: {
          derId,
          microPortfolioId,
          portfolioTier: target.tier,
          portfolioStatus: target.status,
          fromDay: fromDay ?? firstOpenDay,
          firstOpenDay,
          now: isoUtc(now),
        },
      },
    };
  },
);

export const RemoveDerFromPortfolioHandler = forDeciderUsing(derDecider, PortfolioFacts).handle(
  RemoveDerFromPortfolioCommand,
  ({ derId, fromDay }, now, facts) => {
    const firstOpenDay = facts.firstOpenDay(now);
    return {
      streamId: toDerStreamId(derId),
      command: {
        type: 'RemoveDerFromPortfolio',
        data: { derId, fromDay: fromDay ?? firstOpenDay, firstOpenDay, now: isoUtc(now) },
      },
    };
  },
);
