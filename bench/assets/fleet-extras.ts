import type { CommandBus } from '@nestjs/cqrs';
import type { Kw, Kwh } from '../../domain/shared/units.js';
import { DeclareDerAvailabilityCommand } from '../../src/ders/declare-der-availability/declare-der-availability.command.js';
import { PlanEvSessionCommand } from '../../src/ders/ev-sessions/ev-session.commands.js';
import type { DeciderCommand } from '../../src/infrastructure/command-handling/decider-command.js';
import { timed } from './bench-timing.js';
import { derIdOf, derParametersOf, type FleetShape } from './bench-fleet.js';
import { runPool } from './command-pool.js';

export interface ExtrasMeasure {
  readonly seconds: number;
  readonly declarations: number;
  readonly evSessions: number;
}

const META = { actor: 'job:assets-bench' };
/** 10:00-12:00 KST and 18:00 KST to 07:00 KST the next day, on the measured day 2025-03-11. */
const OUTAGE = '2025-03-11T01:00:00.000Z/2025-03-11T03:00:00.000Z';
const SESSION = {
  arrival: '2025-03-11T09:00:00.000Z',
  departure: '2025-03-11T22:00:00.000Z',
  energyOnArrivalKwh: 20 as Kwh,
  energyRequiredAtDepartureKwh: 50 as Kwh,
  batteryKwh: 64 as Kwh,
};

/**
 * What gives the capability read model something to net out: a derating on one ESS in five and
 * an evening EV session on every other charger, through the same CommandBus.
 */
export const addFleetExtras = async (
  commands: CommandBus,
  shape: FleetShape,
  concurrency: number,
): Promise<ExtrasMeasure> => {
  const jobs: DeciderCommand[] = [];
  let declarations = 0;
  let evSessions = 0;
  for (let m = 0; m < shape.micros; m++)
    for (let d = 0; d < shape.dersPerMicro; d++) {
      const kind = derParametersOf(m, d).kind;
      const derId = derIdOf(m, d);
      if (kind === 'ess' && d % 5 === 0) {
        jobs.push(new DeclareDerAvailabilityCommand(derId, OUTAGE, 25 as Kw, 'bench', META));
        declarations++;
      } else if (kind === 'ev_charger' && d % 2 === 0) {
        jobs.push(new PlanEvSessionCommand(derId, { sessionId: 'evening', ...SESSION }, META));
        evSessions++;
      }
    }
  const { seconds } = await timed(async () => {
    await runPool(commands, jobs.length, concurrency, (i) => [jobs[i]!]);
  });
  return { seconds, declarations, evSessions };
};
