import { setFrom } from '../shared/effective-timeline.js';
import { tradingDayContaining } from '../shared/open-day.js';
import type { PortfolioEvent } from './portfolio.events.js';
import { portfolioExists, type ExistingPortfolio, type PortfolioState } from './portfolio.state.js';

export const evolvePortfolio = (state: PortfolioState, event: PortfolioEvent): PortfolioState => {
  if (event.type === 'PortfolioCreated') {
    if (portfolioExists(state)) return state;
    const { portfolioId, name, settings, createdAt } = event.data;
    const createdDay = tradingDayContaining(createdAt).toString();
    return {
      status: 'open',
      portfolioId,
      name,
      tier: settings.tier,
      createdAt,
      createdDay,
      createdWith: settings,
      settings: [{ from: createdDay, value: settings }],
      parent: [],
    };
  }
  return portfolioExists(state) ? evolveExisting(state, event) : state;
};

const evolveExisting = (p: ExistingPortfolio, event: PortfolioEvent): ExistingPortfolio => {
  switch (event.type) {
    case 'PortfolioSettingsChanged':
      return { ...p, settings: setFrom(p.settings, event.data.fromDay, event.data.settings) };
    case 'PortfolioAttachedToParent': {
      const { parentId, parentTier, fromDay } = event.data;
      return { ...p, parent: setFrom(p.parent, fromDay, { parentId, parentTier }) };
    }
    case 'PortfolioDetachedFromParent':
      return { ...p, parent: setFrom(p.parent, event.data.fromDay, null) };
    case 'PortfolioClosed':
      return { ...p, status: 'closed', closedFromDay: event.data.fromDay };
    default:
      return p; // tolerate event types added by newer versions
  }
};
