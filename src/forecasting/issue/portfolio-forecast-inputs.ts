import { Inject, Injectable } from '@nestjs/common';
import { parametersAt, type PvParameters } from '../../../domain/ders/index.js';
import { forecastPortfolioIdOf } from '../../../domain/forecasting/forecast-ids.js';
import type { PortfolioTier, PortfolioTreeNode } from '../../../domain/portfolios/index.js';
import type { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port.js';
import { ProjectionRunner } from '../../infrastructure/projections/projection-runner.js';
import { waitUntilCaughtUp } from '../../infrastructure/projections/wait-until-caught-up.js';
import { isoUtc } from '../../market/day-ahead-calendar.js';
import { mustFindNode } from '../../portfolios/portfolio-tree/portfolio-tree.lookup.js';
import {
  PORTFOLIO_TREE,
  PORTFOLIO_TREE_FILTER,
  PortfolioTreeProjection,
} from '../../portfolios/portfolio-tree/portfolio-tree.projection.js';

export interface PvDer {
  readonly derId: string;
  /** As in force at 00:00 KST of the trading day. */
  readonly parameters: PvParameters;
}

/** One micro-VPP as the forecast needs it: its site (for the meter) and its PV DERs. */
export interface MicroVppInputs {
  readonly microVppId: string;
  readonly siteId: string;
  readonly pvDers: readonly PvDer[];
  /** Every DER of the micro-VPP on the day, for finding a DER's micro-VPP. */
  readonly derIds: readonly string[];
}

export interface PortfolioForecastInputs {
  readonly portfolioId: string;
  readonly tier: PortfolioTier;
  /** Every micro-VPP in the portfolio's subtree on the day (itself, for a micro-VPP), by id. */
  readonly micros: readonly MicroVppInputs[];
}

/**
 * Reads what a forecast is made from off the portfolio tree read model, the same DER and
 * portfolio states the capability read model uses: no stream is folded a second time, so a
 * 100,000-DER portfolio costs one tree walk.
 */
@Injectable()
export class PortfolioForecastInputsReader {
  constructor(
    private readonly projection: PortfolioTreeProjection,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async read(portfolioId: string, day: TradingDay): Promise<PortfolioForecastInputs> {
    forecastPortfolioIdOf(portfolioId); // a malformed id is a 400, not a 404
    // Every DER and portfolio change that returned before this call is in the answer.
    await waitUntilCaughtUp(this.store, this.runner, PORTFOLIO_TREE, PORTFOLIO_TREE_FILTER);
    const node = mustFindNode(this.projection.treeOn(day).roots, portfolioId, day);
    const dayStart = isoUtc(day.startUtc);
    const micros: MicroVppInputs[] = [];
    const visit = (n: PortfolioTreeNode): void => {
      if (n.settings.tier === 'micro') {
        const pvDers: PvDer[] = [];
        for (const derId of n.derIds) {
          const state = this.projection.derState(derId);
          const parameters = state === undefined ? undefined : parametersAt(state, dayStart);
          if (parameters?.kind === 'pv') pvDers.push({ derId, parameters });
        }
        micros.push({
          microVppId: n.portfolioId,
          siteId: n.settings.siteId,
          pvDers,
          derIds: n.derIds,
        });
      }
      n.children.forEach(visit);
    };
    visit(node);
    return { portfolioId, tier: node.tier, micros };
  }
}
