import { Injectable } from '@nestjs/common';
import { derDecider, type DerEvent, type DerState } from '../../../domain/ders/index.js';
import {
  buildPortfolioTree,
  portfolioDecider,
  type PortfolioEvent,
  type PortfolioState,
  type PortfolioTree,
} from '../../../domain/portfolios/index.js';
import type { TradingDay } from '../../../domain/shared/time/trading-day.js';
import type { AllFilter } from '../../infrastructure/event-store/event-store.port.js';
import type { UpcastedEvent } from '../../infrastructure/event-store/upcasting/upcaster-registry.js';
import type { Projection } from '../../infrastructure/projections/projection.js';

export const PORTFOLIO_TREE = 'portfolio-tree';
export const PORTFOLIO_TREE_FILTER: AllFilter = { streamPrefixes: ['der-', 'portfolio-'] };
const DER_STREAM_PREFIX = 'der-';

interface Folded<S> {
  /** Revision of the last event folded in: a redelivered event at or below it is skipped. */
  readonly revision: bigint;
  readonly state: S;
}

/**
 * Every DER and portfolio state, folded by the deciders' own `evolve` and kept in memory; the tree
 * as of any day is then `buildPortfolioTree` over them. Member lists are never stored, so the
 * tree cannot disagree with the memberships and parent links recorded on the streams.
 * In memory (with in-memory checkpoints), it is replayed from the log at every start. The
 * capability read model computes from the same states rather than folding them a second time.
 */
@Injectable()
export class PortfolioTreeProjection implements Projection {
  readonly name = PORTFOLIO_TREE;
  readonly filter = PORTFOLIO_TREE_FILTER;
  /** Keyed by DER id (the stream id without `der-`), which the tree's nodes list. */
  private readonly ders = new Map<string, Folded<DerState>>();
  private readonly portfolios = new Map<string, Folded<PortfolioState>>();

  apply(event: UpcastedEvent): void {
    const { streamId, revision, type, data } = event;
    if (streamId.startsWith(DER_STREAM_PREFIX)) {
      const derId = streamId.slice(DER_STREAM_PREFIX.length);
      const current = this.ders.get(derId);
      if (current !== undefined && revision <= current.revision) return;
      const state = derDecider.evolve(current?.state ?? derDecider.initialState(), {
        type,
        data,
      } as DerEvent);
      this.ders.set(derId, { revision, state });
    } else {
      const current = this.portfolios.get(streamId);
      if (current !== undefined && revision <= current.revision) return;
      const state = portfolioDecider.evolve(current?.state ?? portfolioDecider.initialState(), {
        type,
        data,
      } as PortfolioEvent);
      this.portfolios.set(streamId, { revision, state });
    }
  }

  reset(): void {
    this.ders.clear();
    this.portfolios.clear();
  }

  /**
   * The DER folded so far, for the capability read model, which shares these states. Looked up
   * 100,000 times per query of a whole wholesale VPP: by DER id, not a stream id built per call.
   */
  derState(derId: string): DerState | undefined {
    return this.ders.get(derId)?.state;
  }

  treeOn(day: TradingDay): PortfolioTree {
    return buildPortfolioTree(
      day,
      [...this.portfolios.values()].map((folded) => folded.state),
      [...this.ders.values()].map((folded) => folded.state),
    );
  }
}
