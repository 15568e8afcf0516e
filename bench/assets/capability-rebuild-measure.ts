import type { INestApplicationContext } from '@nestjs/common';
import { IntervalGrid } from '../../domain/shared/time/interval-grid.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import {
  EVENT_STORE,
  type EventStore,
} from '../../src/infrastructure/event-store/event-store.port.js';
import { ProjectionRunner } from '../../src/infrastructure/projections/projection-runner.js';
import { capabilityFrom } from '../../src/portfolios/portfolio-capability/portfolio-capability.read-model.js';
import {
  PORTFOLIO_TREE,
  PortfolioTreeProjection,
} from '../../src/portfolios/portfolio-tree/portfolio-tree.projection.js';
import { collectGarbage } from '../support/measure.js';
import { timed } from './bench-timing.js';
import { settleProjections } from './bench-app.js';
import { WHOLESALE_ID } from './bench-fleet.js';

export interface RebuildMeasure {
  /** Replay of the whole log into the DER and portfolio states, then the wholesale capability. */
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly replaySeconds: number;
  readonly computeSeconds: number;
  /** A second capability query on the rebuilt states (15-minute grid), for scale. */
  readonly queryAgainSeconds: number;
  readonly logEvents: number;
  readonly assetEvents: number;
  readonly memberDers: number;
  readonly firstIntervalUpKw: number;
  readonly firstIntervalDownKw: number;
  readonly eveningIntervalDownKw: number;
}

/**
 * Rebuilds the capability read model from position 0, as `gridfolio projections rebuild` or a
 * restart does: the tree projection's DER and portfolio states (which the capability shares) are
 * dropped and replayed from the log, then the wholesale VPP's capability on the day is computed.
 */
export const measureCapabilityRebuild = async (
  app: INestApplicationContext,
  day: string,
): Promise<RebuildMeasure> => {
  const store = app.get<EventStore>(EVENT_STORE);
  const runner = app.get(ProjectionRunner);
  const projection = app.get(PortfolioTreeProjection);
  const tradingDay = TradingDay.parse(day);
  const grid = IntervalGrid.of(15);
  await settleProjections(app); // no other read model's catching up is timed with this rebuild
  collectGarbage();

  const replay = await timed(() => runner.rebuild(PORTFOLIO_TREE));
  let capability = undefined as ReturnType<typeof capabilityFrom> | undefined;
  const compute = await timed(async () => {
    capability = capabilityFrom(projection, WHOLESALE_ID, tradingDay, grid);
  });
  const queryAgain = await timed(async () => {
    capabilityFrom(projection, WHOLESALE_ID, tradingDay, grid);
  });
  if (capability === undefined) throw new Error('no capability computed');

  let logEvents = 0;
  let assetEvents = 0;
  for await (const event of store.readAll()) {
    logEvents++;
    if (event.streamId.startsWith('der-') || event.streamId.startsWith('portfolio-')) assetEvents++;
  }
  const first = capability.intervals[0]?.total;
  return {
    seconds: replay.seconds + compute.seconds,
    cpuSeconds: replay.cpuSeconds + compute.cpuSeconds,
    replaySeconds: replay.seconds,
    computeSeconds: compute.seconds,
    queryAgainSeconds: queryAgain.seconds,
    logEvents,
    assetEvents,
    memberDers: capability.memberDerCount,
    firstIntervalUpKw: first?.upKw ?? 0,
    firstIntervalDownKw: first?.downKw ?? 0,
    eveningIntervalDownKw: capability.intervals[4 * 20]?.total.downKw ?? 0,
  };
};
