import {
  derDecider,
  membershipOn,
  type DerCommand,
  type DerEvent,
} from '../../../domain/ders/index.js';
import { deciderSpec } from '../../support/decider-spec.js';
import {
  FIRST_OPEN_DAY,
  NOW,
  TODAY,
  assignDer,
  derAssigned,
  derRegistered,
  pv,
} from '../../support/builders/der.builders.js';

const { given } = deciderSpec(derDecider);

const remove = (fromDay: string): DerCommand => ({
  type: 'RemoveDerFromPortfolio',
  data: { derId: 'der-1', fromDay, firstOpenDay: FIRST_OPEN_DAY, now: NOW },
});
const removed = (fromDay: string): DerEvent => ({
  type: 'DerRemovedFromPortfolio',
  data: { derId: 'der-1', fromDay, removedAt: NOW },
});

const registered = derRegistered(pv());

describe('DER membership in a micro-VPP', () => {
  it('starts on the first day not yet bid', () => {
    const state = given([registered])
      .when(assignDer())
      .then([derAssigned('micro-a', FIRST_OPEN_DAY)]);
    expect(membershipOn(state, TODAY)).toBeUndefined();
    expect(membershipOn(state, FIRST_OPEN_DAY)).toBe('micro-a');
    expect(membershipOn(state, '2030-01-01')).toBe('micro-a');
  });

  it('never changes a day already bid', () => {
    given([registered])
      .when(assignDer({ fromDay: TODAY, firstOpenDay: '2025-03-12' }))
      .thenThrows('DER.MEMBERSHIP_DAY_CLOSED', 'fromDay');
    given([registered])
      .when(assignDer({ fromDay: FIRST_OPEN_DAY, firstOpenDay: '2025-03-12' }))
      .thenThrows('DER.MEMBERSHIP_DAY_CLOSED', 'fromDay');
  });

  it('never changes today, even if the caller says today is open', () => {
    given([registered])
      .when(assignDer({ fromDay: TODAY, firstOpenDay: TODAY }))
      .thenThrows('DER.MEMBERSHIP_DAY_CLOSED', 'fromDay');
  });

  it('treats the same assignment again as a retry', () => {
    given([registered, derAssigned('micro-a', FIRST_OPEN_DAY)])
      .when(assignDer())
      .then([]);
  });

  it('returns [] for a later assignment to the micro-VPP it is already in', () => {
    given([registered, derAssigned('micro-a', FIRST_OPEN_DAY)])
      .when(assignDer({ fromDay: '2025-03-20' }))
      .then([]);
  });

  it('moves the DER: the old membership ends the day the new one starts', () => {
    const state = given([registered, derAssigned('micro-a', FIRST_OPEN_DAY)])
      .when(assignDer({ microPortfolioId: 'micro-b', fromDay: '2025-03-15' }))
      .then([derAssigned('micro-b', '2025-03-15')]);
    expect(membershipOn(state, '2025-03-14')).toBe('micro-a');
    expect(membershipOn(state, '2025-03-15')).toBe('micro-b');
  });

  it('replaces a move planned later by an earlier one', () => {
    const state = given([
      registered,
      derAssigned('micro-a', FIRST_OPEN_DAY),
      derAssigned('micro-b', '2025-03-20'),
    ])
      .when(assignDer({ microPortfolioId: 'micro-c', fromDay: '2025-03-15' }))
      .then([derAssigned('micro-c', '2025-03-15')]);
    expect(membershipOn(state, '2025-03-25')).toBe('micro-c');
  });

  it('removes the DER from a day on, cancelling moves planned after it', () => {
    const state = given([
      registered,
      derAssigned('micro-a', FIRST_OPEN_DAY),
      derAssigned('micro-b', '2025-03-20'),
    ])
      .when(remove('2025-03-15'))
      .then([removed('2025-03-15')]);
    expect(membershipOn(state, '2025-03-14')).toBe('micro-a');
    expect(membershipOn(state, '2025-03-15')).toBeUndefined();
    expect(membershipOn(state, '2025-03-25')).toBeUndefined();
  });

  it('returns [] when removing a DER that is in no micro-VPP from that day', () => {
    given([registered]).when(remove(FIRST_OPEN_DAY)).then([]);
    given([registered, derAssigned('micro-a', FIRST_OPEN_DAY), removed('2025-03-15')])
      .when(remove('2025-03-16'))
      .then([]);
  });

  it('removes on open days only', () => {
    given([registered, derAssigned('micro-a', FIRST_OPEN_DAY)])
      .when(remove(TODAY))
      .thenThrows('DER.MEMBERSHIP_DAY_CLOSED', 'fromDay');
  });

  it('joins only micro-VPPs', () => {
    given([registered])
      .when(assignDer({ portfolioTier: 'community' }))
      .thenThrows('DER.PORTFOLIO_NOT_MICRO', 'microPortfolioId');
  });

  it('never joins a closed micro-VPP', () => {
    given([registered])
      .when(assignDer({ portfolioStatus: 'closed' }))
      .thenThrows('DER.PORTFOLIO_CLOSED', 'microPortfolioId');
  });

  it.each([
    ['microPortfolioId', { microPortfolioId: 'no spaces' }],
    ['fromDay', { fromDay: '2025-02-30' }],
    ['firstOpenDay', { firstOpenDay: '11/03/2025' }],
  ])('rejects a malformed %s', (field, override) => {
    given([registered]).when(assignDer(override)).thenThrows('DER.INVALID_INPUT', field);
  });
});
