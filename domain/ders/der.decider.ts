import type { Decider } from '../shared/decider.js';
import type { DerCommand } from './der.commands.js';
import { decideDer } from './der.decide.js';
import type { DerEvent } from './der.events.js';
import { evolveDer } from './der.evolve.js';
import { derIdOf } from './der.guards.js';
import { initialDerState, type DerState } from './der.state.js';

/** Stream `der-{derId}`; `DER.INVALID_ID` unless the id fits a stream id. */
export const toDerStreamId = (derId: string): string => `der-${derIdOf(derId)}`;

export const derDecider: Decider<DerCommand, DerEvent, DerState> = {
  initialState: initialDerState,
  decide: decideDer,
  evolve: evolveDer,
};
