import { MAX_PORTFOLIO_ID_LENGTH } from '../portfolios/portfolio-ids.js';
import type { AssignDerToPortfolio, RemoveDerFromPortfolio } from './der.commands.js';
import type { DerEvent } from './der.events.js';
import { derError, invalidInput, type DerErrorCode } from './der.errors.js';
import { mustBeActive } from './der.guards.js';
import type { DerState, RegisteredDer } from './der.state.js';
import { sameTimeline, setFrom } from '../shared/effective-timeline.js';
import { entityId } from '../shared/input-parsing.js';
import { openDay as mustBeOpenDay, type OpenDayInput } from '../shared/open-day.js';

/**
 * Membership lives on the DER's stream, so the expected revision of that one stream guarantees a
 * DER is in at most one micro-VPP on any day: every change states the membership from `fromDay`
 * on, replacing anything planned from then, and so can never overlap another.
 */
export const assignToPortfolio = ({ data }: AssignDerToPortfolio, state: DerState): DerEvent[] => {
  const der = mustBeActive(state, data.derId);
  const microPortfolioId = entityId(
    data.microPortfolioId,
    'microPortfolioId',
    invalidInput,
    MAX_PORTFOLIO_ID_LENGTH,
  );
  const { now, fromDay } = openDay(data);
  if (data.portfolioTier !== 'micro')
    throw derError(
      'DER.PORTFOLIO_NOT_MICRO',
      `a DER joins a micro-VPP, and ${microPortfolioId} is a ${String(data.portfolioTier)} VPP`,
      'microPortfolioId',
    );
  if (data.portfolioStatus !== 'open')
    throw derError(
      'DER.PORTFOLIO_CLOSED',
      `micro-VPP ${microPortfolioId} is closed`,
      'microPortfolioId',
    );
  return changeMembership(der, fromDay, microPortfolioId, () => ({
    type: 'DerAssignedToPortfolio',
    data: { derId: der.derId, microPortfolioId, fromDay: fromDay, assignedAt: now },
  }));
};

export const removeFromPortfolio = (
  { data }: RemoveDerFromPortfolio,
  state: DerState,
): DerEvent[] => {
  const der = mustBeActive(state, data.derId);
  const { now, fromDay } = openDay(data);
  return changeMembership(der, fromDay, null, () => ({
    type: 'DerRemovedFromPortfolio',
    data: { derId: der.derId, fromDay: fromDay, removedAt: now },
  }));
};

const openDay = (data: OpenDayInput) =>
  mustBeOpenDay(data, invalidInput, 'DER.MEMBERSHIP_DAY_CLOSED' satisfies DerErrorCode);

const changeMembership = (
  der: RegisteredDer,
  fromDay: string,
  microPortfolioId: string | null,
  event: () => DerEvent,
): DerEvent[] =>
  sameTimeline(setFrom(der.membership, fromDay, microPortfolioId), der.membership)
    ? [] // already so from that day on: a retry, or nothing to remove
    : [event()];
