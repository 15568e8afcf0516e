import { portfolioDecider, toPortfolioStreamId } from '../../../domain/portfolios/index.js';
import { forDeciderUsing } from '../../infrastructure/command-handling/decider-command-handler-using.factory.js';
import { isoUtc } from '../../market/day-ahead-calendar.js';
import { PortfolioFacts } from '../portfolio-facts.js';
import {
  AttachPortfolioToParentCommand,
  DetachPortfolioFromParentCommand,
} from './portfolio-parent.commands.js';

// The parent's tier and status are read from its stream first; the link itself lives on the
// child's stream, whose expected revision keeps the child in one parent per day.
export const AttachPortfolioToParentHandler = forDeciderUsing(
  portfolioDecider,
  PortfolioFacts,
).handle(AttachPortfolioToParentCommand, async ({ portfolioId, parentId, fromDay }, now, facts) => {
  const streamId = toPortfolioStreamId(portfolioId);
  const parent = await facts.existing(parentId, 'parentId');
  const firstOpenDay = facts.firstOpenDay(now);
  return {
    streamId,
    command: {
      type: 'AttachPortfolioToParent',
      data: {
        portfolioId,
        parentId,
        parentTier: parent.tier,
        parentStatus: parent.status,
        fromDay: fromDay ?? firstOpenDay,
        firstOpenDay,
        now: isoUtc(now),
      },
    },
  };
});

export const DetachPortfolioFromParentHandler = forDeciderUsing(
  portfolioDecider,
  PortfolioFacts,
).handle(DetachPortfolioFromParentCommand, ({ portfolioId, fromDay }, now, facts) => {
  const firstOpenDay = facts.firstOpenDay(now);
  return {
    streamId: toPortfolioStreamId(portfolioId),
    command: {
      type: 'DetachPortfolioFromParent',
      data: { portfolioId, fromDay: fromDay ?? firstOpenDay, firstOpenDay, now: isoUtc(now) },
    },
  };
});
