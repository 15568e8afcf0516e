import {
  isLiveOn,
  portfolioDecider,
  settingsOn,
  toPortfolioStreamId,
  type PortfolioCommand,
  type PortfolioEvent,
  type PortfolioSettings,
} from '../../../domain/portfolios/index.js';
import { krwPerKwh, kw } from '../../../domain/shared/units.js';
import { deciderSpec } from '../../support/decider-spec.js';
import { expectDomainError } from '../../support/expect-domain-error.js';
import { FIRST_OPEN_DAY, NOW, TODAY } from '../../support/builders/der.builders.js';
import {
  attachPortfolio,
  community,
  createPortfolio,
  micro,
  portfolioCreated,
  wholesale,
} from '../../support/builders/portfolio.builders.js';

const { given } = deciderSpec(portfolioDecider);

const changeSettings = (
  settings: PortfolioSettings,
  fromDay = FIRST_OPEN_DAY,
): PortfolioCommand => ({
  type: 'ChangePortfolioSettings',
  data: { portfolioId: 'p-1', settings, fromDay, firstOpenDay: FIRST_OPEN_DAY, now: NOW },
});
const settingsChanged = (
  settings: PortfolioSettings,
  fromDay = FIRST_OPEN_DAY,
): PortfolioEvent => ({
  type: 'PortfolioSettingsChanged',
  data: { portfolioId: 'p-1', settings, fromDay, changedAt: NOW },
});
const close = (fromDay = '2025-03-20'): PortfolioCommand => ({
  type: 'ClosePortfolio',
  data: { portfolioId: 'p-1', fromDay, firstOpenDay: FIRST_OPEN_DAY, now: NOW },
});
const closed: PortfolioEvent = {
  type: 'PortfolioClosed',
  data: { portfolioId: 'p-1', fromDay: '2025-03-20', closedAt: NOW },
};

describe('creating a portfolio', () => {
  it.each<[string, PortfolioSettings]>([
    ['micro', micro()],
    ['community', community({ internalPrice: { kind: 'fixed', priceKrwPerKwh: krwPerKwh(120) } })],
    ['wholesale', wholesale({ market: 'jeju' })],
  ])('creates a %s VPP, live from the day of creation', (_tier, settings) => {
    const state = given([])
      .when(createPortfolio(settings))
      .then([portfolioCreated(settings)]);
    expect(isLiveOn(state, TODAY)).toBe(true);
    expect(isLiveOn(state, '2025-03-09')).toBe(false);
    expect(settingsOn(state, TODAY)).toEqual(settings);
  });

  it('treats the same creation again as a retry, and other settings as a conflict', () => {
    given([portfolioCreated(micro())])
      .when(createPortfolio(micro()))
      .then([]);
    given([portfolioCreated(micro())])
      .when(createPortfolio(micro({ gridImportLimitKw: kw(250) })))
      .thenThrows('PORTFOLIO.ALREADY_CREATED', 'portfolioId');
    given([portfolioCreated(micro())])
      .when(createPortfolio(micro(), { name: 'Another name' }))
      .thenThrows('PORTFOLIO.ALREADY_CREATED', 'portfolioId');
  });

  it.each([
    ['portfolioId', 'PORTFOLIO.INVALID_ID', { portfolioId: 'a b' }],
    ['name', 'PORTFOLIO.INVALID_INPUT', { name: '  ' }],
    ['now', 'PORTFOLIO.INVALID_INPUT', { now: '2025-03-10 10:00' }],
  ])('rejects a malformed %s', (field, code, override) => {
    given([]).when(createPortfolio(micro(), override)).thenThrows(code, field);
  });

  it('names its stream portfolio-{id}', () => {
    expect(toPortfolioStreamId('jeju-community.1')).toBe('portfolio-jeju-community.1');
    expectDomainError(() => toPortfolioStreamId(''), 'PORTFOLIO.INVALID_ID');
  });
});

describe('changing settings', () => {
  it('takes effect from an open day; the old settings hold until then', () => {
    const raised = micro({ gridExportLimitKw: kw(150) });
    const state = given([portfolioCreated(micro())])
      .when(changeSettings(raised, '2025-03-15'))
      .then([settingsChanged(raised, '2025-03-15')]);
    expect(settingsOn(state, '2025-03-14')).toEqual(micro());
    expect(settingsOn(state, '2025-03-15')).toEqual(raised);
  });

  it('never changes a day already bid', () => {
    given([portfolioCreated(micro())])
      .when(changeSettings(micro({ gridExportLimitKw: kw(0) }), TODAY))
      .thenThrows('PORTFOLIO.DAY_CLOSED', 'fromDay');
  });

  it('returns [] when nothing would change', () => {
    given([portfolioCreated(micro())])
      .when(changeSettings(micro()))
      .then([]);
  });

  it('never changes the tier', () => {
    given([portfolioCreated(micro())])
      .when(changeSettings(community()))
      .thenThrows('PORTFOLIO.TIER_MISMATCH', 'settings.tier');
  });

  it('is refused for a portfolio that does not exist', () => {
    given([]).when(changeSettings(micro())).thenThrows('PORTFOLIO.NOT_FOUND', 'portfolioId');
  });
});

describe('closing', () => {
  it('ends the portfolio from an open day', () => {
    const state = given([portfolioCreated(micro())])
      .when(close())
      .then([closed]);
    expect(isLiveOn(state, '2025-03-19')).toBe(true);
    expect(isLiveOn(state, '2025-03-20')).toBe(false);
  });

  it('cannot close a day already bid, or close again from another day', () => {
    given([portfolioCreated(micro())])
      .when(close(TODAY))
      .thenThrows('PORTFOLIO.DAY_CLOSED', 'fromDay');
    given([portfolioCreated(micro()), closed])
      .when(close('2025-03-25'))
      .thenThrows('PORTFOLIO.CLOSED', 'portfolioId');
  });

  it.each<[string, PortfolioCommand]>([
    ['re-created', createPortfolio(micro())],
    ['changed', changeSettings(micro({ gridImportLimitKw: kw(10) }))],
    ['attached to a parent', attachPortfolio()],
    [
      'detached',
      {
        type: 'DetachPortfolioFromParent',
        data: {
          portfolioId: 'p-1',
          fromDay: FIRST_OPEN_DAY,
          firstOpenDay: FIRST_OPEN_DAY,
          now: NOW,
        },
      },
    ],
  ])('leaves a closed portfolio that cannot be %s', (_what, command) => {
    given([portfolioCreated(micro()), closed])
      .when(command)
      .thenThrows('PORTFOLIO.CLOSED', 'portfolioId');
  });
});
