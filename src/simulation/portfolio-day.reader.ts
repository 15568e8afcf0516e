import type { PortfolioDayInputs } from '../../domain/bidding/portfolio-case.builder.js';
import { isRegistered, parametersAt, type DerParameters } from '../../domain/ders/index.js';
import type { EvSession } from '../../domain/ders/index.js';
import type { CaseCommunity } from '../../domain/optimisation/portfolio/portfolio-case.js';
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
  /** A charger's EV sessions (cancelled ones left out); empty for other kinds. */
  readonly evSessions: readonly EvSession[];
}

export interface SimulatedMicro {
  readonly microVppId: string;
  readonly settings: MicroSettings;
  /** The community VPP the micro-VPP belongs to on the day, when it has an export limit. */
  readonly communityId?: string;
  readonly ders: readonly SimulatedDer[];
}

/** The micro-VPPs of a portfolio on a day and the export limits of their communities. */
export interface SimulatedPortfolio {
  readonly micros: readonly SimulatedMicro[];
  readonly communities: readonly CaseCommunity[];
}

/**
 * The micro-VPPs of a portfolio on a trading day with their grid limits, DERs (EV sessions
 * included) and community export limits, read off the portfolio tree read model (the same states
 * the forecast and capability read), sorted by id.
 */
export const readPortfolioDay = async (
  deps: {
    readonly store: EventStore;
    readonly runner: ProjectionRunner;
    readonly projection: PortfolioTreeProjection;
  },
  portfolioId: string,
  day: TradingDay,
): Promise<SimulatedPortfolio> => {
  await waitUntilCaughtUp(deps.store, deps.runner, PORTFOLIO_TREE, PORTFOLIO_TREE_FILTER);
  const node = mustFindNode(deps.projection.treeOn(day).roots, portfolioId, day);
  const dayStart = isoUtc(day.startUtc);
  const micros: SimulatedMicro[] = [];
  const communities: CaseCommunity[] = [];
  const visit = (n: PortfolioTreeNode, communityId: string | undefined): void => {
    if (n.settings.tier === 'community' && n.settings.exportLimitKw !== undefined)
      communities.push({ id: n.portfolioId, exportLimitKw: n.settings.exportLimitKw });
    if (n.settings.tier === 'micro') {
      const ders: SimulatedDer[] = [];
      for (const derId of n.derIds) {
        const state = deps.projection.derState(derId);
        const parameters = state === undefined ? undefined : parametersAt(state, dayStart);
        if (state === undefined || parameters === undefined) continue;
        const evSessions = isRegistered(state)
          ? state.evSessions.filter((s) => s.status !== 'cancelled')
          : [];
        ders.push({ derId, parameters, evSessions });
      }
      micros.push({
        microVppId: n.portfolioId,
        settings: n.settings,
        ...(communityId === undefined ? {} : { communityId }),
        ders,
      });
    }
    const inCommunity =
      n.settings.tier === 'community' && n.settings.exportLimitKw !== undefined
        ? n.portfolioId
        : communityId;
    n.children.forEach((child) => visit(child, inCommunity));
  };
  visit(node, undefined);
  return {
    micros: micros.sort((a, b) => (a.microVppId < b.microVppId ? -1 : 1)),
    communities: communities.sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
};

/**
 * The optimiser's day inputs for the market position: completed with what `portfolioDayInputs`
 * does not carry (each charger's EV sessions, each site's community with the communities' export
 * limits), and without the sites' load forecasts: their consumption is retail, billed by the
 * retailer at the tariff, not bought in the market (the exchange registers the VPP's buy capacity
 * as its resources' charging power); the digital twin delivers with it.
 */
export const withSessionsAndCommunities = (
  inputs: PortfolioDayInputs,
  portfolio: SimulatedPortfolio,
): PortfolioDayInputs => {
  const byId = new Map(portfolio.micros.map((m) => [m.microVppId, m]));
  return {
    ...inputs,
    communities: portfolio.communities,
    micros: inputs.micros.map((micro) => {
      const source = byId.get(micro.microVppId);
      const sessions = new Map(source?.ders.map((d) => [d.derId, d.evSessions]) ?? []);
      const { loadForecastKwh: _retail, ...rest } = micro;
      return {
        ...rest,
        ...(source?.communityId === undefined ? {} : { communityId: source.communityId }),
        ders: micro.ders.map((der) => {
          const evSessions = sessions.get(der.derId) ?? [];
          return evSessions.length === 0 ? der : { ...der, evSessions };
        }),
      };
    }),
  };
};
