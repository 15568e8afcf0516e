import fc from 'fast-check';
import type { PortfolioSettings } from '../../domain/portfolios/index.js';
import { community, micro, wholesale } from './builders/portfolio.builders.js';

// Few ids and days, so that random sequences hit moves, refusals and retries often.
export const SETTINGS: Readonly<Record<string, PortfolioSettings>> = {
  w: wholesale(),
  c1: community(),
  c2: community(),
  m1: micro(),
  m2: micro(),
  m3: micro(),
};
export const PORTFOLIO_IDS = Object.keys(SETTINGS);
export const DER_IDS = ['d1', 'd2', 'd3', 'd4'];

export type AssetStep =
  | { readonly kind: 'create'; readonly id: string }
  | {
      readonly kind: 'attach';
      readonly id: string;
      readonly parentId: string;
      readonly inDays: number;
    }
  | { readonly kind: 'detach' | 'close'; readonly id: string; readonly inDays: number }
  | { readonly kind: 'register' | 'decommission'; readonly derId: string }
  | {
      readonly kind: 'assign';
      readonly derId: string;
      readonly microId: string;
      readonly inDays: number;
    }
  | { readonly kind: 'remove'; readonly derId: string; readonly inDays: number }
  | { readonly kind: 'nextDay' };

const portfolioId = fc.constantFrom(...PORTFOLIO_IDS);
const derId = fc.constantFrom(...DER_IDS);
const inDays = fc.integer({ min: 0, max: 3 });
// Mostly links the tier rules allow, sometimes any pair (which the deciders refuse).
const childAndParent = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      ['m1', 'c1'],
      ['m2', 'c1'],
      ['m2', 'c2'],
      ['m3', 'c2'],
      ['m1', 'w'],
      ['c1', 'w'],
      ['c2', 'w'],
    ),
  },
  { weight: 1, arbitrary: fc.tuple(portfolioId, portfolioId) },
);
const microId = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('m1', 'm2', 'm3') },
  { weight: 1, arbitrary: portfolioId },
);

export const assetStep: fc.Arbitrary<AssetStep> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), id: portfolioId }) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(childAndParent, inDays)
      .map(([[id, parentId], days]): AssetStep => ({ kind: 'attach', id, parentId, inDays: days })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('detach' as const, 'close' as const),
      id: portfolioId,
      inDays,
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('register' as const), derId }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('decommission' as const), derId }) },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('assign' as const), derId, microId, inDays }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), derId, inDays }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'nextDay' as const }) },
);

const SETUP: AssetStep[] = [
  ...PORTFOLIO_IDS.map((id): AssetStep => ({ kind: 'create', id })),
  ...DER_IDS.map((id): AssetStep => ({ kind: 'register', derId: id })),
];

/**
 * A history: most portfolios created and DERs registered (in any order, some missing), then
 * random steps, so that most histories have links and members to get right.
 */
export const assetHistory: fc.Arbitrary<AssetStep[]> = fc
  .tuple(
    fc.shuffledSubarray(SETUP, { minLength: SETUP.length - 3 }),
    fc.array(assetStep, { minLength: 5, maxLength: 60, size: 'max' }),
  )
  .map(([setup, rest]) => [...setup, ...rest]);
