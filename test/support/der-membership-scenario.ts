import fc from 'fast-check';
import {
  derDecider,
  type DerCommand,
  type DerEvent,
  type DerState,
} from '../../domain/ders/index.js';
import {
  portfolioDecider,
  type PortfolioSettings,
  type PortfolioState,
  type PortfolioTreeNode,
} from '../../domain/portfolios/index.js';
import { foldEvents } from '../../domain/shared/decider.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { TradingDay } from '../../domain/shared/time/trading-day.js';
import { evCharger } from './builders/der.builders.js';
import { community, micro } from './builders/portfolio.builders.js';

/**
 * Random membership histories for property tests: a clock that only moves forward, DER commands
 * as a handler would send them (some refused, as they should be), and the micro-VPPs they target.
 */
export const START = TradingDay.parse('2025-03-10');
const DERS = ['d1', 'd2', 'd3'];
const MICROS = ['m1', 'm2', 'm3', 'm4'];
export const HORIZON_DAYS = 40;

type Step = {
  /** Days the clock moves forward before the command (it never goes back). */
  readonly advanceDays: number;
  /** Where the caller's calendar puts the first open day, relative to today (may be wrong). */
  readonly firstOpenOffset: number;
  readonly der: string;
  readonly action:
    | { kind: 'register' }
    | { kind: 'assign'; micro: string; fromOffset: number; closed: boolean }
    | { kind: 'remove'; fromOffset: number }
    | { kind: 'decommission' };
};

const stepArb: fc.Arbitrary<Step> = fc.record({
  advanceDays: fc.nat({ max: 2 }),
  firstOpenOffset: fc.integer({ min: 0, max: 2 }),
  der: fc.constantFrom(...DERS),
  action: fc.oneof(
    { weight: 1, arbitrary: fc.constant({ kind: 'register' as const }) },
    {
      weight: 12,
      arbitrary: fc.record({
        kind: fc.constant('assign' as const),
        micro: fc.constantFrom(...MICROS),
        fromOffset: fc.integer({ min: -1, max: 8 }),
        // Now and then the target is closed, which the decider must refuse.
        closed: fc.nat({ max: 9 }).map((n) => n === 0),
      }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('remove' as const),
        fromOffset: fc.integer({ min: -1, max: 8 }),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'decommission' as const }) },
  ),
});

export const stepsArb = fc.array(stepArb, { maxLength: 40, size: 'max' });

const commandOf = (step: Step, today: TradingDay): DerCommand => {
  const now = today.at(10).toISO() ?? '';
  const firstOpenDay = today.plusDays(step.firstOpenOffset).toString();
  const derId = step.der;
  const { action } = step;
  switch (action.kind) {
    case 'register':
      return { type: 'RegisterDer', data: { derId, parameters: evCharger(), now } };
    case 'assign':
      return {
        type: 'AssignDerToPortfolio',
        data: {
          derId,
          microPortfolioId: action.micro,
          portfolioTier: 'micro',
          portfolioStatus: action.closed ? 'closed' : 'open',
          fromDay: today.plusDays(action.fromOffset).toString(),
          firstOpenDay,
          now,
        },
      };
    case 'remove':
      return {
        type: 'RemoveDerFromPortfolio',
        data: { derId, fromDay: today.plusDays(action.fromOffset).toString(), firstOpenDay, now },
      };
    case 'decommission':
      return {
        type: 'DecommissionDer',
        data: { derId, effectiveFrom: today.plusDays(5).at(0).toISO() ?? '', now },
      };
  }
};

/** The micro-VPPs, the first two in a community from the start, so the tree has two levels. */
export const portfolioStates = (): PortfolioState[] => {
  const now = '2025-03-01T00:00:00.000Z';
  const create = (portfolioId: string, settings: PortfolioSettings): PortfolioState =>
    foldEvents(
      portfolioDecider,
      portfolioDecider.decide(
        { type: 'CreatePortfolio', data: { portfolioId, name: portfolioId, settings, now } },
        portfolioDecider.initialState(),
      ),
    );
  const attach = (state: PortfolioState, portfolioId: string): PortfolioState =>
    portfolioDecider
      .decide(
        {
          type: 'AttachPortfolioToParent',
          data: {
            portfolioId,
            parentId: 'c1',
            parentTier: 'community',
            parentStatus: 'open',
            fromDay: '2025-03-02',
            firstOpenDay: '2025-03-02',
            now,
          },
        },
        state,
      )
      .reduce(portfolioDecider.evolve, state);
  return [
    create('c1', community()),
    ...MICROS.map((id, i) => (i < 2 ? attach(create(id, micro()), id) : create(id, micro()))),
  ];
};

export const allNodes = (nodes: readonly PortfolioTreeNode[]): PortfolioTreeNode[] =>
  nodes.flatMap((node) => [node, ...allNodes(node.children)]);

/** The day before START onward, built once: luxon makes each TradingDay comparatively slow. */
const DAYS = Array.from({ length: 100 }, (_, i) => START.plusDays(i - 1));
export const days = (count: number): readonly TradingDay[] => DAYS.slice(0, count);

/** Runs the steps through the decider as a command handler would, dropping refused commands. */
export const run = (steps: readonly Step[], onStep: (check: StepCheck) => void) => {
  const states = new Map<string, DerState>();
  const streams = new Map<string, DerEvent[]>();
  let today = START;
  // Most DERs exist from the start; the last registers (or not) during the run.
  for (const derId of DERS.slice(0, -1)) {
    const register = commandOf(
      { advanceDays: 0, firstOpenOffset: 1, der: derId, action: { kind: 'register' } },
      today,
    );
    const events = derDecider.decide(register, derDecider.initialState());
    streams.set(derId, [...events]);
    states.set(derId, foldEvents(derDecider, events));
  }
  for (const derId of DERS.slice(-1)) {
    streams.set(derId, []);
    states.set(derId, derDecider.initialState());
  }
  for (const step of steps) {
    today = today.plusDays(step.advanceDays);
    const before = states.get(step.der) as DerState;
    let events: readonly DerEvent[] = [];
    try {
      events = derDecider.decide(commandOf(step, today), before);
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
    const after = events.reduce(derDecider.evolve, before);
    states.set(step.der, after);
    streams.get(step.der)?.push(...events);
    onStep({ today, step, before, after, stream: streams.get(step.der) ?? [] });
  }
  return states;
};

export interface StepCheck {
  readonly today: TradingDay;
  readonly step: Step;
  readonly before: DerState;
  readonly after: DerState;
  readonly stream: readonly DerEvent[];
}
