import {
  parentOn,
  portfolioDecider,
  type PortfolioCommand,
  type PortfolioEvent,
  type PortfolioSettings,
  type PortfolioTier,
} from '../../../domain/portfolios/index.js';
import { deciderSpec } from '../../support/decider-spec.js';
import { FIRST_OPEN_DAY, NOW, TODAY } from '../../support/builders/der.builders.js';
import {
  attachPortfolio,
  community,
  micro,
  portfolioAttached,
  portfolioCreated,
  wholesale,
} from '../../support/builders/portfolio.builders.js';

const { given } = deciderSpec(portfolioDecider);

const detach = (fromDay: string): PortfolioCommand => ({
  type: 'DetachPortfolioFromParent',
  data: { portfolioId: 'p-1', fromDay, firstOpenDay: FIRST_OPEN_DAY, now: NOW },
});
const detached = (fromDay: string): PortfolioEvent => ({
  type: 'PortfolioDetachedFromParent',
  data: { portfolioId: 'p-1', fromDay, detachedAt: NOW },
});

const created = portfolioCreated(micro());
const SETTINGS: Record<PortfolioTier, PortfolioSettings> = {
  micro: micro(),
  community: community(),
  wholesale: wholesale(),
};

describe('attaching a portfolio to a parent', () => {
  it.each<[PortfolioTier, PortfolioTier]>([
    ['micro', 'community'],
    ['micro', 'wholesale'],
    ['community', 'wholesale'],
  ])('puts a %s VPP in a %s VPP from an open day', (child, parent) => {
    const state = given([portfolioCreated(SETTINGS[child])])
      .when(attachPortfolio({ parentId: 'parent-1', parentTier: parent }))
      .then([portfolioAttached('parent-1', parent)]);
    expect(parentOn(state, TODAY)).toBeUndefined();
    expect(parentOn(state, FIRST_OPEN_DAY)).toEqual({ parentId: 'parent-1', parentTier: parent });
  });

  it.each<[PortfolioTier, PortfolioTier]>([
    ['micro', 'micro'],
    ['community', 'community'],
    ['community', 'micro'],
    ['wholesale', 'wholesale'],
    ['wholesale', 'community'],
  ])('refuses a %s VPP in a %s VPP: a tier holds only lower tiers', (child, parent) => {
    given([portfolioCreated(SETTINGS[child])])
      .when(attachPortfolio({ parentId: 'parent-1', parentTier: parent }))
      .thenThrows('PORTFOLIO.TIER_NOT_ALLOWED', 'parentId');
  });

  it('refuses a closed parent', () => {
    given([created])
      .when(attachPortfolio({ parentStatus: 'closed' }))
      .thenThrows('PORTFOLIO.PARENT_CLOSED', 'parentId');
  });

  it('never changes a day already bid', () => {
    given([created])
      .when(attachPortfolio({ fromDay: TODAY, firstOpenDay: TODAY }))
      .thenThrows('PORTFOLIO.DAY_CLOSED', 'fromDay');
    given([created])
      .when(attachPortfolio({ firstOpenDay: '2025-03-12' }))
      .thenThrows('PORTFOLIO.DAY_CLOSED', 'fromDay');
  });

  it('treats the same attachment again as a retry', () => {
    given([created, portfolioAttached('community-1', 'community')])
      .when(attachPortfolio())
      .then([]);
  });

  it('moves to another parent: one parent on any day', () => {
    const state = given([created, portfolioAttached('community-1', 'community')])
      .when(attachPortfolio({ parentId: 'community-2', fromDay: '2025-03-15' }))
      .then([portfolioAttached('community-2', 'community', '2025-03-15')]);
    expect(parentOn(state, '2025-03-14')?.parentId).toBe('community-1');
    expect(parentOn(state, '2025-03-15')?.parentId).toBe('community-2');
  });

  it.each([
    ['parentId', { parentId: 'bad id' }],
    ['parentTier', { parentTier: 'regional' as PortfolioTier }],
    ['fromDay', { fromDay: '2025-3-15' }],
  ])('rejects a malformed %s', (field, override) => {
    given([created]).when(attachPortfolio(override)).thenThrows('PORTFOLIO.INVALID_INPUT', field);
  });
});

describe('detaching a portfolio', () => {
  it('leaves the parent from an open day, cancelling moves planned after it', () => {
    const state = given([
      created,
      portfolioAttached('community-1', 'community'),
      portfolioAttached('community-2', 'community', '2025-03-20'),
    ])
      .when(detach('2025-03-15'))
      .then([detached('2025-03-15')]);
    expect(parentOn(state, '2025-03-14')?.parentId).toBe('community-1');
    expect(parentOn(state, '2025-03-25')).toBeUndefined();
  });

  it('returns [] when there is no parent to leave', () => {
    given([created]).when(detach(FIRST_OPEN_DAY)).then([]);
  });

  it('never changes a day already bid', () => {
    given([created, portfolioAttached('community-1', 'community')])
      .when(detach(TODAY))
      .thenThrows('PORTFOLIO.DAY_CLOSED', 'fromDay');
  });
});
