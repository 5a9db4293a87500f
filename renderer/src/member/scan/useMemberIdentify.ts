// Sends scanned codes to the agent (member.identify) and turns the answer into screen changes: a member home,
// or a refusal message in the scan panel. One code at a time; codes arriving while one is checked are dropped
// (the shopper sees "checking" and the camera will see the code again).
import { useCallback, useEffect, useReducer, useRef, type Dispatch } from 'react';
import type { IdentifySource, MemberHome } from '../../../../contracts/members.ts';
import { ApiCallError, call } from '../../api/client.ts';
import { useReportFailure } from '../../api/AgentFailureContext.ts';
import { isUnreadableCode } from './classifyCode.ts';
import { closedScan, scanReducer, type ScanAction, type ScanState } from './scanState.ts';
import { useLatest } from '../../ui/useLatest.ts';

/** performance mark at the moment a code was seen (camera frame grabbed, or the scanner's Enter). */
export const SCAN_MARK = 'atrium:scan';
/** When the code went to the agent (for the camera: after decoding), and when its answer arrived. */
export const SENT_MARK = 'atrium:identify-sent';
export const IDENTIFIED_MARK = 'atrium:identified';

export type Identify = (source: IdentifySource, code: string, seenAt: number) => void;

export function useMemberIdentify(sessionId: number, onIdentified: (home: MemberHome) => void): [ScanState, Dispatch<ScanAction>, Identify] {
  const reportFailure = useReportFailure();
  const [scan, dispatch] = useReducer(scanReducer, closedScan);
  const busy = useRef(false);
  const currentSession = useLatest(sessionId);
  const latestOnIdentified = useLatest(onIdentified);

  useEffect(() => { dispatch({ type: 'reset' }); }, [sessionId]);

  const identify = useCallback<Identify>((source, code, seenAt) => {
    if (busy.current) return;
    performance.clearMarks(SCAN_MARK);
    performance.mark(SCAN_MARK, { startTime: seenAt, detail: { source } });
    if (isUnreadableCode(code)) {
      dispatch({ type: 'refused', reason: 'malformed', source });
      return;
    }
    busy.current = true;
    performance.clearMarks(SENT_MARK);
    performance.mark(SENT_MARK);
    const startedIn = currentSession.current;
    dispatch({ type: 'checking', source });
    call('member.identify', { source, code: code.trim() }).then(
      (result) => {
        busy.current = false;
        performance.clearMarks(IDENTIFIED_MARK);
        performance.mark(IDENTIFIED_MARK);
        // The kiosk session ended while the agent was checking: whoever scanned has walked away.
        if (currentSession.current !== startedIn) return;
        if (result.status === 'identified') {
          dispatch({ type: 'identified' });
          latestOnIdentified.current(result.home);
        } else {
          dispatch({ type: 'refused', reason: result.reason, source });
        }
      },
      (err: unknown) => {
        busy.current = false;
        if (reportFailure(err)) return;
        console.warn('atrium: member code could not be checked', err);
        const invalid = err instanceof ApiCallError && err.code === 'invalid_params';
        dispatch({ type: 'refused', reason: invalid ? 'malformed' : 'failed', source });
      },
    );
  }, [reportFailure, currentSession, latestOnIdentified]);

  return [scan, dispatch, identify];
}
