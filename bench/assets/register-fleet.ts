import type { CommandBus } from '@nestjs/cqrs';
import { AssignDerToPortfolioCommand } from '../../src/ders/der-membership/der-membership.commands.js';
import { RegisterDerCommand } from '../../src/ders/register-der/register-der.command.js';
import type { CommandMeta } from '../../src/infrastructure/command-handling/decider-command.js';
import { CreatePortfolioCommand } from '../../src/portfolios/create-portfolio/create-portfolio.command.js';
import { AttachPortfolioToParentCommand } from '../../src/portfolios/portfolio-parent/portfolio-parent.commands.js';
import { timed } from './bench-timing.js';
import {
  derCount,
  derIdOf,
  derParametersOf,
  fleetPortfolios,
  microId,
  type FleetShape,
} from './bench-fleet.js';
import { runPool } from './command-pool.js';

export interface RegisterMeasure {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly portfolioSeconds: number;
  readonly derSeconds: number;
  readonly commands: number;
  readonly events: number;
}

const META: CommandMeta = { actor: 'job:assets-bench' };

/**
 * Creates the fleet's portfolios and links, then registers every DER and assigns it to its
 * micro-VPP, all through the CommandBus and its handlers (load, decide, append per command).
 */
export const registerFleet = async (
  commands: CommandBus,
  shape: FleetShape,
  concurrency: number,
  log: (line: string) => void,
): Promise<RegisterMeasure> => {
  const portfolios = fleetPortfolios(shape);
  const ders = derCount(shape);
  let events = 0;
  const started = process.hrtime.bigint();
  const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e9;
  const portfolioTiming = await timed(async () => {
    events += await runPool(commands, portfolios.length, concurrency, (i) => {
      const p = portfolios[i]!;
      return [new CreatePortfolioCommand(p.portfolioId, p.portfolioId, p.settings, META)];
    });
    const children = portfolios.filter((p) => p.parentId !== undefined);
    events += await runPool(commands, children.length, concurrency, (i) => {
      const p = children[i]!;
      return [new AttachPortfolioToParentCommand(p.portfolioId, p.parentId!, undefined, META)];
    });
  });
  log(
    `  ${portfolios.length} portfolios created and linked in ${portfolioTiming.seconds.toFixed(1)} s`,
  );
  const derTiming = await timed(async () => {
    events += await runPool(
      commands,
      ders,
      concurrency,
      (i) => {
        const m = Math.floor(i / shape.dersPerMicro);
        const d = i % shape.dersPerMicro;
        const derId = derIdOf(m, d);
        return [
          new RegisterDerCommand(derId, derParametersOf(m, d), META),
          new AssignDerToPortfolioCommand(derId, microId(m), undefined, META),
        ];
      },
      ({ done, total }) =>
        log(
          `  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} DERs ` +
            `registered and assigned, ${elapsed().toFixed(1)} s, ` +
            `${Math.round(done / elapsed()).toLocaleString('en-US')} DERs/s`,
        ),
      Math.max(1, Math.round(ders / 10)),
    );
  });
  return {
    seconds: portfolioTiming.seconds + derTiming.seconds,
    cpuSeconds: portfolioTiming.cpuSeconds + derTiming.cpuSeconds,
    portfolioSeconds: portfolioTiming.seconds,
    derSeconds: derTiming.seconds,
    commands: portfolios.length * 2 - 1 + ders * 2,
    events,
  };
};
