import { derDecider, toDerStreamId, type DerCommand } from '../../domain/ders/index.js';
import {
  portfolioDecider,
  toPortfolioStreamId,
  type PortfolioCommand,
} from '../../domain/portfolios/index.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import { handleCommand } from '../../src/infrastructure/command-handling/handle-command.js';
import type { EventStore } from '../../src/infrastructure/event-store/event-store.port.js';
import { ess, pv } from './builders/der.builders.js';
import { micro } from './builders/portfolio.builders.js';

export interface MeterFixtureDeps {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

const context = (ids: IdGenerator) => ({ commandId: ids.next(), actor: 'test:fixtures' });

export const registerPv = async (deps: MeterFixtureDeps, derId: string, now: string) => {
  const command: DerCommand = {
    type: 'RegisterDer',
    data: { derId, parameters: pv(), now },
  };
  await handleCommand(deps, toDerStreamId(derId), derDecider, command, context(deps.ids));
};

/**
 * The meters the metering tests read: `pv-1` (a 90 kW inverter: 23.625 kWh per 15 minutes with
 * 5 % tolerance), `ess-old` (decommissioned from `now`), and the site `v2x-testbed` of micro-VPP
 * `micro-1` (200 kW import, 100 kW export: 52.5 and 26.25 kWh per 15 minutes).
 */
export const seedMeters = async (deps: MeterFixtureDeps, now: string): Promise<void> => {
  await registerPv(deps, 'pv-1', now);
  const essCommands: DerCommand[] = [
    { type: 'RegisterDer', data: { derId: 'ess-old', parameters: ess(), now } },
    { type: 'DecommissionDer', data: { derId: 'ess-old', effectiveFrom: now, now } },
  ];
  for (const command of essCommands)
    await handleCommand(deps, toDerStreamId('ess-old'), derDecider, command, context(deps.ids));
  const createSite: PortfolioCommand = {
    type: 'CreatePortfolio',
    data: { portfolioId: 'micro-1', name: 'V2X testbed', settings: micro(), now },
  };
  await handleCommand(
    deps,
    toPortfolioStreamId('micro-1'),
    portfolioDecider,
    createSite,
    context(deps.ids),
  );
};
