// One claim or points exchange, from the tap to the agent's answer, as a pure reducer. A tap makes a new claim
// id (in the action, so this stays pure); "try again" after a failed send reuses it, so the agent (and HQ)
// see one claim however many times it is sent. An exchange asks for confirmation first.
import type { ClaimRefusal } from '../../../../contracts/api.ts';
import type { Offer } from '../../../../contracts/members.ts';

export type ClaimFlow =
  | { stage: 'idle' }
  | { stage: 'confirm'; offer: Offer }
  | { stage: 'sending'; offer: Offer; claimId: string }
  /** The request may or may not have reached the agent: retrying with the same id is safe. */
  | { stage: 'not_sent'; offer: Offer; claimId: string }
  | { stage: 'refused'; offer: Offer; reason: ClaimRefusal }
  | { stage: 'claimed'; offer: Offer; claimId: string };

export type ClaimAction =
  /** The claim / exchange button of an offer; `claimId` is fresh for this tap. */
  | { type: 'tap'; offer: Offer; claimId: string }
  /** "Exchange" on the confirmation step; `claimId` is fresh for this tap. */
  | { type: 'confirm'; claimId: string }
  | { type: 'retry' }
  | { type: 'claimed'; claimId: string }
  | { type: 'refused'; claimId: string; reason: ClaimRefusal }
  | { type: 'notSent'; claimId: string }
  /** Cancel, close or done. */
  | { type: 'dismiss' };

export const noClaim: ClaimFlow = { stage: 'idle' };

export function claimReducer(state: ClaimFlow, action: ClaimAction): ClaimFlow {
  switch (action.type) {
    case 'tap':
      // One claim at a time: a second tap while one is being sent or shown is ignored.
      if (state.stage !== 'idle') return state;
      return action.offer.action === 'exchange' ? { stage: 'confirm', offer: action.offer } : { stage: 'sending', offer: action.offer, claimId: action.claimId };
    case 'confirm':
      return state.stage === 'confirm' ? { stage: 'sending', offer: state.offer, claimId: action.claimId } : state;
    case 'retry':
      return state.stage === 'not_sent' ? { stage: 'sending', offer: state.offer, claimId: state.claimId } : state;
    case 'claimed':
      return state.stage === 'sending' && state.claimId === action.claimId ? { stage: 'claimed', offer: state.offer, claimId: state.claimId } : state;
    case 'refused':
      return state.stage === 'sending' && state.claimId === action.claimId ? { stage: 'refused', offer: state.offer, reason: action.reason } : state;
    case 'notSent':
      return state.stage === 'sending' && state.claimId === action.claimId ? { stage: 'not_sent', offer: state.offer, claimId: state.claimId } : state;
    case 'dismiss':
      // Closing while the request is out would lose track of it; the sheet offers no close button then.
      return state.stage === 'sending' ? state : noClaim;
  }
}

/** A claim id the agent accepts (16-64 of [A-Za-z0-9_-]): a random UUID. */
export function newClaimId(): string {
  return crypto.randomUUID();
}
