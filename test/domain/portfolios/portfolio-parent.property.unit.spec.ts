import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import {
  buildPortfolioTree,
  canHold,
  isLiveOn,
  parentOn,
  portfolioDecider,
  type PortfolioCommand,
  type PortfolioEvent,
  type PortfolioSettings,
  type PortfolioState,
  type PortfolioTreeNode,
} from '../../../domain/portfolios/index.js';
import { foldEvents } from '../../../domain/shared/decider.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { community, micro, wholesale } from '../../support/builders/portfolio.builders.js';

const START = TradingDay.parse('2025-03-10');
const SETTINGS: Record<string, PortfolioSettings> = {
  w1: wholesale(),
  w2: wholesale({ market: 'jeju' }),
  c1: community(),
  c2: community(),
  m1: micro(),
  m2: micro(),
  m3: micro(),
};
const IDS = Object.keys(SETTINGS).sort();
const DAYS = Array.from({ length: 60 }, (_, i) => START.plusDays(i - 1));

type Step = {
  readonly advanceDays: number;
  readonly firstOpenOffset: number;
  readonly child: string;
  readonly parent: string;
  readonly fromOffset: number;
  readonly kind: 'attach' | 'detach' | 'close';
};

const stepsArb = fc.array(
  fc.record<Step>({
    advanceDays: fc.nat({ max: 2 }),
    firstOpenOffset: fc.integer({ min: 0, max: 2 }),
    child: fc.constantFrom(...IDS),
    parent: fc.constantFrom(...IDS),
    fromOffset: fc.integer({ min: -1, max: 8 }),
    kind: fc.constantFrom<Step['kind']>('attach', 'attach', 'attach', 'detach', 'close'),
  }),
  { maxLength: 40, size: 'max' },
);

/** What a handler would send: the parent's tier and status read from the parent's own state. */
const commandOf = (step: Step, today: TradingDay, parent: PortfolioState): PortfolioCommand => {
  const days = {
    fromDay: today.plusDays(step.fromOffset).toString(),
    firstOpenDay: today.plusDays(step.firstOpenOffset).toString(),
    now: today.at(10).toISO() ?? '',
  };
  const portfolioId = step.child;
  if (step.kind === 'detach')
    return { type: 'DetachPortfolioFromParent', data: { portfolioId, ...days } };
  if (step.kind === 'close') return { type: 'ClosePortfolio', data: { portfolioId, ...days } };
  if (parent.status === 'none') throw new Error('every portfolio exists from the start');
  return {
    type: 'AttachPortfolioToParent',
    data: {
      portfolioId,
      parentId: step.parent,
      parentTier: parent.tier,
      parentStatus: parent.status,
      ...days,
    },
  };
};

interface Run {
  readonly states: Map<string, PortfolioState>;
  readonly problems: string[];
}

const run = (
  steps: readonly Step[],
  check: (
    r: Run,
    step: Step,
    today: TradingDay,
    before: PortfolioState,
    stream: readonly PortfolioEvent[],
  ) => void,
): Run => {
  const streams = new Map<string, PortfolioEvent[]>();
  const states = new Map<string, PortfolioState>();
  for (const id of IDS) {
    const events = portfolioDecider.decide(
      {
        type: 'CreatePortfolio',
        data: {
          portfolioId: id,
          name: id,
          settings: SETTINGS[id] as PortfolioSettings,
          now: '2025-03-01T00:00:00.000Z',
        },
      },
      portfolioDecider.initialState(),
    );
    streams.set(id, [...events]);
    states.set(id, foldEvents(portfolioDecider, events));
  }
  const result = { states, problems: [] };
  let today = START;
  for (const step of steps) {
    today = today.plusDays(step.advanceDays);
    const before = states.get(step.child) as PortfolioState;
    let events: readonly PortfolioEvent[] = [];
    try {
      events = portfolioDecider.decide(
        commandOf(step, today, states.get(step.parent) as PortfolioState),
        before,
      );
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
    states.set(step.child, events.reduce(portfolioDecider.evolve, before));
    streams.get(step.child)?.push(...events);
    check(result, step, today, before, streams.get(step.child) ?? []);
  }
  return result;
};

const walk = (
  nodes: readonly PortfolioTreeNode[],
  visit: (node: PortfolioTreeNode, parent?: PortfolioTreeNode) => void,
  parent?: PortfolioTreeNode,
): void =>
  nodes.forEach((node) => {
    visit(node, parent);
    walk(node.children, visit, node);
  });

describe('portfolio parents under any sequence of commands', () => {
  it('form a forest on every day: each live portfolio once, in at most one parent of a higher tier', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const { states, problems } = run(steps, () => undefined);
        for (const day of DAYS) {
          const tree = buildPortfolioTree(day, states.values(), []);
          const seen: string[] = [];
          walk(tree.roots, (node, parent) => {
            seen.push(node.portfolioId);
            if (parent !== undefined && !canHold(parent.tier, node.tier))
              problems.push(`${day}: ${parent.portfolioId} holds ${node.portfolioId}`);
            const state = states.get(node.portfolioId) as PortfolioState;
            const link = parentOn(state, day);
            const linkLive =
              link !== undefined && isLiveOn(states.get(link.parentId) as PortfolioState, day);
            if (parent?.portfolioId !== (linkLive ? link.parentId : undefined))
              problems.push(
                `${day}: ${node.portfolioId} under ${parent?.portfolioId}, linked to ${link?.parentId}`,
              );
          });
          const live = IDS.filter((id) => isLiveOn(states.get(id) as PortfolioState, day));
          if (!isDeepStrictEqual([...seen].sort(), live))
            problems.push(`${day}: ${seen.join()} vs ${live.join()}`);
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never change the parent of a day already bid, and replay to the live state', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const { problems } = run(steps, ({ states, problems }, step, today, before, stream) => {
          const after = states.get(step.child) as PortfolioState;
          if (
            !isDeepStrictEqual(
              foldEvents(portfolioDecider, JSON.parse(JSON.stringify(stream))),
              after,
            )
          )
            problems.push(`replay of ${step.child} diverged`);
          const firstOpen = today.plusDays(Math.max(1, step.firstOpenOffset));
          for (const day of DAYS.slice(0, START.daysUntil(firstOpen) + 1))
            if (
              !isDeepStrictEqual(parentOn(after, day), parentOn(before, day)) ||
              isLiveOn(after, day) !== isLiveOn(before, day)
            )
              problems.push(`${step.child} changed on ${day} (today ${today})`);
        });
        expect(problems).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
