import type { Decider } from '../shared/decider.js';
import type { PortfolioCommand } from './portfolio.commands.js';
import { decidePortfolio } from './portfolio.decide.js';
import type { PortfolioEvent } from './portfolio.events.js';
import { evolvePortfolio } from './portfolio.evolve.js';
import { initialPortfolioState, type PortfolioState } from './portfolio.state.js';

export { toPortfolioStreamId } from './portfolio-ids.js';

export const portfolioDecider: Decider<PortfolioCommand, PortfolioEvent, PortfolioState> = {
  initialState: initialPortfolioState,
  decide: decidePortfolio,
  evolve: evolvePortfolio,
};
