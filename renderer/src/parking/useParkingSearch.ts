// One parking search at a time: asks the agent (parking.find) and keeps the answer only in this screen's memory, so
// it is gone when the screen unmounts (back home, idle, attract). A newer search or a reset drops an older answer.
import { useCallback, useRef, useState } from 'react';
import type { ParkingFindResult } from '../../../contracts/parking.ts';
import { ApiCallError, call } from '../api/client.ts';
import { useReportFailure } from '../api/AgentFailureContext.ts';

export type SearchState =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'done'; result: ParkingFindResult }
  /** The agent refused the request (the plate, a member session gone) or the call failed: its error code. */
  | { status: 'failed'; code: string };

export function useParkingSearch(): { state: SearchState; search: (plate: string, memberSession: string | null) => void; reset: () => void } {
  const reportFailure = useReportFailure();
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const seq = useRef(0);
  const search = useCallback((plate: string, memberSession: string | null) => {
    const mine = ++seq.current;
    setState({ status: 'searching' });
    call('parking.find', { plate, memberSession }).then(
      (result) => { if (seq.current === mine) setState({ status: 'done', result }); },
      (err: unknown) => {
        if (seq.current !== mine) return;
        // Only a failure of the connection itself changes the whole screen; a refusal is this screen's to explain.
        if (reportFailure(err)) return;
        setState({ status: 'failed', code: err instanceof ApiCallError ? err.code : 'internal' });
      },
    );
  }, [reportFailure]);
  const reset = useCallback(() => {
    seq.current++;
    setState({ status: 'idle' });
  }, []);
  return { state, search, reset };
}
