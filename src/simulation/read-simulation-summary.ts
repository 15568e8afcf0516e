import { DEFAULT_DEVIATION_PENALTY_SMP_FACTOR } from '../../domain/bidding/strategies/deviation-penalty.js';
import { bidDecider, bidExists, bidStreamId } from '../../domain/bids/index.js';
import type { TradingDay } from '../../domain/shared/time/trading-day.js';
import type { AggregateReader } from '../infrastructure/command-handling/aggregate-reader.js';
import { simulationDayDecider, simulationDayStreamId } from './simulation-day.events.js';
import {
  pvErrorOf,
  summariseDay,
  summariseRun,
  type SimulationSummary,
} from './simulation-summary.js';

/**
 * The run's summary from the store alone: each day's bid stream (offer, solve, awards) and its
 * simulation-day stream (delivery). Nothing is kept from the run in memory, so replaying the
 * events rebuilds the same summary.
 */
export const readSimulationSummary = async (
  reader: AggregateReader,
  portfolioId: string,
  market: string,
  days: readonly TradingDay[],
  /** The deviation penalty's factor on the SMP: a valuation setting, not in the store. */
  penaltySmpFactor: number = DEFAULT_DEVIATION_PENALTY_SMP_FACTOR,
): Promise<SimulationSummary> => {
  const summaries = [];
  const pvErrors = [];
  for (const day of days) {
    const text = day.toString();
    const bid = await reader.load(bidStreamId(portfolioId, market, text), bidDecider);
    const delivery = await reader.load(
      simulationDayStreamId(portfolioId, market, text),
      simulationDayDecider,
    );
    summaries.push(
      summariseDay(
        text,
        bidExists(bid) ? bid : undefined,
        delivery.delivery,
        delivery.noBid,
        penaltySmpFactor,
      ),
    );
    pvErrors.push(pvErrorOf(delivery.delivery));
  }
  return summariseRun(portfolioId, market, summaries, pvErrors, penaltySmpFactor);
};
