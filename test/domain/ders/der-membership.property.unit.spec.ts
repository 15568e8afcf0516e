import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { derDecider, isDecommissionedAt, membershipOn } from '../../../domain/ders/index.js';
import { buildPortfolioTree, derIdsUnder } from '../../../domain/portfolios/index.js';
import { foldEvents } from '../../../domain/shared/decider.js';
import {
  HORIZON_DAYS,
  START,
  allNodes,
  days,
  portfolioStates,
  run,
  stepsArb,
} from '../../support/der-membership-scenario.js';

describe('DER membership under any sequence of commands', () => {
  it('puts no DER in two micro-VPPs on any day, and the tree agrees with each DER', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const ders = run(steps, () => undefined);
        const portfolios = portfolioStates();
        // Collected and asserted once: a jest `expect` per day would dominate the run time.
        const problems: string[] = [];
        for (const day of days(HORIZON_DAYS)) {
          const tree = buildPortfolioTree(day, portfolios, ders.values());
          const placed = tree.roots.flatMap(derIdsUnder);
          if (new Set(placed).size !== placed.length) problems.push(`${day}: ${placed.join()}`);
          const placedIn = new Map(
            allNodes(tree.roots).flatMap((node) =>
              node.derIds.map((derId) => [derId, node.portfolioId] as const),
            ),
          );
          const dayStart = day.startUtc.toISO() ?? '';
          for (const [derId, der] of ders) {
            const expected = isDecommissionedAt(der, dayStart) ? undefined : membershipOn(der, day);
            if (placedIn.get(derId) !== expected)
              problems.push(`${day}: ${derId} in ${placedIn.get(derId)}, expected ${expected}`);
          }
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never changes the membership of a day already bid', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const changed: string[] = [];
        run(steps, ({ today, step, before, after }) => {
          if (after === before) return;
          const firstOpen = today.plusDays(Math.max(1, step.firstOpenOffset));
          for (const day of days(START.daysUntil(firstOpen) + 1))
            if (membershipOn(after, day) !== membershipOn(before, day))
              changed.push(`${step.der} on ${day} (today ${today})`);
        });
        expect(changed).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the live state again when the stream is replayed, after every step', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const diverged: number[] = [];
        run(steps, ({ after, stream }) => {
          const replayed = foldEvents(derDecider, JSON.parse(JSON.stringify(stream)));
          if (!isDeepStrictEqual(replayed, after)) diverged.push(stream.length);
        });
        expect(diverged).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
