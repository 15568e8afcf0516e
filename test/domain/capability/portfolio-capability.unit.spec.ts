import { portfolioCapability } from '../../../domain/capability/index.js';
import { derDecider, type DerState } from '../../../domain/ders/index.js';
import {
  buildPortfolioTree,
  portfolioDecider,
  type PortfolioEvent,
  type PortfolioSettings,
  type PortfolioTreeNode,
} from '../../../domain/portfolios/index.js';
import { foldEvents } from '../../../domain/shared/decider.js';
import { IntervalGrid } from '../../../domain/shared/time/interval-grid.js';
import { DAY, QUARTER_HOURS } from '../../support/builders/capability.builders.js';
import {
  derAssigned,
  derRegistered,
  drLoad,
  ess,
  fuelCell,
  pv,
} from '../../support/builders/der.builders.js';
import {
  community,
  micro,
  portfolioAttached,
  portfolioCreated,
  wholesale,
} from '../../support/builders/portfolio.builders.js';
import type { DerParameters } from '../../../domain/ders/index.js';
import { findNode } from '../../../src/portfolios/portfolio-tree/portfolio-tree.lookup.js';

const D = DAY.toString();
const portfolio = (id: string, settings: PortfolioSettings, ...more: PortfolioEvent[]) =>
  foldEvents(portfolioDecider, [
    portfolioCreated(settings, id, '2025-03-09T00:00:00.000Z'),
    ...more,
  ]);
const member = (derId: string, parameters: DerParameters, microId: string) =>
  foldEvents(derDecider, [derRegistered(parameters, derId), derAssigned(microId, D, derId)]);

// w > c > m1 (ess-1, pv-1); w > m2 (dr-1, fc-1); m3 in no parent (ess-2); ess-3 in no micro-VPP.
const portfolios = [
  portfolio('w', wholesale()),
  portfolio('c', community(), portfolioAttached('w', 'wholesale', D, 'c')),
  portfolio('m1', micro(), portfolioAttached('c', 'community', D, 'm1')),
  portfolio('m2', micro(), portfolioAttached('w', 'wholesale', D, 'm2')),
  portfolio('m3', micro()),
];
const ders = new Map<string, DerState>(
  [
    member('ess-1', ess(), 'm1'),
    member('pv-1', pv(), 'm1'),
    member('dr-1', drLoad(), 'm2'),
    member('fc-1', fuelCell(), 'm2'),
    member('ess-2', ess(), 'm3'),
    foldEvents(derDecider, [derRegistered(ess(), 'ess-3')]),
  ].map((state) => [state.status === 'unregistered' ? '' : state.derId, state]),
);
const tree = buildPortfolioTree(DAY, portfolios, ders.values());
const node = (id: string): PortfolioTreeNode => {
  const found = findNode(tree.roots, id);
  if (found === undefined) throw new Error(`no node ${id}`);
  return found;
};
const capabilityOfNode = (id: string, grid = QUARTER_HOURS) =>
  portfolioCapability(node(id), DAY, grid, (derId) => ders.get(derId));

describe('capability of a portfolio: the DERs of its subtree on the day', () => {
  it('sums a wholesale VPP over its communities and micro-VPPs, by kind', () => {
    const w = capabilityOfNode('w');
    expect(w).toMatchObject({ portfolioId: 'w', tier: 'wholesale', day: D, intervalMinutes: 15 });
    expect(w.memberDerCount).toBe(4);
    const [first] = w.intervals;
    expect(first?.byKind.ess).toMatchObject({ derCount: 1, upKw: 50, downKw: 50 });
    expect(first?.byKind.pv).toMatchObject({ derCount: 1, maxOutputKw: 90 });
    expect(first?.byKind.dr_load).toMatchObject({ derCount: 1, upKw: 300 });
    expect(first?.byKind.fuel_cell).toMatchObject({ derCount: 1, upKw: 20, downKw: 5 });
    expect(first?.byKind.ev_charger.derCount).toBe(0);
    expect(first?.total).toMatchObject({ derCount: 4, upKw: 370, downKw: 55, maxOutputKw: 465 });
  });

  it('covers only the subtree for a community or a micro-VPP', () => {
    expect(capabilityOfNode('c').intervals[0]?.total).toMatchObject({ derCount: 2, upKw: 50 });
    expect(capabilityOfNode('m2').intervals[0]?.total).toMatchObject({ derCount: 2, upKw: 320 });
    expect(capabilityOfNode('m3').intervals[0]?.total).toMatchObject({ derCount: 1, upKw: 50 });
  });

  it('follows the grid asked for', () => {
    const hourly = capabilityOfNode('w', IntervalGrid.of(60));
    expect(hourly.intervals).toHaveLength(24);
    expect(hourly.intervals[0]?.total.upKwh).toBe(370);
    expect(capabilityOfNode('w', IntervalGrid.of(5)).intervals).toHaveLength(288);
  });

  it('gives the same figures whatever order the states are looked up in', () => {
    const reversed = new Map([...ders].reverse());
    const again = portfolioCapability(node('w'), DAY, QUARTER_HOURS, (id) => reversed.get(id));
    expect(again).toEqual(capabilityOfNode('w'));
  });
});
