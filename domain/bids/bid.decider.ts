import type { Decider } from '../shared/decider.js';
import type { BidCommand } from './bid.commands.js';
import { decideBid } from './bid.decide.js';
import type { BidEvent } from './bid.events.js';
import { evolveBid } from './bid.evolve.js';
import { initialBidState, type BidState } from './bid.state.js';

/** One portfolio's day-ahead bid in one market for one day: stream `bidStreamId(...)`. */
export const bidDecider: Decider<BidCommand, BidEvent, BidState> = {
  initialState: initialBidState,
  decide: decideBid,
  evolve: evolveBid,
};
