import { DateTime } from 'luxon';
import {
  derDecider,
  toDerStreamId,
  type DerCommand,
  type DerEvent,
} from '../../domain/ders/index.js';
import { firstOpenTradingDay } from '../../domain/market/day-ahead-gate.js';
import {
  portfolioDecider,
  portfolioExists,
  toPortfolioStreamId,
  type PortfolioCommand,
  type PortfolioState,
} from '../../domain/portfolios/index.js';
import { foldEvents } from '../../domain/shared/decider.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import type { SimulatedClock } from '../../src/infrastructure/clock/simulated-clock.js';
import {
  handleCommand,
  type CommandHandlingDeps,
} from '../../src/infrastructure/command-handling/handle-command.js';
import type { EventStore } from '../../src/infrastructure/event-store/event-store.port.js';
import { pv } from './builders/der.builders.js';
import { DER_IDS, PORTFOLIO_IDS, SETTINGS, type AssetStep } from './asset-arbitraries.js';

const portfolioState = async (store: EventStore, id: string): Promise<PortfolioState> =>
  foldEvents(
    portfolioDecider,
    (await store.readStream(toPortfolioStreamId(id))).map(
      ({ type, data }) => ({ type, data }) as Parameters<typeof portfolioDecider.evolve>[1],
    ),
  );

/**
 * Runs one step as the command handlers do: `now` from the clock, the first open day from the
 * gate, the other aggregate's facts read from its stream. Refusals are part of the history.
 */
export const runAssetStep = async (
  deps: CommandHandlingDeps,
  clock: SimulatedClock,
  step: AssetStep,
): Promise<void> => {
  if (step.kind === 'nextDay') {
    clock.advanceBy({ days: 1 });
    return;
  }
  const now = clock.now().toUTC().toISO() ?? '';
  const firstOpenDay = firstOpenTradingDay(now).toString();
  const day = (offset: number) =>
    TradingDay.parse(firstOpenDay)
      .plusDays(offset - 1)
      .toString();
  const open = (offset: number) => ({ fromDay: day(offset), firstOpenDay, now });
  const facts = async (id: string) => {
    const state = await portfolioState(deps.store, id);
    return portfolioExists(state) ? state : undefined;
  };

  let streamId: string;
  let command: DerCommand | PortfolioCommand;
  switch (step.kind) {
    case 'create':
      streamId = toPortfolioStreamId(step.id);
      command = {
        type: 'CreatePortfolio',
        data: { portfolioId: step.id, name: step.id, settings: SETTINGS[step.id]!, now },
      };
      break;
    case 'attach': {
      const parent = await facts(step.parentId);
      if (parent === undefined) return; // PORTFOLIO.NOT_FOUND in the handler
      streamId = toPortfolioStreamId(step.id);
      command = {
        type: 'AttachPortfolioToParent',
        data: {
          portfolioId: step.id,
          parentId: step.parentId,
          parentTier: parent.tier,
          parentStatus: parent.status,
          ...open(step.inDays),
        },
      };
      break;
    }
    case 'detach':
      streamId = toPortfolioStreamId(step.id);
      command = {
        type: 'DetachPortfolioFromParent',
        data: { portfolioId: step.id, ...open(step.inDays) },
      };
      break;
    case 'close':
      streamId = toPortfolioStreamId(step.id);
      command = { type: 'ClosePortfolio', data: { portfolioId: step.id, ...open(step.inDays) } };
      break;
    case 'register':
      streamId = toDerStreamId(step.derId);
      command = { type: 'RegisterDer', data: { derId: step.derId, parameters: pv(), now } };
      break;
    case 'decommission':
      streamId = toDerStreamId(step.derId);
      command = { type: 'DecommissionDer', data: { derId: step.derId, effectiveFrom: now, now } };
      break;
    case 'assign': {
      const target = await facts(step.microId);
      if (target === undefined) return;
      streamId = toDerStreamId(step.derId);
      command = {
        type: 'AssignDerToPortfolio',
        data: {
          derId: step.derId,
          microPortfolioId: step.microId,
          portfolioTier: target.tier,
          portfolioStatus: target.status,
          ...open(step.inDays),
        },
      };
      break;
    }
    case 'remove':
      streamId = toDerStreamId(step.derId);
      command = {
        type: 'RemoveDerFromPortfolio',
        data: { derId: step.derId, ...open(step.inDays) },
      };
      break;
  }
  try {
    if (streamId.startsWith('der-'))
      await handleCommand(deps, streamId, derDecider, command as DerCommand, {
        commandId: deps.ids.next(),
        actor: 'test',
      });
    else
      await handleCommand(deps, streamId, portfolioDecider, command as PortfolioCommand, {
        commandId: deps.ids.next(),
        actor: 'test',
      });
  } catch (error) {
    if (!isDomainError(error)) throw error;
  }
};

/** Every DER and portfolio state folded straight from its stream, independently of projections. */
export const foldAllAssetStreams = async (store: EventStore) => {
  const ders = await Promise.all(
    DER_IDS.map(async (id) =>
      foldEvents(
        derDecider,
        (await store.readStream(toDerStreamId(id))).map(
          ({ type, data }) => ({ type, data }) as DerEvent,
        ),
      ),
    ),
  );
  const portfolios = await Promise.all(PORTFOLIO_IDS.map((id) => portfolioState(store, id)));
  return { ders, portfolios };
};

export const START = DateTime.fromISO('2025-03-10T00:00:00Z');
