import { failWith } from '../shared/input-parsing.js';
import { entityId } from '../shared/input-parsing.js';
import { derError, type DerErrorCode } from './der.errors.js';
import { isRegistered, type DerState, type RegisteredDer } from './der.state.js';

/** `der-` plus the id must fit the store's 200-character stream id. */
export const MAX_DER_ID_LENGTH = 196;

export const derIdOf = (value: unknown): string =>
  entityId(value, 'derId', failWith('DER.INVALID_ID' satisfies DerErrorCode), MAX_DER_ID_LENGTH);

export const mustBeRegistered = (state: DerState, derId: string): RegisteredDer => {
  if (!isRegistered(state))
    throw derError('DER.NOT_REGISTERED', `DER ${String(derId)} is not registered`, 'derId');
  return state;
};

/** Registered and not decommissioned, even from a future instant: it can no longer change. */
export const mustBeActive = (state: DerState, derId: string): RegisteredDer => {
  const der = mustBeRegistered(state, derId);
  if (der.status === 'decommissioned')
    throw derError('DER.DECOMMISSIONED', `DER ${der.derId} is decommissioned`, 'derId', {
      decommissionedFrom: der.decommissionedFrom,
    });
  return der;
};
