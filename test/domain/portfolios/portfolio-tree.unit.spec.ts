import { derDecider, type DerEvent } from '../../../domain/ders/index.js';
import {
  buildPortfolioTree,
  derIdsUnder,
  portfolioDecider,
  type PortfolioEvent,
  type PortfolioSettings,
  type PortfolioTreeNode,
} from '../../../domain/portfolios/index.js';
import { foldEvents } from '../../../domain/shared/decider.js';
import { TradingDay } from '../../../domain/shared/time/trading-day.js';
import { kw } from '../../../domain/shared/units.js';
import { NOW, derAssigned, derRegistered, pv } from '../../support/builders/der.builders.js';
import {
  community,
  micro,
  portfolioAttached,
  portfolioCreated,
  wholesale,
} from '../../support/builders/portfolio.builders.js';

const D1 = '2025-03-11';
const D3 = '2025-03-13';
const D5 = '2025-03-15';

const portfolio = (id: string, settings: PortfolioSettings, ...more: PortfolioEvent[]) =>
  foldEvents(portfolioDecider, [portfolioCreated(settings, id), ...more]);
const closed = (portfolioId: string, fromDay: string): PortfolioEvent => ({
  type: 'PortfolioClosed',
  data: { portfolioId, fromDay, closedAt: NOW },
});

const portfolios = [
  portfolio('w1', wholesale()),
  portfolio('c1', community(), portfolioAttached('w1', 'wholesale', D1, 'c1')),
  portfolio('c2', community(), portfolioAttached('w1', 'wholesale', D1, 'c2'), closed('c2', D5)),
  portfolio('m1', micro(), portfolioAttached('c1', 'community', D1, 'm1')),
  portfolio('m2', micro(), portfolioAttached('c1', 'community', D1, 'm2'), closed('m2', D5)),
  portfolio('m3', micro(), portfolioAttached('c2', 'community', D1, 'm3')),
  // A micro-VPP straight in the wholesale VPP, with no community in between.
  portfolio(
    'm4',
    micro({ gridExportLimitKw: kw(0) }),
    portfolioAttached('w1', 'wholesale', D3, 'm4'),
  ),
];

const der = (derId: string, ...more: DerEvent[]) =>
  foldEvents(derDecider, [derRegistered(pv(), derId), ...more]);
const ders = [
  der('d1', derAssigned('m1', D1, 'd1')),
  der('d2', derAssigned('m1', D1, 'd2')),
  der('d3', derAssigned('m3', D1, 'd3')),
  der('d4', derAssigned('m2', D1, 'd4'), derAssigned('m4', D3, 'd4')),
  der('d5'),
  der('d6', derAssigned('m2', D1, 'd6'), {
    type: 'DerDecommissioned',
    data: { derId: 'd6', effectiveFrom: '2025-03-13T05:00:00.000Z', decommissionedAt: NOW },
  }),
  derDecider.initialState(),
];

type Shape = { id: string; ders?: readonly string[]; children?: Shape[] };
const shape = (node: PortfolioTreeNode): Shape => ({
  id: node.portfolioId,
  ...(node.derIds.length > 0 && { ders: node.derIds }),
  ...(node.children.length > 0 && { children: node.children.map(shape) }),
});
const treeOn = (day: string) => buildPortfolioTree(TradingDay.parse(day), portfolios, ders);

describe('the portfolio tree as of a trading day', () => {
  it('shows every portfolio as a root before any membership starts', () => {
    const tree = treeOn('2025-03-10');
    expect(tree.roots.map(shape)).toEqual(
      ['c1', 'c2', 'm1', 'm2', 'm3', 'm4', 'w1'].map((id) => ({ id })),
    );
    expect(tree.looseDerIds).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
  });

  it('nests communities and micro-VPPs under the wholesale VPP, with their DERs', () => {
    const tree = treeOn(D1);
    expect(tree.roots.map(shape)).toEqual([
      { id: 'm4' },
      {
        id: 'w1',
        children: [
          {
            id: 'c1',
            children: [
              { id: 'm1', ders: ['d1', 'd2'] },
              { id: 'm2', ders: ['d4', 'd6'] },
            ],
          },
          { id: 'c2', children: [{ id: 'm3', ders: ['d3'] }] },
        ],
      },
    ]);
    expect(tree.looseDerIds).toEqual(['d5']);
    expect(tree.day).toBe(D1);
  });

  it('follows a move, and keeps a DER decommissioned during the day until the day ends', () => {
    const [w1] = treeOn(D3).roots;
    expect(w1 && shape(w1)).toEqual({
      id: 'w1',
      children: [
        {
          id: 'c1',
          children: [
            { id: 'm1', ders: ['d1', 'd2'] },
            { id: 'm2', ders: ['d6'] },
          ],
        },
        { id: 'c2', children: [{ id: 'm3', ders: ['d3'] }] },
        { id: 'm4', ders: ['d4'] },
      ],
    });
    expect(treeOn('2025-03-14').roots.flatMap(derIdsUnder)).not.toContain('d6');
  });

  it('drops closed portfolios: their children become roots', () => {
    const tree = treeOn(D5);
    expect(tree.roots.map(shape)).toEqual([
      { id: 'm3', ders: ['d3'] },
      {
        id: 'w1',
        children: [
          { id: 'c1', children: [{ id: 'm1', ders: ['d1', 'd2'] }] },
          { id: 'm4', ders: ['d4'] },
        ],
      },
    ]);
  });

  it('carries the settings in force on the day', () => {
    const m4 = treeOn(D3).roots[0]?.children.find((n) => n.portfolioId === 'm4');
    expect(m4?.settings).toEqual(micro({ gridExportLimitKw: kw(0) }));
    expect(m4?.tier).toBe('micro');
  });
});
