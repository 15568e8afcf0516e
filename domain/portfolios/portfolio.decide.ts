import { sameTimeline, setFrom, type Timeline } from '../shared/effective-timeline.js';
import { entityId, failWith, oneOf, sameJson, text } from '../shared/input-parsing.js';
import { isoInstant } from '../shared/iso-instant.js';
import { openDay as mustBeOpenDay, type OpenDayInput } from '../shared/open-day.js';
import type {
  AttachPortfolioToParent,
  ChangePortfolioSettings,
  ClosePortfolio,
  CreatePortfolio,
  DetachPortfolioFromParent,
  PortfolioCommand,
} from './portfolio.commands.js';
import type { PortfolioEvent } from './portfolio.events.js';
import { invalidInput, portfolioError, type PortfolioErrorCode } from './portfolio.errors.js';
import { MAX_PORTFOLIO_ID_LENGTH } from './portfolio-ids.js';
import { validatePortfolioSettings } from './portfolio-settings.validation.js';
import { portfolioExists, type ExistingPortfolio, type PortfolioState } from './portfolio.state.js';
import { PORTFOLIO_TIERS, canHold } from './portfolio-tier.js';

export const decidePortfolio = (
  command: PortfolioCommand,
  state: PortfolioState,
): PortfolioEvent[] => {
  switch (command.type) {
    case 'CreatePortfolio':
      return create(command, state);
    case 'ChangePortfolioSettings':
      return changeSettings(command, state);
    case 'AttachPortfolioToParent':
      return attach(command, state);
    case 'DetachPortfolioFromParent':
      return detach(command, state);
    case 'ClosePortfolio':
      return close(command, state);
  }
};

const idOf = (value: unknown, field: string, code: PortfolioErrorCode): string =>
  entityId(value, field, failWith(code), MAX_PORTFOLIO_ID_LENGTH);

const create = ({ data }: CreatePortfolio, state: PortfolioState): PortfolioEvent[] => {
  const portfolioId = idOf(data.portfolioId, 'portfolioId', 'PORTFOLIO.INVALID_ID');
  const createdAt = isoInstant(data.now, 'now', invalidInput);
  const name = text(data.name, 'name', invalidInput);
  const settings = validatePortfolioSettings(data.settings);
  if (portfolioExists(state)) {
    mustBeOpen(state);
    if (state.name === name && sameJson(state.createdWith, settings)) return []; // a retry
    throw portfolioError(
      'PORTFOLIO.ALREADY_CREATED',
      `portfolio ${portfolioId} already exists with other settings; change them instead`,
      'portfolioId',
    );
  }
  return [{ type: 'PortfolioCreated', data: { portfolioId, name, settings, createdAt } }];
};

const changeSettings = (
  { data }: ChangePortfolioSettings,
  state: PortfolioState,
): PortfolioEvent[] => {
  const portfolio = mustBeOpen(mustExist(state));
  const settings = validatePortfolioSettings(data.settings);
  const { now, fromDay } = openDay(data);
  if (settings.tier !== portfolio.tier)
    throw portfolioError(
      'PORTFOLIO.TIER_MISMATCH',
      `portfolio ${portfolio.portfolioId} is ${portfolio.tier}; its tier cannot change`,
      'settings.tier',
    );
  return unlessRecorded(portfolio.settings, setFrom(portfolio.settings, fromDay, settings), {
    type: 'PortfolioSettingsChanged',
    data: { portfolioId: portfolio.portfolioId, settings, fromDay, changedAt: now },
  });
};

const attach = ({ data }: AttachPortfolioToParent, state: PortfolioState): PortfolioEvent[] => {
  const child = mustBeOpen(mustExist(state));
  const parentId = idOf(data.parentId, 'parentId', 'PORTFOLIO.INVALID_INPUT');
  const parentTier = oneOf(data.parentTier, PORTFOLIO_TIERS, 'parentTier', invalidInput);
  const { now, fromDay } = openDay(data);
  if (!canHold(parentTier, child.tier) || parentId === child.portfolioId)
    throw portfolioError(
      'PORTFOLIO.TIER_NOT_ALLOWED',
      `a ${parentTier} VPP cannot hold a ${child.tier} VPP: a tier holds only lower tiers`,
      'parentId',
    );
  if (data.parentStatus !== 'open')
    throw portfolioError('PORTFOLIO.PARENT_CLOSED', `${parentId} is closed`, 'parentId');
  const next = setFrom(child.parent, fromDay, { parentId, parentTier });
  return unlessRecorded(child.parent, next, {
    type: 'PortfolioAttachedToParent',
    data: { portfolioId: child.portfolioId, parentId, parentTier, fromDay, attachedAt: now },
  });
};

const detach = ({ data }: DetachPortfolioFromParent, state: PortfolioState): PortfolioEvent[] => {
  const child = mustBeOpen(mustExist(state));
  const { now, fromDay } = openDay(data);
  return unlessRecorded(child.parent, setFrom(child.parent, fromDay, null), {
    type: 'PortfolioDetachedFromParent',
    data: { portfolioId: child.portfolioId, fromDay, detachedAt: now },
  });
};

const close = ({ data }: ClosePortfolio, state: PortfolioState): PortfolioEvent[] => {
  const portfolio = mustExist(state);
  const { now, fromDay } = openDay(data);
  if (portfolio.closedFromDay === fromDay) return [];
  mustBeOpen(portfolio);
  return [
    {
      type: 'PortfolioClosed',
      data: { portfolioId: portfolio.portfolioId, fromDay, closedAt: now },
    },
  ];
};

const openDay = (data: OpenDayInput) =>
  mustBeOpenDay(data, invalidInput, 'PORTFOLIO.DAY_CLOSED' satisfies PortfolioErrorCode);

/** `[]` when the change is already in the timeline: a retried command appends nothing. */
const unlessRecorded = <V>(
  before: Timeline<V>,
  after: Timeline<V>,
  event: PortfolioEvent,
): PortfolioEvent[] => (sameTimeline(before, after) ? [] : [event]);

const mustExist = (state: PortfolioState): ExistingPortfolio => {
  if (!portfolioExists(state))
    throw portfolioError('PORTFOLIO.NOT_FOUND', 'no such portfolio', 'portfolioId');
  return state;
};

const mustBeOpen = (portfolio: ExistingPortfolio): ExistingPortfolio => {
  if (portfolio.status === 'closed')
    throw portfolioError(
      'PORTFOLIO.CLOSED',
      `portfolio ${portfolio.portfolioId} is closed`,
      'portfolioId',
      { closedFromDay: portfolio.closedFromDay },
    );
  return portfolio;
};
