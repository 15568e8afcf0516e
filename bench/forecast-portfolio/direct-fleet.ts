import type { CommandBus } from '@nestjs/cqrs';
import type { DerParameters } from '../../domain/ders/index.js';
import type { IdGenerator } from '../../domain/shared/id-generator.port.js';
import type { CommandMeta } from '../../src/infrastructure/command-handling/decider-command.js';
import type { EventStore } from '../../src/infrastructure/event-store/event-store.port.js';
import { CreatePortfolioCommand } from '../../src/portfolios/create-portfolio/create-portfolio.command.js';
import { AttachPortfolioToParentCommand } from '../../src/portfolios/portfolio-parent/portfolio-parent.commands.js';
import {
  derIdOf,
  derParametersOf,
  fleetPortfolios,
  microId,
  type FleetShape,
} from '../assets/bench-fleet.js';

const META: CommandMeta = { actor: 'job:forecast-portfolio-bench' };

/**
 * The asset benchmark's fleet (bench/assets/bench-fleet.ts), with its PV plants spread over the
 * mainland and over orientations, so that the forecast meets as many distinct sun tracks and
 * panel planes as a real fleet: micro-VPP m sits on a 0.1° grid between 34.6-37.9 °N and
 * 126.5-129.4 °E, and its PV DERs face south ±30° at 10-35° tilt.
 */
export const spreadParametersOf = (m: number, d: number): DerParameters => {
  const parameters = derParametersOf(m, d);
  if (parameters.kind !== 'pv') return parameters;
  return {
    ...parameters,
    latitude: 34.6 + (m % 34) * 0.1,
    longitude: 126.5 + (Math.floor(m / 34) % 30) * 0.1,
    tiltDeg: 10 + (d % 6) * 5,
    azimuthDeg: 150 + (d % 7) * 10,
  };
};

/**
 * Builds the fleet directly, not through the DER command handlers (issue 3's benchmark times
 * those): portfolios and links go over the bus (about 2,000 commands), then each DER's
 * registration and membership are appended to its `der-` stream as the DER decider would write
 * them. Only the forecast is timed, so the setup just has to be quick and faithful.
 */
export const buildFleet = async (
  commands: CommandBus,
  store: EventStore,
  ids: IdGenerator,
  shape: FleetShape,
  fromDay: string,
  at: string,
  concurrency: number,
): Promise<{ portfolios: number; ders: number }> => {
  const portfolios = fleetPortfolios(shape);
  for (const p of portfolios)
    await commands.execute(
      new CreatePortfolioCommand(p.portfolioId, p.portfolioId, p.settings, META),
    );
  for (const p of portfolios)
    if (p.parentId !== undefined)
      await commands.execute(
        new AttachPortfolioToParentCommand(p.portfolioId, p.parentId, undefined, META),
      );
  const total = shape.micros * shape.dersPerMicro;
  const metadata = { schemaVersion: 1, actor: META.actor, occurredAt: at };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      const m = Math.floor(i / shape.dersPerMicro);
      const d = i % shape.dersPerMicro;
      const derId = derIdOf(m, d);
      await store.append(
        `der-${derId}`,
        [
          {
            id: ids.next(),
            type: 'DerRegistered',
            data: { derId, parameters: { ...spreadParametersOf(m, d) }, registeredAt: at },
            metadata,
          },
          {
            id: ids.next(),
            type: 'DerAssignedToPortfolio',
            data: { derId, microPortfolioId: microId(m), fromDay, assignedAt: at },
            metadata,
          },
        ],
        'no_stream',
      );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { portfolios: portfolios.length, ders: total };
};
