import type {
  AttachPortfolioToParent,
  CommunitySettings,
  CreatePortfolio,
  MicroSettings,
  PortfolioEvent,
  PortfolioSettings,
  WholesaleSettings,
} from '../../../domain/portfolios/index.js';
import { kw, krwPerKwh } from '../../../domain/shared/units.js';
import { FIRST_OPEN_DAY, NOW } from './der.builders.js';

export const micro = (o: Partial<MicroSettings> = {}): MicroSettings => ({
  tier: 'micro',
  siteId: 'v2x-testbed',
  gridImportLimitKw: kw(200),
  gridExportLimitKw: kw(100),
  tariff: { kind: 'flat', importKrwPerKwh: krwPerKwh(150), exportKrwPerKwh: krwPerKwh(90) },
  ...o,
});

export const community = (o: Partial<CommunitySettings> = {}): CommunitySettings => ({
  tier: 'community',
  internalPrice: { kind: 'midpoint' },
  ...o,
});

export const wholesale = (o: Partial<WholesaleSettings> = {}): WholesaleSettings => ({
  tier: 'wholesale',
  kpxParticipantId: 'KPX-VPP-0001',
  market: 'mainland',
  ...o,
});

export const createPortfolio = (
  settings: PortfolioSettings,
  o: Partial<CreatePortfolio['data']> = {},
): CreatePortfolio => ({
  type: 'CreatePortfolio',
  data: { portfolioId: 'p-1', name: 'V2X testbed', settings, now: NOW, ...o },
});

export const portfolioCreated = (
  settings: PortfolioSettings,
  portfolioId = 'p-1',
  createdAt = NOW,
): PortfolioEvent => ({
  type: 'PortfolioCreated',
  data: { portfolioId, name: 'V2X testbed', settings, createdAt },
});

export const attachPortfolio = (
  o: Partial<AttachPortfolioToParent['data']> = {},
): AttachPortfolioToParent => ({
  type: 'AttachPortfolioToParent',
  data: {
    portfolioId: 'p-1',
    parentId: 'community-1',
    parentTier: 'community',
    parentStatus: 'open',
    fromDay: FIRST_OPEN_DAY,
    firstOpenDay: FIRST_OPEN_DAY,
    now: NOW,
    ...o,
  },
});

export const portfolioAttached = (
  parentId: string,
  parentTier: PortfolioSettings['tier'],
  fromDay = FIRST_OPEN_DAY,
  portfolioId = 'p-1',
): PortfolioEvent => ({
  type: 'PortfolioAttachedToParent',
  data: { portfolioId, parentId, parentTier, fromDay, attachedAt: NOW },
});
