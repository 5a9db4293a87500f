// The member-scan UI as a pure reducer: whether the scan panel is open, whether a code is with the agent, and
// the message for the last refusal. A scanner or card refusal opens the panel; a refusal changes nothing else.
import type { IdentifyRefusal, IdentifySource } from '../../../../contracts/members.ts';

export type ScanMessage = IdentifyRefusal | 'failed';

export type ScanState = {
  panelOpen: boolean;
  /** Source of the code the agent is checking right now; null when none. */
  checking: IdentifySource | null;
  message: ScanMessage | null;
  /** Bumped with every message, so the same refusal twice is announced twice. */
  messageSeq: number;
};

export type ScanAction =
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'checking'; source: IdentifySource }
  | { type: 'refused'; reason: ScanMessage; source: IdentifySource }
  | { type: 'identified' }
  /** The kiosk session ended (idle): forget everything. */
  | { type: 'reset' };

export const closedScan: ScanState = { panelOpen: false, checking: null, message: null, messageSeq: 0 };

export function scanReducer(state: ScanState, action: ScanAction): ScanState {
  switch (action.type) {
    case 'open':
      return state.panelOpen ? state : { ...state, panelOpen: true, message: null };
    case 'close':
      return { ...state, panelOpen: false, message: null };
    case 'checking':
      return { ...state, checking: action.source };
    case 'refused':
      // A camera answer that arrives after the panel was closed is the camera's last word, not news to show.
      if (action.source === 'camera' && !state.panelOpen) return { ...state, checking: null };
      return { ...state, panelOpen: true, checking: null, message: action.reason, messageSeq: state.messageSeq + 1 };
    case 'identified':
      return { ...state, panelOpen: false, checking: null, message: null };
    case 'reset':
      return { ...closedScan, messageSeq: state.messageSeq };
  }
}
