export type * from './bid.commands.js';
export type * from './bid.events.js';
export { BID_EVENT_TYPES, BID_SOLVER_STATUSES, withoutMeasurements } from './bid.events.js';
export type { BidErrorCode } from './bid.errors.js';
export { bidDecider } from './bid.decider.js';
export { bidStreamId, MAX_BID_PORTFOLIO_ID_LENGTH } from './bid-ids.js';
export { bidMarketOn, type BidMarket } from './bid-market.js';
export {
  BID_STATUSES,
  bidExists,
  initialBidState,
  lastSubmission,
  type BidState,
  type BidStatus,
  type Draft,
  type ExistingBid,
  type Submission,
} from './bid.state.js';
