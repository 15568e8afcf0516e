import { parametersAt, type DerParameters } from '../../domain/ders/index.js';
import type { MicroSettings } from '../../domain/portfolios/portfolio-settings.js';
import type { PortfolioTreeNode } from '../../domain/portfolios/index.js';
import type { TradingDay } from '../../domain/shared/time/trading-day.js';
import type { EventStore } from '../infrastructure/event-store/event-store.port.js';
import type { ProjectionRunner } from '../infrastructure/projections/projection-runner.js';
import { waitUntilCaughtUp } from '../infrastructure/projections/wait-until-caught-up.js';
import { isoUtc } from '../market/day-ahead-calendar.js';
import { mustFindNode } from '../portfolios/portfolio-tree/portfolio-tree.lookup.js';
import {
  PORTFOLIO_TREE,
  PORTFOLIO_TREE_FILTER,
  type PortfolioTreeProjection,
} from '../portfolios/portfolio-tree/portfolio-tree.projection.js';

export interface SimulatedDer {
  readonly derId: string;
  /** As in force at 00:00 KST of the trading day. */
  readonly parameters: DerParameters;
}

export interface SimulatedMicro {
  readonly microVppId: string;
  readonly settings: MicroSettings;
  readonly ders: readonly SimulatedDer[];
}

/**
 * The micro-VPPs of a portfolio on a trading day with their grid limits and DERs, read off the
 * portfolio tree read model (the same states the forecast and capability read), sorted by id.
 */
export const readPortfolioDay = async (
  deps: {
    readonly store: EventStore;
    readonly runner: ProjectionRunner;
    readonly projection: PortfolioTreeProjection;
  },
  portfolioId: string,
  day: TradingDay,
): Promise<readonly SimulatedMicro[]> => {
  await waitUntilCaughtUp(deps.store, deps.runner, PORTFOLIO_TREE, PORTFOLIO_TREE_FILTER);
  const node = mustFindNode(deps.projection.treeOn(day).roots, portfolioId, day);
  const dayStart = isoUtc(day.startUtc);
  const micros: SimulatedMicro[] = [];
  const visit = (n: PortfolioTreeNode): void => {
    if (n.settings.tier === 'micro') {
      const ders: SimulatedDer[] = [];
      for (const derId of n.derIds) {
        const state = deps.projection.derState(derId);
        const parameters = state === undefined ? undefined : parametersAt(state, dayStart);
        if (parameters !== undefined) ders.push({ derId, parameters });
      }
      micros.push({ microVppId: n.portfolioId, settings: n.settings, ders });
    }
    n.children.forEach(visit);
  };
  visit(node);
  return micros.sort((a, b) => (a.microVppId < b.microVppId ? -1 : 1));
};
