import type { BidEvent } from './bid.events.js';
import { bidExists, type BidState, type ExistingBid, type Submission } from './bid.state.js';

export const evolveBid = (state: BidState, event: BidEvent): BidState => {
  if (event.type === 'BidDrafted') {
    const draft = event.data;
    const { portfolioId, market, tradingDay, intervalMinutes, intervals } = draft;
    // A new draft replaces the curves and starts counting amendments again; history stays.
    return bidExists(state)
      ? {
          ...state,
          status: 'drafted',
          draft,
          drafts: [...state.drafts, draft],
          intervals,
          amendments: 0,
        }
      : {
          status: 'drafted',
          portfolioId,
          market,
          tradingDay,
          intervalMinutes,
          draft,
          drafts: [draft],
          intervals,
          amendments: 0,
          submissions: [],
        };
  }
  return bidExists(state) ? evolveExisting(state, event) : state;
};

const evolveExisting = (bid: ExistingBid, event: BidEvent): ExistingBid => {
  switch (event.type) {
    case 'BidAmended':
      return {
        ...bid,
        status: 'amended',
        intervals: event.data.intervals,
        amendments: bid.amendments + 1,
      };
    case 'BidSubmitted': {
      const { intervals, ...submission } = event.data;
      return {
        ...bid,
        status: 'submitted',
        intervals,
        submissions: [...bid.submissions, submission],
      };
    }
    case 'BidAcknowledged': {
      const { submissionId, exchangeBidId, acknowledgedAt } = event.data;
      return answered(bid, submissionId, 'acknowledged', { exchangeBidId, acknowledgedAt });
    }
    case 'BidRejected': {
      const { submissionId, ...rejection } = event.data;
      return answered(bid, submissionId, 'rejected', { rejection });
    }
    case 'BidWithdrawn': {
      const { submissionId, ...withdrawal } = event.data;
      return answered(bid, submissionId, 'withdrawn', { withdrawal });
    }
    case 'BidCleared':
      return {
        ...bid,
        status: 'cleared',
        awards: event.data.awards,
        clearedAt: event.data.clearedAt,
      };
    default:
      return bid; // tolerate event types added by newer versions
  }
};

/** Records the answer on its submission; the bid's status follows its last submission only. */
const answered = (
  bid: ExistingBid,
  submissionId: string,
  status: 'acknowledged' | 'rejected' | 'withdrawn',
  answer: Partial<Submission>,
): ExistingBid => ({
  ...bid,
  status: bid.submissions.at(-1)?.submissionId === submissionId ? status : bid.status,
  submissions: bid.submissions.map((s) =>
    s.submissionId === submissionId ? { ...s, ...answer } : s,
  ),
});
