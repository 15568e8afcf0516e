import type { BidCommand } from './bid.commands.js';
import type { BidEvent } from './bid.events.js';
import { acknowledgeBid, clearBid, rejectBid } from './bid-exchange.decide.js';
import { amendBid, draftBid, submitBid, withdrawBid } from './bid-trader.decide.js';
import type { BidState } from './bid.state.js';

/**
 * The bid's transitions (status before -> event -> status after). `gate` is the day-ahead gate
 * from the market calendar of the command's rules; "at or after the gate" is closed.
 *
 *   none | drafted | amended | rejected | withdrawn --DraftBid (before gate)--> drafted
 *   drafted | amended | rejected | withdrawn        --AmendBid (before gate)--> amended
 *   drafted | amended       --SubmitBid (before gate, market rules hold)--> submitted
 *   submitted               --AcknowledgeBid--> acknowledged
 *   submitted               --RejectBid--> rejected
 *   acknowledged            --WithdrawBid (before gate)--> withdrawn
 *   acknowledged            --ClearBid (at or after gate, awards within the curves)--> cleared
 *
 * Everything else is refused with a stable code, except a retry of what is already recorded
 * (same draft id and content, same curves, same submission id, same answer, a second
 * withdrawal, the same awards), which returns `[]` whenever it arrives, even after the gate.
 */
export const decideBid = (command: BidCommand, state: BidState): BidEvent[] => {
  switch (command.type) {
    case 'DraftBid':
      return draftBid(command, state);
    case 'AmendBid':
      return amendBid(command, state);
    case 'SubmitBid':
      return submitBid(command, state);
    case 'AcknowledgeBid':
      return acknowledgeBid(command, state);
    case 'RejectBid':
      return rejectBid(command, state);
    case 'WithdrawBid':
      return withdrawBid(command, state);
    case 'ClearBid':
      return clearBid(command, state);
  }
};
